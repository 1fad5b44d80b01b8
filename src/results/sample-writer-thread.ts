// The thread that formats and writes k6's per-sample files (`--out json` / `--out csv`), so the run's
// thread, which sends requests and timestamps responses, only copies samples into a shared ring. Every
// `pollMs` it formats the records published since (bytes into one reusable buffer) and writes them
// with a synchronous write from this thread (not the libuv pool, whose threads run at normal priority).
// It runs under SCHED_IDLE where Linux allows it (`chrt -i`: the kernel runs it only when the core has
// nothing else to run, and a waking timing thread preempts it at once), else at nice 19. When the run
// stops it gets the normal priority back where allowed, drains the ring and closes the file.
import { parentPort, workerData } from 'node:worker_threads';
import { spawnSync } from 'node:child_process';
import { closeSync, openSync, readlinkSync, writeSync } from 'node:fs';
import { setPriority } from 'node:os';
import { k6CsvFormat, k6JsonFormat } from './k6-sample-format.ts';
import { LineBytes } from './line-bytes.ts';
import { RingConsumer } from './sample-ring.ts';
import type { FromWriter, ToWriter, WriterPriority, WriterStart } from './sample-writer-protocol.ts';

/** Records formatted between releases of their slots to the run's thread. */
const RELEASE_EVERY = 16_384;

const start = workerData as WriterStart;
const port = parentPort!;
const post = (m: FromWriter) => port.postMessage(m);

/** This thread's id (Linux), or undefined. */
function threadId(): number | undefined {
  try {
    const tid = Number(readlinkSync('/proc/thread-self').split('/').pop());
    return Number.isInteger(tid) && tid > 0 ? tid : undefined;
  } catch { return undefined; }
}

/** Puts this thread (only) under SCHED_IDLE, or at nice 19 when that fails; says which. */
function lowerPriority(tid: number | undefined): WriterPriority {
  if (tid === undefined) return 'normal';
  let policy: WriterPriority = 'normal';
  try { setPriority(tid, 19); policy = 'nice 19'; } catch { /* not allowed */ }
  const r = spawnSync('chrt', ['--idle', '--pid', '0', String(tid)], { stdio: 'ignore', timeout: 5000 });
  return r.status === 0 ? 'SCHED_IDLE' : policy;
}

/** Back to SCHED_OTHER at nice 0 where allowed (the run is over: draining must not wait for an idle core). */
function restorePriority(tid: number | undefined, policy: WriterPriority): void {
  if (tid === undefined || policy === 'normal') return;
  if (policy === 'SCHED_IDLE') spawnSync('chrt', ['--other', '--pid', '0', String(tid)], { stdio: 'ignore', timeout: 5000 });
  try { setPriority(tid, 0); } catch { /* an unprivileged thread keeps nice 19 */ }
}

const tid = threadId();
const policy = lowerPriority(tid);
post({ type: 'priority', policy });

const ring = new RingConsumer(start.ring);
const format = start.kind === 'json' ? k6JsonFormat(new Map(start.thresholds)) : k6CsvFormat();
const lines: Array<((out: LineBytes, value: number, epochMs: number) => void) | undefined> = [];
const declared = new Set<string>();
let fd: number | undefined;
let toEpoch = 0;
let error: string | undefined;
let written = 0;
let timer: NodeJS.Timeout | undefined;

/** Writes all of `buf[0, length)` to the file; on the first error keeps it and stops writing. */
function sink(buf: Buffer, length: number): void {
  if (fd === undefined || error) return;
  try {
    for (let off = 0; off < length;) off += writeSync(fd, buf, off, length - off);
  } catch (err) {
    error = (err as Error).message;
  }
}
const out = new LineBytes(sink);

/**
 * Formats and writes the published records, up to the first whose series is not declared yet (its
 * declaration is still in the message queue); returns the records left (those).
 */
function consume(): number {
  const { ids, values, times } = ring;
  let n = ring.available();
  while (n > 0) {
    const chunk = Math.min(n, RELEASE_EVERY);
    let k = 0;
    for (; k < chunk; k++) {
      const i = ring.slot(k);
      const line = lines[ids[i]];
      if (line === undefined) break;
      line(out, values[i], times[i] + toEpoch);
    }
    out.flush();
    ring.release(k);
    written += k;
    n -= k;
    if (k < chunk) break;
  }
  return n;
}

function poll(): void {
  timer = undefined;
  consume();
  timer = setTimeout(poll, start.pollMs);
}

function handle(m: ToWriter): void {
  switch (m.type) {
    case 'open':
      toEpoch = m.toEpoch;
      try { fd = openSync(start.path, 'w'); } catch (err) { error = (err as Error).message; }
      if (format.header) out.text(format.header);
      timer = setTimeout(poll, start.pollMs);
      return;
    case 'series':
      for (const s of m.list) {
        lines[s.id] = format.prepare(s);
        if (!declared.has(s.def.name)) { declared.add(s.def.name); out.bytes(Buffer.from(format.metricLine(s))); }
      }
      return;
    case 'stop': {
      if (timer) clearTimeout(timer);
      restorePriority(tid, policy);
      const left = consume();
      if (left && !error) error = `${left} samples of undeclared series were not written`;
      out.flush();
      if (fd !== undefined) try { closeSync(fd); } catch (err) { error ??= (err as Error).message; }
      post({ type: 'stopped', written, ...(error ? { error } : {}) });
      port.close();
      return;
    }
  }
}

port.on('message', (m: ToWriter) => {
  try { handle(m); } catch (err) { error ??= (err as Error).message; }
});
