// The output contract: every consumer of a run's per-second stream (timeseries.ndjson, the segment
// snapshot, the live Prometheus endpoint, the warm-up reset, k6's `--out json` / `--out csv` through the
// per-sample tap) plugs into the run loop through these three methods, and the loop lists them.
import type { MetricDef, TagSet, TimeseriesPoint } from './metric-types.ts';
import type { RunStatus } from './summary-types.ts';

/** What every output learns when the load's clock starts (after preflight passed, before the first second). */
export interface OutputMeta {
  /** The run's results folder (it exists). */
  readonly outDir: string;
  /** Epoch ms at which the run's first second starts (the --start-at instant when given). */
  readonly startEpoch: number;
  /** performance.now() at `startEpoch`: a sample's epoch ms is startEpoch + (perfNow - startPerf). */
  readonly startPerf: number;
  /** Adds a warning to the run's results (shown once). */
  warn(message: string): void;
}

/** One series as a sample tap sees it: the same object for every sample of the series (key caches by identity). */
export interface SampledSeries {
  readonly def: MetricDef;
  readonly tags: TagSet;
}

/**
 * Per-sample data (k6's `--out json`): `sample` is called for every value recorded in this thread, ON
 * the timing path, right after the value is recorded, with performance.now() of the recording. It must
 * only copy the three arguments into a bounded buffer (no formatting, no I/O, no allocation per call in
 * the steady state) and write later, off the timing thread or from `second` or a timer; when the buffer is full it drops
 * and counts, and says so in `stop`. Samples recorded in worker threads (--workers) reach the tap of the worker's
 * own output (results/sample-file-parts.ts joins the files).
 */
export interface SampleTap {
  sample(series: SampledSeries, value: number, perfNow: number): void;
}

/** How the run ended, for `stop`. */
export interface OutputOutcome {
  /** The run's status; 'preflight-failed' means `start` and `second` were never called. */
  readonly status: RunStatus;
  /** Adds a warning to the run's results (an output that lost data says so here). */
  warn(message: string): void;
}

/**
 * A consumer of the run's folded seconds. Creating one (its factory, before preflight) may acquire
 * what must fail early, e.g. bind a port (a ConfigError, exit 104). Then, in this order:
 * `start(meta)` once when the load's clock starts; `second(point)` for every folded second in time
 * order, the partial last second included (point.partialMs), on the run's thread after the fold, so it
 * must not block (no awaits: a slow sink buffers or drops and says so in `stop`); `stop(outcome)`
 * exactly once, also when `start` was never called (preflight failed), after the last second and
 * before the results are stored. An output never throws out of `second`; it keeps the error and
 * warns in `stop`. Outputs run in the order the run lists them (a reset of the totals listed after the
 * writers, so the writers see the second before it).
 *
 * `--out json` / `--out csv` (k6's per-sample files) take every sample through `samples` and write
 * the buffered samples from a writer thread (src/results/sample-file-output.ts), closing in `stop`. Fault phases (issue 25) are not an output: they need each
 * second's exact aggregates per series, so src/resilience follows the store's onSeriesSecond like the evaluator.
 */
export interface RunOutput {
  /** Short name for messages, e.g. 'timeseries.ndjson' or 'metrics endpoint'. */
  readonly name: string;
  start?(meta: OutputMeta): void;
  second?(point: TimeseriesPoint): void;
  /** Present on outputs of every sample (see SampleTap); the run installs it before the first second. */
  readonly samples?: SampleTap;
  stop?(outcome: OutputOutcome): void | Promise<void>;
}
