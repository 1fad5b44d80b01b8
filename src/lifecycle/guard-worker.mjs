// The process guard's worker thread (plain JavaScript: it runs without the tsx loader). It has its own
// event loop, so it keeps working while the main thread is blocked by busy scenario code or allocation.
// It ends the process (exit workerData.exitCode) when, after a stop request (SIGINT/SIGTERM, or the
// parent process gone), the main thread's event loop makes no progress for blockedMs, the process still
// runs deadlineMs after the request, or a second signal arrives and the main thread does not exit first.
// See process-guard.ts for the contract.
import { parentPort, workerData } from 'node:worker_threads';
import { writeSync } from 'node:fs';
import inspector from 'node:inspector';
import { constants } from 'node:os';

const { exitCode, blockedMs, deadlineMs, name, watchParent, heartbeat } = workerData;
const beat = new Int32Array(heartbeat);
const { SIGINT, SIGTERM } = constants.signals;
const POLL_MS = 100;
const SECOND_SIGNAL_WAIT_MS = 500;

let stopRequestedAt = 0;
let stopReason = '';
let signals = 0;
let lastBeat = Atomics.load(beat, 0);
let lastProgressAt = Date.now();
let ending = false;
const initialParent = process.ppid;

function say(message) {
  try { writeSync(2, `\n${name}: ${message}\n`); } catch { /* stderr gone: nothing to tell */ }
}

/** Ends the whole process: process.exit(exitCode) run on the main thread through an inspector interrupt
 * (it runs even inside a busy JavaScript loop, and 'exit' handlers still stop child processes); SIGKILL
 * when the main thread does not take it within 3 s. */
function endProcess(why) {
  if (ending) return;
  ending = true;
  say(`${why}; exiting now with code ${exitCode}`);
  // JavaScript on the main thread is interrupted at once; native code (a stuck system call) is not.
  setTimeout(() => {
    say('the main thread did not take the exit (stuck in native code?): killing the process (SIGKILL)');
    process.kill(process.pid, 'SIGKILL');
  }, 3000).unref();
  try {
    const session = new inspector.Session();
    session.connectToMainThread();
    session.post('Runtime.evaluate', { expression: `process.exit(${Number(exitCode)})` }, () => {});
  } catch {
    process.kill(process.pid, 'SIGKILL');
  }
}

function requestStop(why) {
  if (stopRequestedAt) return;
  stopRequestedAt = Date.now();
  stopReason = why;
  lastProgressAt = stopRequestedAt; // the blocked clock starts with the request
}

function onSignal(signo) {
  signals++;
  if (signals === 1) return requestStop(signo === SIGINT ? 'SIGINT' : 'SIGTERM');
  // The main thread's own handler exits at once when it can run; if it cannot, the guard does.
  setTimeout(() => endProcess('a second signal arrived while scenario code blocked the event loop'), SECOND_SIGNAL_WAIT_MS).unref();
}

// Signals reach only the main thread's process.on() in Node; signal_wrap gives this thread its own
// watcher (libuv delivers a signal to every loop that watches it). Without it, the main thread reports
// its first signal by message and the blocked and deadline rules still hold.
let signalHandles = [];
try {
  const quiet = process.noDeprecation;
  process.noDeprecation = true; // DEP0111 is documentation-only: nothing for the user to act on
  const { Signal } = process.binding('signal_wrap');
  process.noDeprecation = quiet;
  signalHandles = [SIGINT, SIGTERM].map((signo) => {
    const h = new Signal();
    h.onsignal = () => onSignal(signo);
    h.start(signo);
    return h;
  });
} catch {
  signalHandles = [];
}

parentPort.on('message', (m) => {
  if (m?.type === 'stop') requestStop(m.why);
  if (m?.type === 'close') {
    for (const h of signalHandles) h.close();
    clearInterval(timer);
    parentPort.close();
  }
});

const timer = setInterval(() => {
  const now = Date.now();
  const b = Atomics.load(beat, 0);
  if (b !== lastBeat) { lastBeat = b; lastProgressAt = now; }
  if (watchParent && initialParent > 1 && process.ppid !== initialParent && !stopRequestedAt) {
    say(`parent process ${initialParent} is gone: stopping`);
    requestStop(`parent process ${initialParent} exited`);
    process.kill(process.pid, 'SIGTERM'); // the main thread's handler stops gracefully, as for a signal
  }
  if (!stopRequestedAt || ending) return;
  if (now - lastProgressAt >= blockedMs) endProcess(`the event loop has been blocked for ${Math.round((now - lastProgressAt) / 1000)} s after ${stopReason} (busy scenario code?)`);
  else if (now - stopRequestedAt >= deadlineMs) endProcess(`still running ${Math.round(deadlineMs / 1000)} s after ${stopReason}`);
}, POLL_MS);

parentPort.postMessage({ type: 'ready', signals: signalHandles.length > 0 });
