// A RunOutput that writes every sample to a file in a SampleFormat (k6's `--out json=FILE` / `csv=FILE`).
// The timing path only copies (series, value, time) into one of two fixed-size buffers; formatting and
// writing happen later, in slices between setImmediate turns, with the stream's backpressure respected.
import { createWriteStream, type WriteStream } from 'node:fs';
import type { OutputMeta, OutputOutcome, RunOutput, SampleTap, SampledSeries } from '../contracts/output.ts';
import type { SampleFormat } from './k6-sample-format.ts';

/** Samples one buffer holds; two buffers bound the memory (about 2 x 24 bytes + a reference per sample). */
export const SAMPLE_BUFFER = 32_768;
/** Bytes the file stream may hold unwritten before formatting waits for it to drain. */
const STREAM_HIGH_WATER = 4 * 1024 * 1024;
/** Longest slice of formatting work between event-loop turns, ms. */
const SLICE_MS = 1;

/** Fixed-size columns of samples; `n` filled. */
class SampleBuffer {
  n = 0;
  readonly series: (SampledSeries | undefined)[] = new Array(SAMPLE_BUFFER).fill(undefined);
  readonly values = new Float64Array(SAMPLE_BUFFER);
  readonly times = new Float64Array(SAMPLE_BUFFER);
}

/** Resolves when `s` drained below its mark, or failed (then nothing more is written). */
function drained(s: WriteStream): Promise<void> {
  return new Promise<void>((r) => {
    const done = () => { s.off('drain', done); s.off('error', done); s.off('close', done); r(); };
    s.on('drain', done); s.on('error', done); s.on('close', done);
  });
}

/** Options of a sample file output. */
export interface SampleFileOptions {
  /** Short name for messages, e.g. 'json output'. */
  name: string;
  /** Absolute path of the file (created or replaced at start). */
  path: string;
  format: SampleFormat;
}

/**
 * Writes every sample of the run to `path`. Memory is bounded by two buffers of SAMPLE_BUFFER samples
 * and the stream's high-water mark: when both buffers are full (the disk or the formatting cannot keep
 * up), further samples are dropped and counted, and `stop` warns with the count.
 */
export function sampleFileOutput(o: SampleFileOptions): RunOutput {
  let stream: WriteStream | undefined;
  let error: Error | undefined;
  let toEpoch = 0; // epoch ms = perf + toEpoch
  let filling = new SampleBuffer();
  let spare: SampleBuffer | undefined = new SampleBuffer();
  const full: SampleBuffer[] = [];
  let dropped = 0;
  let draining = false;
  let scheduled = false;
  const lineOf = new Map<SampledSeries, (value: number, epochMs: number) => string>();
  const declared = new Set<string>();

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
    if (scheduled || draining || !stream) return;
    scheduled = true;
    setImmediate(() => { scheduled = false; void drain(); });
  }

  /** Formats and writes the full buffers, a slice at a time; waits for the stream when it is over its mark. */
  async function drain(): Promise<void> {
    if (draining || !stream) return;
    draining = true;
    try {
      while (full.length && !error) {
        const b = full[0];
        let i = 0;
        while (i < b.n) {
          const until = performance.now() + SLICE_MS;
          let text = '';
          for (; i < b.n && performance.now() < until;) {
            const end = Math.min(b.n, i + 64);
            for (; i < end; i++) {
              const s = b.series[i]!;
              let line = lineOf.get(s);
              if (!line) {
                line = o.format.prepare(s);
                lineOf.set(s, line);
                if (!declared.has(s.def.name)) { declared.add(s.def.name); text += o.format.metricLine(s); }
              }
              text += line(b.values[i], b.times[i] + toEpoch);
              b.series[i] = undefined;
            }
          }
          stream.write(text);
          if (stream.writableLength > STREAM_HIGH_WATER) await drained(stream);
          else await new Promise<void>((r) => setImmediate(r));
        }
        b.n = 0;
        full.shift();
        if (!spare) spare = b;
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
      toEpoch = meta.startEpoch - meta.startPerf;
      stream = createWriteStream(o.path);
      stream.on('error', (err) => { error ??= err; });
      if (o.format.header) stream.write(o.format.header);
    },
    second() { flushFilling(); },
    async stop(outcome: OutputOutcome) {
      if (!stream) return;
      // the last samples: wait for a drain in progress, then write what is left
      for (let guard = 0; guard < 1000 && (draining || full.length || filling.n); guard++) {
        if (!draining) { if (filling.n && spare) flushFilling(); else if (filling.n) { /* both busy */ } await drain(); }
        else await new Promise<void>((r) => setImmediate(r));
      }
      await new Promise<void>((r) => stream!.end(() => r()));
      if (error) outcome.warn(`${o.name} (${o.path}) could not be written: ${error.message}`);
      if (dropped) outcome.warn(`${o.name} dropped ${dropped} samples: they came faster than the file could be written (memory is bounded); the summary and time series have every sample`);
    },
  };
}
