// The run's outputs, listed once: each is a RunOutput (contracts/output.ts) and the run loop calls
// them all the same way. Adding an output means adding it to this list, not editing the run loop.
import { resolve } from 'node:path';
import type { MetricStore } from '../metrics/store.ts';
import type { RunOutput, OutputMeta, OutputOutcome } from '../contracts/output.ts';
import type { TimeseriesPoint } from '../contracts/metric-types.ts';
import { NdjsonWriter } from '../results/ndjson-writer.ts';
import { SnapshotWriter, SNAPSHOT_FILE } from '../snapshot/writer.ts';
import { startMetricsServer } from '../live/metrics-server.ts';
import type { SampleTap } from '../contracts/output.ts';
import { sampleFileOutput } from '../results/sample-file-output.ts';
import { joinedSampleOutput } from '../results/sample-file-parts.ts';

/** timeseries.ndjson: one line per second, opened when the load starts; the results store copies and closes it. */
export interface NdjsonOutput extends RunOutput {
  /** The open writer once started (undefined before: a run that never started has no time series). */
  readonly writer: NdjsonWriter | undefined;
}

/** timeseries.ndjson in `outDir`, appended each second (see NdjsonWriter). */
export function ndjsonOutput(): NdjsonOutput {
  let writer: NdjsonWriter | undefined;
  return {
    name: 'timeseries.ndjson',
    get writer() { return writer; },
    start(meta: OutputMeta) { writer = new NdjsonWriter(resolve(meta.outDir, 'timeseries.ndjson')); },
    second(point: TimeseriesPoint) { writer?.write(point); },
    // closed by storeResults after it has copied the file where it belongs
  };
}

/** segment-seconds.ndjson: every series' exact aggregate of every second, for `loadcert merge`. */
export function snapshotOutput(store: MetricStore): RunOutput {
  let writer: SnapshotWriter | undefined;
  return {
    name: SNAPSHOT_FILE,
    start(meta: OutputMeta) { writer = new SnapshotWriter(resolve(meta.outDir, SNAPSHOT_FILE), store); },
    stop(outcome: OutputOutcome) {
      writer?.close();
      if (writer?.error) outcome.warn(`${SNAPSHOT_FILE} could not be written (${writer.error.message}); this segment cannot be merged`);
    },
  };
}

/** A warm-up of `warmupSeconds`: its seconds stay in the time series, but the totals the criteria judge restart after them. */
export function warmupOutput(store: MetricStore, warmupSeconds: number): RunOutput {
  return {
    name: 'warm-up',
    // declared before the seconds are folded: the store (or its fold thread) resets right after that second
    start(meta: OutputMeta) { store.resetTotalsAt(meta.startEpoch + (warmupSeconds - 1) * 1000); },
  };
}

/** `--metrics-port`: the live Prometheus endpoint, bound now (a busy port is a ConfigError before preflight), closed on stop. */
export async function liveOutput(store: MetricStore, port: number, host: string | undefined, say: (m: string) => void): Promise<RunOutput> {
  const live = await startMetricsServer(store, port, host);
  say(`metrics: ${live.url} (Prometheus text format)`);
  return { name: 'metrics endpoint', stop: () => live.close() };
}

/** Which outputs a run has. */
export interface OutputChoice {
  metricsPort?: number;
  metricsHost?: string;
  /** Write the segment snapshot (segment runs and runs with --start-at). */
  snapshot: boolean;
  /** Whole warm-up seconds (0: none). */
  warmupSeconds: number;
  /** k6's per-sample files (`--out json=FILE`, `--out csv=FILE`). */
  sampleFiles?: readonly SampleFile[];
  /** Segment workers (--workers): each writes its samples to a part file, joined into each sample file at the end. */
  workers?: number;
  /** Threshold expressions by metric name, declared in the JSON file's Metric lines. */
  thresholdsByMetric?: ReadonlyMap<string, readonly string[]>;
}

/** One `--out KIND=FILE` of k6's per-sample outputs. */
export interface SampleFile {
  kind: 'json' | 'csv';
  /** As given (relative to the working directory, as in k6). */
  path: string;
}

/** `--out json=FILE` / `--out csv=FILE`: every sample in k6's format, written off the timing path. */
export function sampleOutput(f: SampleFile, thresholdsByMetric: ReadonlyMap<string, readonly string[]> = new Map()): RunOutput {
  return sampleFileOutput({ name: `${f.kind} output`, path: resolve(f.path), kind: f.kind, thresholds: thresholdsByMetric });
}

/** Threshold expressions by metric name (k6 lists a sub-metric's on its metric), for the JSON Metric lines. */
export function thresholdsByMetric(list: readonly { metric: string; expression: string }[]): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const t of list) out.set(t.metric, [...(out.get(t.metric) ?? []), t.expression]);
  return out;
}

/** The one tap the store calls for every sample: the outputs' taps (undefined when none wants samples). */
export function sampleTapOf(outputs: readonly RunOutput[]): SampleTap | undefined {
  const taps = outputs.flatMap((o) => (o.samples ? [o.samples] : []));
  if (taps.length <= 1) return taps[0];
  return { sample(s, v, t) { for (const tap of taps) tap.sample(s, v, t); } };
}

/** The run's outputs in call order (writers before the warm-up reset), and the time series to store. */
export async function runOutputs(store: MetricStore, choice: OutputChoice, say: (m: string) => void): Promise<{ outputs: RunOutput[]; timeseries: NdjsonOutput }> {
  const timeseries = ndjsonOutput();
  const outputs: RunOutput[] = [];
  if (choice.metricsPort !== undefined) outputs.push(await liveOutput(store, choice.metricsPort, choice.metricsHost, say));
  outputs.push(timeseries);
  for (const f of choice.sampleFiles ?? []) {
    const out = sampleOutput(f, choice.thresholdsByMetric);
    outputs.push(choice.workers ? joinedSampleOutput(out, { kind: f.kind, path: resolve(f.path) }, choice.workers) : out);
  }
  if (choice.snapshot) outputs.push(snapshotOutput(store));
  if (choice.warmupSeconds > 0) outputs.push(warmupOutput(store, choice.warmupSeconds));
  return { outputs, timeseries };
}

/** Calls `stop` of every output once, in order; a failing stop becomes a warning, never an exception. */
export async function stopOutputs(outputs: readonly RunOutput[], outcome: OutputOutcome): Promise<void> {
  for (const o of outputs) {
    try { await o.stop?.(outcome); } catch (err) { outcome.warn(`${o.name} failed to stop: ${(err as Error).message}`); }
  }
}
