// A RunOutput that writes every sample to a file in k6's per-sample formats (`--out json=FILE` /
// `csv=FILE`). The timing path only copies (series, value, time) into one of two fixed-size buffers; a
// full buffer is handed to a writer thread (sample-writer-thread.ts) that formats and writes it, so the
// run's thread does no formatting and no file I/O for it.
import { Worker } from 'node:worker_threads';
import type { OutputMeta, OutputOutcome, RunOutput, SampleTap, SampledSeries } from '../contracts/output.ts';
import type { FromWriter, SeriesDeclaration, ToWriter, WriterStart } from './sample-writer-protocol.ts';

/** Samples one buffer holds; two buffers bound the memory (about 2 x 20 bytes + a reference per sample). */
export const SAMPLE_BUFFER = 32_768;
/** Longest slice of work (numbering a buffer's series) between event-loop turns, ms. */
const SLICE_MS = 1;

/** Fixed-size columns of samples; `n` filled. `ids` is written just before the buffer goes to the writer; the typed arrays are away (detached) meanwhile. */
class SampleBuffer {
  n = 0;
  readonly series: (SampledSeries | undefined)[] = new Array(SAMPLE_BUFFER).fill(undefined);
  values: Float64Array = new Float64Array(SAMPLE_BUFFER);
  times: Float64Array = new Float64Array(SAMPLE_BUFFER);
  ids: Int32Array = new Int32Array(SAMPLE_BUFFER);
}

/** Options of a sample file output. */
export interface SampleFileOptions {
  /** Short name for messages, e.g. 'json output'. */
  name: string;
  /** Absolute path of the file (created or replaced at start). */
  path: string;
  kind: 'json' | 'csv';
  /** Threshold expressions by metric name, declared in JSON's Metric lines. */
  thresholds?: ReadonlyMap<string, readonly string[]>;
}

/**
 * Writes every sample of the run to `path`. Memory is bounded by two buffers of SAMPLE_BUFFER samples
 * and the writer's stream high-water mark: when both buffers are taken (the disk or the formatting
 * cannot keep up), further samples are dropped and counted, and `stop` warns with the count.
 */
export function sampleFileOutput(o: SampleFileOptions): RunOutput {
  const data: WriterStart = { path: o.path, kind: o.kind, thresholds: [...(o.thresholds ?? new Map())].map(([k, v]) => [k, [...v]]) };
  const worker = new Worker(new URL('./sample-writer-main.mjs', import.meta.url), { workerData: data });
  worker.unref();
  const post = (m: ToWriter, transfer: ArrayBuffer[] = []) => worker.postMessage(m, transfer);
  let started = false;
  let error: string | undefined;
  let gone = false; // the writer thread ended (stopped, or died)
  let filling = new SampleBuffer();
  let spare: SampleBuffer | undefined = new SampleBuffer();
  const full: SampleBuffer[] = [];
  /** Buffers with the writer, by batch number. */
  const away = new Map<number, SampleBuffer>();
  let batches = 0;
  let dropped = 0;
  let draining = false;
  let scheduled = false;
  const ids = new Map<SampledSeries, number>();
  let waiters: Array<() => void> = [];
  const wake = () => { const w = waiters; waiters = []; for (const r of w) r(); };
  let stopped: ((error: string | undefined) => void) | undefined;

  worker.on('message', (m: FromWriter) => {
    if (m.type === 'free') {
      const b = away.get(m.batch)!;
      away.delete(m.batch);
      b.ids = m.ids; b.values = m.values; b.times = m.times; b.n = 0;
      if (!spare) spare = b;
      wake();
      if (full.length) schedule();
    } else {
      error ??= m.error;
      stopped?.(m.error);
    }
  });
  worker.on('error', (err) => { error ??= err.message; });
  worker.on('exit', () => { gone = true; if (!stopped) error ??= 'the writer thread ended early'; stopped?.(error); wake(); });

  const tap: SampleTap = {
    sample(series, value, perfNow) {
      let b = filling;
      if (b.n === SAMPLE_BUFFER) {
        if (!spare) { dropped++; return; }
        full.push(b);
        b = filling = spare;
        spare = undefined;
        schedule();
      }
      const i = b.n++;
      b.series[i] = series;
      b.values[i] = value;
      b.times[i] = perfNow;
    },
  };

  function schedule(): void {
    if (scheduled || draining || !started) return;
    scheduled = true;
    setImmediate(() => { scheduled = false; void drain(); });
  }

  /** Numbers the series of the full buffers (a slice at a time) and hands each to the writer. */
  async function drain(): Promise<void> {
    if (draining || !started) return;
    draining = true;
    try {
      while (full.length && !gone) {
        const b = full[0];
        let declare: SeriesDeclaration[] = [];
        let i = 0;
        while (i < b.n) {
          const until = performance.now() + SLICE_MS;
          for (; i < b.n && performance.now() < until;) {
            const end = Math.min(b.n, i + 256);
            for (; i < end; i++) {
              const s = b.series[i]!;
              let id = ids.get(s);
              if (id === undefined) {
                id = ids.size;
                ids.set(s, id);
                declare.push({ id, def: { name: s.def.name, type: s.def.type, contains: s.def.contains, description: s.def.description }, tags: { key: s.tags.key, tags: s.tags.tags } });
              }
              b.ids[i] = id;
              b.series[i] = undefined;
            }
          }
          if (i < b.n) await new Promise<void>((r) => setImmediate(r));
        }
        if (declare.length) { post({ type: 'series', list: declare }); declare = []; }
        const batch = batches++;
        away.set(batch, b);
        full.shift();
        post({ type: 'batch', batch, n: b.n, ids: b.ids, values: b.values, times: b.times }, [b.ids.buffer as ArrayBuffer, b.values.buffer as ArrayBuffer, b.times.buffer as ArrayBuffer]);
      }
    } finally {
      draining = false;
    }
  }

  /** Moves the partly filled buffer to the full ones (when a buffer is free to take its place) and drains. */
  function flushFilling(): void {
    if (filling.n === 0 || !spare) return;
    full.push(filling);
    filling = spare;
    spare = undefined;
    schedule();
  }

  return {
    name: o.name,
    samples: tap,
    start(meta: OutputMeta) {
      started = true;
      post({ type: 'open', toEpoch: meta.startEpoch - meta.startPerf });
    },
    second() { flushFilling(); },
    async stop(outcome: OutputOutcome) {
      worker.ref(); // the writer's answers must keep the process alive until the file is closed
      if (!started || gone) {
        await worker.terminate();
        if (started && error) outcome.warn(`${o.name} (${o.path}) could not be written: ${error}`);
        return;
      }
      // The last samples: every buffer to the writer, then wait until each came back (written).
      for (let guard = 0; guard < 100_000 && !gone; guard++) {
        if (filling.n && spare) flushFilling();
        if (full.length) { await drain(); continue; }
        if (!filling.n && !away.size) break;
        await new Promise<void>((r) => waiters.push(r));
      }
      const closed = new Promise<string | undefined>((r) => { stopped = r; });
      if (!gone) post({ type: 'stop' });
      const err = gone ? error : await closed;
      await worker.terminate();
      if (err ?? error) outcome.warn(`${o.name} (${o.path}) could not be written: ${err ?? error}`);
      if (dropped) outcome.warn(`${o.name} dropped ${dropped} samples: they came faster than the file could be written (memory is bounded); the summary and time series have every sample`);
    },
  };
}
