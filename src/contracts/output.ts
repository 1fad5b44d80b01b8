// The output contract: every consumer of a run's per-second stream (timeseries.ndjson, the segment
// snapshot, the live Prometheus endpoint, the warm-up reset; next a k6-style `--out json` and fault
// phase tagging) plugs into the run loop through these three methods, and the loop lists them.
import type { TimeseriesPoint } from './metric-types.ts';
import type { RunStatus } from './summary-types.ts';

/** What every output learns when the load's clock starts (after preflight passed, before the first second). */
export interface OutputMeta {
  /** The run's results folder (it exists). */
  readonly outDir: string;
  /** Epoch ms at which the run's first second starts (the --start-at instant when given). */
  readonly startEpoch: number;
  /** Adds a warning to the run's results (shown once). */
  warn(message: string): void;
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
 * Planned outputs fit as they are: `--out json` (issue 22) writes each point as k6 JSON lines in
 * `second` and closes in `stop`; fault phases (issue 25) learn the schedule in `start`, tag each
 * second with its phase in `second` and hand the phases to the summary in `stop`.
 */
export interface RunOutput {
  /** Short name for messages, e.g. 'timeseries.ndjson' or 'metrics endpoint'. */
  readonly name: string;
  start?(meta: OutputMeta): void;
  second?(point: TimeseriesPoint): void;
  stop?(outcome: OutputOutcome): void | Promise<void>;
}
