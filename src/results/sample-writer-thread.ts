// The thread that formats and writes k6's per-sample files (`--out json` / `--out csv`), so the run's
// thread, which sends requests and timestamps responses, only copies samples into buffers. It runs at
// the lowest CPU priority (nice 19, this thread only, where the OS allows it): on a generator whose
// cores are busy, the timing thread preempts it, and samples queue (bounded, dropped and counted by the run's side).
import { parentPort, workerData } from 'node:worker_threads';
import { createWriteStream, readlinkSync } from 'node:fs';
import { setPriority } from 'node:os';
import { k6CsvFormat, k6JsonFormat } from './k6-sample-format.ts';
import type { FromWriter, ToWriter, WriterStart } from './sample-writer-protocol.ts';

/** Bytes the file stream may hold unwritten before a batch is handed back (the run then fills its other buffer). */
const STREAM_HIGH_WATER = 4 * 1024 * 1024;

const start = workerData as WriterStart;
const port = parentPort!;
const post = (m: FromWriter, transfer: ArrayBuffer[] = []) => port.postMessage(m, transfer);

/** Lowers this thread's priority (Linux: setpriority on the thread's id changes this thread only). */
function lowerPriority(): void {
  try {
    const tid = Number(readlinkSync('/proc/thread-self').split('/').pop());
    if (Number.isInteger(tid) && tid > 0) setPriority(tid, 19);
  } catch { /* not Linux, or not allowed: the thread keeps the normal priority */ }
}
lowerPriority();

const format = start.kind === 'json' ? k6JsonFormat(new Map(start.thresholds)) : k6CsvFormat();
const lines: Array<(value: number, epochMs: number) => string> = [];
const declared = new Set<string>();
let stream: ReturnType<typeof createWriteStream> | undefined;
let toEpoch = 0;
let error: string | undefined;
/** Messages are handled one after another: a batch waiting for the stream to drain holds the ones behind it. */
let queue: Promise<void> = Promise.resolve();

function drained(s: NonNullable<typeof stream>): Promise<void> {
  return new Promise<void>((r) => {
    const done = () => { s.off('drain', done); s.off('error', done); s.off('close', done); r(); };
    s.on('drain', done); s.on('error', done); s.on('close', done);
  });
}

async function handle(m: ToWriter): Promise<void> {
  switch (m.type) {
    case 'open':
      toEpoch = m.toEpoch;
      stream = createWriteStream(start.path);
      stream.on('error', (err) => { error ??= err.message; });
      if (format.header) stream.write(format.header);
      return;
    case 'series': {
      let text = '';
      for (const s of m.list) {
        lines[s.id] = format.prepare(s);
        if (!declared.has(s.def.name)) { declared.add(s.def.name); text += format.metricLine(s); }
      }
      if (text && stream && !error) stream.write(text);
      return;
    }
    case 'batch': {
      const { ids, values, times, n } = m;
      if (stream && !error) {
        for (let i = 0; i < n;) {
          const end = Math.min(n, i + 4096);
          let text = '';
          for (; i < end; i++) text += lines[ids[i]](values[i], times[i] + toEpoch);
          stream.write(text);
        }
        if (stream.writableLength > STREAM_HIGH_WATER) await drained(stream);
      }
      post({ type: 'free', batch: m.batch, ids, values, times }, [ids.buffer as ArrayBuffer, values.buffer as ArrayBuffer, times.buffer as ArrayBuffer]);
      return;
    }
    case 'stop':
      if (stream) await new Promise<void>((r) => stream!.end(() => r()));
      post({ type: 'stopped', error });
      port.close();
      return;
  }
}

port.on('message', (m: ToWriter) => { queue = queue.then(() => handle(m)).catch((err: Error) => { error ??= err.message; }); });
