// A closed second leaving the thread that recorded it: each series' buffer as its exact in-memory state
// (a trend's histogram as bins, no compression), for a thread that folds it (the run's fold thread, or the
// main thread merging segment workers). One home for "a closed second as a compact message".
import type { Tags, TimeseriesPoint } from '../contracts/metric-types.ts';
import type { Aggregate, AggregateState } from './aggregates.ts';

/** One series' closed second: metric name, tags, exact state (`Aggregate.state(true)`). Same shape as a snapshot entry. */
export type SeriesEntry = [metric: string, tags: Tags, state: AggregateState];

/**
 * Where a store in hand-off mode (MetricStore.handOff) sends its closed seconds instead of folding them.
 * Call order: `second` once per closed second in time order; `drain` after a synchronous flush; `end` once,
 * at the run's end (after the last `second`), then the store folds in its own thread again.
 */
export interface SecondHandoff {
  /** Takes the closed second `t` (its entries are the receiver's); may return a promise of its folded point. */
  second(t: number, partialMs: number | undefined, entries: SeriesEntry[]): Promise<TimeseriesPoint> | undefined;
  /** Synchronously: every second handed off is folded and its point emitted through the store's listeners. */
  drain?(): void;
  /** Synchronously at the run's end: drains, puts the run totals back into the store and releases the fold thread. */
  end?(): void;
  /**
   * The run total of `metric` (tags matching `selector`) as of the last folded second: `{}` when it has no
   * data, undefined while not known yet (the first ask starts following it; the store then answers no data).
   */
  total?(metric: string, selector: Tags): { agg?: Aggregate } | undefined;
  /** The run's metrics in Prometheus text format, rendered where the run totals are. */
  prometheusText?(): Promise<string>;
  /** The per-metric run total as of the last folded second (see MetricStore.flushedTotal). */
  flushedTotal?(metric: string): Aggregate | undefined;
  /** Forget the run totals after folding the first full second starting at or after `t` (MetricStore.resetTotalsAt). */
  resetTotalsAt?(t: number): void;
}
