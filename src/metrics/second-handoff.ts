// A closed second leaving the thread that recorded it, as one compact buffer: every series with data as
// its id and its aggregate's numbers (Aggregate.writeWords: exact, a trend's histogram as bins) in a
// Float64Array that is transferred, not copied; a series' name, tags and type travel once, the first second
// it has data. The run's fold thread and the main thread merging `--workers` read it with SeriesTable.
import type { MetricType, Tags, TimeseriesPoint } from '../contracts/metric-types.ts';
import { stateFromWords, type Aggregate, type AggregateState } from './aggregates.ts';

/** One series' closed second: metric name, tags, exact state (`Aggregate.state(true)`). Same shape as a snapshot entry. */
export type SeriesEntry = [metric: string, tags: Tags, state: AggregateState];

/** A series seen for the first time: its id in the buffers, metric, tags and type. */
export type NewSeries = [id: number, metric: string, tags: Tags, type: MetricType];

/** A closed second as it leaves its thread. */
export interface HandedSecond {
  t: number;
  partialMs?: number;
  /** [id, ...the aggregate's words] per series with data, in the order they recorded. */
  words: Float64Array;
  /** Series whose first data is in this second (or an earlier one of this message's sender not yet described). */
  newSeries: NewSeries[];
}

/** The receiving side: the series described so far by one sender, and the decoding of its seconds. */
export class SeriesTable {
  private readonly byId: Array<{ metric: string; tags: Tags; type: MetricType }> = [];

  /** Every series entry of `s` (learning its new series first). */
  entries(s: HandedSecond): SeriesEntry[] {
    for (const [id, metric, tags, type] of s.newSeries) this.byId[id] = { metric, tags, type };
    const out: SeriesEntry[] = [];
    const w = s.words;
    let pos = 0;
    while (pos < w.length) {
      const d = this.byId[w[pos]];
      const [state, next] = stateFromWords(d.type, w, pos + 1);
      out.push([d.metric, d.tags, state]);
      pos = next;
    }
    return out;
  }
}

/**
 * Where a store in hand-off mode (MetricStore.handOff) sends its closed seconds instead of folding them.
 * Call order: `second` once per closed second in time order; `drain` after a synchronous flush; `end` once,
 * at the run's end (after the last `second`), then the store folds in its own thread again.
 */
export interface SecondHandoff {
  /** Takes the closed second (its buffer is the receiver's); may return a promise of its folded point. */
  second(s: HandedSecond): Promise<TimeseriesPoint> | undefined;
  /** Synchronously: every second handed off is folded and its point emitted through the store's listeners. */
  drain?(): void;
  /** Synchronously at the run's end: drains, puts the run totals back into the store and releases the fold thread. */
  end?(): void;
  /**
   * The run total of `metric` (tags matching `selector`) as of the last folded second: `{}` when it has no
   * data, undefined while not known yet (the first ask starts following it; the store then answers no data).
   */
  total?(metric: string, selector: Tags): { agg?: Aggregate } | undefined;
  /** The per-metric run total as of the last folded second (see MetricStore.flushedTotal). */
  flushedTotal?(metric: string): Aggregate | undefined;
  /** Forget the run totals after folding the first full second starting at or after `t` (MetricStore.resetTotalsAt). */
  resetTotalsAt?(t: number): void;
  /** The run's metrics in Prometheus text format, rendered where the run totals are. */
  prometheusText?(): Promise<string>;
}
