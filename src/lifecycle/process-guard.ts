// The process guard: a worker thread that ends the process when a stop cannot happen on the main thread.
import { Worker } from 'node:worker_threads';

/** After a stop request, how long the main thread's event loop may make no progress before the guard ends the process, ms. */
export const STOP_BLOCKED_MS = 10_000;
/** After a stop request, how long the process may still run before the guard ends it, whatever the main thread does, ms. */
export const STOP_DEADLINE_MS = 600_000;

/** What the guard does and how it ends the process. */
export interface ProcessGuardOptions {
  /** Exit code when the guard ends the process (loadcert run: 105, stopped from outside). */
  exitCode: number;
  /** Prefix of the guard's messages on stderr, e.g. "loadcert". */
  name: string;
  /** Stop (SIGTERM to itself, handled like any SIGTERM) when the parent process exits; default true. */
  watchParent?: boolean;
  /** Overrides STOP_BLOCKED_MS. */
  blockedMs?: number;
  /** Overrides STOP_DEADLINE_MS. */
  deadlineMs?: number;
}

/** A running guard. */
export interface ProcessGuard {
  /** Tells the guard a stop was requested (the main thread's own signal handler calls it; idempotent). */
  stopRequested(why: string): void;
  /** Stops the guard and its signal watchers (signals get their default action back). */
  close(): void;
}

/**
 * Starts the guard for this process. It sees SIGINT/SIGTERM on its own thread, so it works while
 * scenario code or allocation blocks the main thread: after the first stop request (a signal, the parent
 * process gone, or stopRequested()), it ends the process with `exitCode` when the main thread's event loop
 * makes no progress for STOP_BLOCKED_MS or the process still runs STOP_DEADLINE_MS later; a second signal
 * the main thread cannot handle ends the process at once. The parent is watched by polling
 * process.ppid (every 100 ms), which changes when the parent dies whatever kind of process it was.
 * The worker does not keep the process alive. Never throws: without worker threads it returns a no-op guard.
 */
export function startProcessGuard(opts: ProcessGuardOptions): ProcessGuard {
  const heartbeat = new SharedArrayBuffer(4);
  const beat = new Int32Array(heartbeat);
  let worker: Worker;
  try {
    worker = new Worker(new URL('./guard-worker.mjs', import.meta.url), {
      execArgv: [], // no tsx loader in the worker: it is plain JavaScript
      workerData: {
        exitCode: opts.exitCode, name: opts.name, watchParent: opts.watchParent ?? true, heartbeat,
        blockedMs: opts.blockedMs ?? STOP_BLOCKED_MS, deadlineMs: opts.deadlineMs ?? STOP_DEADLINE_MS,
      },
    });
  } catch {
    return { stopRequested() {}, close() {} };
  }
  worker.unref();
  worker.on('error', (err) => process.stderr.write(`${opts.name}: the process guard failed (${err.message}); signals still work while the event loop runs\n`));
  const ticker = setInterval(() => Atomics.add(beat, 0, 1), 100);
  ticker.unref();
  let closed = false;
  return {
    stopRequested(why: string): void {
      if (!closed) worker.postMessage({ type: 'stop', why });
    },
    close(): void {
      if (closed) return;
      closed = true;
      clearInterval(ticker);
      worker.postMessage({ type: 'close' });
    },
  };
}
