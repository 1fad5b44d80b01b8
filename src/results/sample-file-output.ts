// A RunOutput that writes every sample to a file in k6's per-sample formats (`--out json=FILE` /
// `csv=FILE`). On the timing path a sample costs a lookup of its series' number and three stores into a
// ring of fixed-size records in shared memory (sample-ring.ts), nothing allocated; every PUBLISH_MS the
// run's thread makes the new records visible (one atomic store, plus one message when new series
// appeared), and a writer thread (sample-writer-thread.ts) formats and writes them, so the run's
// thread does no formatting, no file I/O and sends no message per sample or per batch.
import { Worker } from 'node:worker_threads';
import type { OutputMeta, OutputOutcome, RunOutput, SampleTap, SampledSeries } from '../contracts/output.ts';
import { createRingMemory, RingProducer, RECORD_BYTES } from './sample-ring.ts';
import type { FromWriter, SeriesDeclaration, ToWriter, WriterPriority, WriterStart } from './sample-writer-protocol.ts';

/** Records the ring holds (262,144: 5 MB; about 2 s of samples at 10,000 requests/s): a writer starved longer drops samples. */
export const SAMPLE_RING = 1 << 18;
/** How often the run's thread publishes new records, ms. */
const PUBLISH_MS = 20;
/** How often the writer thread formats and writes what was published, ms (bigger, rarer batches). */
const POLL_MS = 100;

/** Options of a sample file output. */
export interface SampleFileOptions {
  /** Short name for messages, e.g. 'json output'. */
  name: string;
  /** Absolute path of the file (created or replaced at start). */
  path: string;
  kind: 'json' | 'csv';
  /** Threshold expressions by metric name, declared in JSON's Metric lines. */
  thresholds?: ReadonlyMap<string, readonly string[]>;
  /** Records of the ring (a power of two; default SAMPLE_RING). */
  capacity?: number;
}

/** A sample file output, and what it has done so far (for tests and the run's messages). */
export interface SampleFileOutput extends RunOutput {
  readonly samples: SampleTap;
  /** Samples dropped because the ring was full. */
  readonly dropped: number;
  /** Samples the writer wrote (known once `stop` resolved). */
  readonly written: number;
  /** How the writer thread is scheduled (known shortly after creation). */
  readonly priority: WriterPriority | undefined;
}

/**
 * Writes every sample of the run to `path`. Memory is bounded by the ring (capacity x 20 bytes) and
 * the writer's 64 KiB line buffer: when the ring is full (the writer cannot keep up, e.g. the core is
 * busy or the disk slow), further samples are dropped and counted, and `stop` warns with the count.
 * `stop` publishes the last records and waits until the writer has written all of them and closed the file.
 */
export function sampleFileOutput(o: SampleFileOptions): SampleFileOutput {
  const memory = createRingMemory(o.capacity ?? SAMPLE_RING);
  const ring = new RingProducer(memory);
  const data: WriterStart = { path: o.path, kind: o.kind, thresholds: [...(o.thresholds ?? new Map())].map(([k, v]) => [k, [...v]]), ring: memory, pollMs: POLL_MS };
  const worker = new Worker(new URL('./sample-writer-main.mjs', import.meta.url), { workerData: data });
  worker.unref();
  const post = (m: ToWriter) => worker.postMessage(m);
  let started = false;
  let error: string | undefined;
  let gone = false; // the writer thread ended (stopped, or died)
  let dropped = 0;
  let written = 0;
  let priority: WriterPriority | undefined;
  const ids = new Map<SampledSeries, number>();
  let declare: SeriesDeclaration[] = [];
  let timer: NodeJS.Timeout | undefined;
  let stopped: ((error: string | undefined) => void) | undefined;

  worker.on('message', (m: FromWriter) => {
    if (m.type === 'priority') { priority = m.policy; return; }
    written = m.written;
    error ??= m.error;
    stopped?.(m.error);
  });
  worker.on('error', (err) => { error ??= err.message; });
  worker.on('exit', () => { gone = true; if (!stopped) error ??= 'the writer thread ended early'; stopped?.(error); });

  const tap: SampleTap = {
    sample(series, value, perfNow) {
      let id = ids.get(series);
      if (id === undefined) {
        id = ids.size;
        ids.set(series, id);
        const s = series;
        declare.push({ id, def: { name: s.def.name, type: s.def.type, contains: s.def.contains, description: s.def.description }, tags: { key: s.tags.key, tags: s.tags.tags } });
      }
      if (!ring.push(id, value, perfNow)) dropped++;
    },
  };

  /** Declares the new series to the writer, then makes the pushed records visible to it. */
  function publish(): void {
    if (gone) return;
    if (declare.length) { post({ type: 'series', list: declare }); declare = []; }
    ring.publish();
  }

  return {
    name: o.name,
    samples: tap,
    get dropped() { return dropped; },
    get written() { return written; },
    get priority() { return priority; },
    start(meta: OutputMeta) {
      started = true;
      post({ type: 'open', toEpoch: meta.startEpoch - meta.startPerf });
      timer = setInterval(publish, PUBLISH_MS);
      timer.unref();
    },
    second() { publish(); },
    async stop(outcome: OutputOutcome) {
      if (timer) clearInterval(timer);
      worker.ref(); // the writer's answer must keep the process alive until the file is closed
      if (!started || gone) {
        await worker.terminate();
        if (started && error) outcome.warn(`${o.name} (${o.path}) could not be written: ${error}`);
        return;
      }
      const closed = new Promise<string | undefined>((r) => { stopped = r; });
      publish();
      post({ type: 'stop' });
      const err = await closed;
      await worker.terminate();
      if (err ?? error) outcome.warn(`${o.name} (${o.path}) could not be written: ${err ?? error}`);
      if (dropped) outcome.warn(`${o.name} dropped ${dropped} samples: they came faster than the file could be written (a ring of ${ring.capacity} samples, ${(ring.capacity * RECORD_BYTES / 1e6).toFixed(1)} MB, bounds the memory); the summary and time series have every sample`);
    },
  };
}
