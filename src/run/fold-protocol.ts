// Messages between the thread that records a run (main) and its fold thread (run/fold-worker.ts).
import type { MetricDef, SeriesValues, Tags } from '../contracts/metric-types.ts';
import type { AggregateState } from '../metrics/aggregates.ts';
import type { HandedSecond, SeriesEntry } from '../metrics/second-handoff.ts';
import type { MessagePort } from 'node:worker_threads';

/** What the fold thread is started with: its end of the channel, the wake-up counter, the metric definitions. */
export interface FoldStart {
  port: MessagePort;
  /** Int32Array over a SharedArrayBuffer: [0] counts messages posted to main (main waits on it at a synchronous flush). */
  wake: SharedArrayBuffer;
  defs: MetricDef[];
}

/** A run total the main thread follows during the run (abortOnFail, progress): metric and tag selector. */
export interface Watch { key: string; metric: string; selector: Tags }

/** Main -> fold thread. */
export type ToFold =
  | { type: 'defs'; defs: MetricDef[] }
  | { type: 'second'; second: HandedSecond; echo: boolean }
  | { type: 'watch'; watch: Watch }
  | { type: 'flushed'; metric: string }
  | { type: 'reset-at'; t: number }
  | { type: 'prometheus'; id: number }
  | { type: 'drain'; id: number }
  | { type: 'end' };

/** Fold thread -> main. */
export type FromFold =
  | {
    type: 'point'; t: number; partialMs?: number; untagged: Record<string, SeriesValues>; line: Uint8Array;
    /** The second's entries again, when main has onSeriesSecond listeners. */
    entries?: SeriesEntry[];
    /** Watched run totals (Watch.key) and per-metric run totals, as of this second. */
    totals: Array<[string, AggregateState]>; flushed: Array<[string, AggregateState]>;
  }
  | { type: 'prometheus'; id: number; text: string }
  | { type: 'drained'; id: number }
  | { type: 'ready' }
  | { type: 'totals'; series: SeriesEntry[]; perMetric: Array<[string, AggregateState]>; lastFlushed: number }
  | { type: 'error'; message: string };
