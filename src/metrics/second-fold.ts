// Folding a closed second: each series' buffer into its run total and the per-metric merge, its
// values into the second's ndjson line, then the second's point to the listeners. Runs off the timing
// path, in slices driven by the store.
import type { SeriesValues, TimeseriesPoint } from '../contracts/metric-types.ts';
import { createAggregate, type Aggregate } from './aggregates.ts';
import { lazySeries, PointLine, rememberPointBytes } from './point-line.ts';
import type { StoreSeries } from './store-series.ts';
import type { Series } from './store.ts';

let foldedHere = 0;
/** Seconds folded (SecondFold.finish) in this thread since it started: a guard that the timing thread folds none. */
export function secondsFoldedInThisThread(): number {
  return foldedHere;
}

/** Called with each finished second; used by the ndjson writer, live evaluators and progress display. */
export type PointListener = (point: TimeseriesPoint) => void;

/** A closed second waiting to be folded into the run totals and emitted as a point. */
export interface ClosedSecond {
  readonly index: number;
  readonly t: number;
  readonly list: StoreSeries[];
  readonly partialMs?: number;
  /** Progress of the fold: next list position, per-metric merges, the point's line being written. */
  pos: number;
  readonly merged: Map<string, Aggregate>;
  /** Created by the first fold step (not at close, which may run on the timing path). */
  line?: PointLine;
}

/** Rounds to 3 decimals, in place, to keep stored points small. */
function round(values: SeriesValues): SeriesValues {
  for (const k in values) values[k] = Math.round(values[k] * 1000) / 1000;
  return values;
}

/** The fold of a store's closed seconds, and the per-metric run totals it keeps. */
export class SecondFold {
  private readonly runTotals = new Map<string, Aggregate>();
  private readonly scratch = new Map<string, Aggregate[]>();
  private readonly listeners: PointListener[] = [];
  private readonly seriesListeners: Array<(t: number, series: Series, second: Aggregate) => void> = [];
  private lastFlush = 0;
  /** Byte length of the last point's line: the next one's buffer starts that large. */
  private lineHint = 4096;

  /** See MetricStore.onSeriesSecond. */
  onSeriesSecond(listener: (t: number, series: Series, second: Aggregate) => void): void {
    this.seriesListeners.push(listener);
  }

  /** See MetricStore.onPoint. */
  onPoint(listener: PointListener): void {
    this.listeners.push(listener);
  }

  /** Folds series `s`'s buffer of the closed second `c` (one slice step). */
  step(c: ClosedSecond, s: StoreSeries): void {
    const buf = s.bufs[c.index & 1];
    if (!buf.count) return;
    const seconds = c.partialMs !== undefined ? c.partialMs / 1000 : 1;
    const name = s.def.name;
    if (s.tags.key) this.lineOf(c).entry(s.keyJson, round(buf.values(seconds)), true);
    let merged = c.merged.get(name);
    if (!merged) {
      // Reused per metric and parity, not allocated per second: histograms are large.
      let pair = this.scratch.get(name);
      if (!pair) { pair = [createAggregate(s.def.type), createAggregate(s.def.type)]; this.scratch.set(name, pair); }
      merged = pair[c.index & 1];
      merged.reset();
      c.merged.set(name, merged);
    }
    for (const l of this.seriesListeners) l(c.t, s, buf);
    merged.mergeAcross(buf);
    s.total.merge(buf);
    buf.reset();
  }

  /** Completes `c` (every series stepped): per-metric totals, the point and its line; emits and returns the point. */
  finish(c: ClosedSecond): TimeseriesPoint {
    const seconds = c.partialMs !== undefined ? c.partialMs / 1000 : 1;
    const line = this.lineOf(c);
    const untagged: Record<string, SeriesValues> = {};
    for (const [name, merged] of c.merged) {
      if (!merged.count) continue;
      const v = (untagged[name] = round(merged.values(seconds)));
      line.entry(JSON.stringify(name) + ':', v, false);
      let total = this.runTotals.get(name);
      if (!total) { total = createAggregate(merged.type); this.runTotals.set(name, total); }
      total.merge(merged);
    }
    this.lastFlush = c.t;
    const series = lazySeries(untagged, line);
    const point: TimeseriesPoint = c.partialMs !== undefined ? { t: c.t, partialMs: c.partialMs, series } : { t: c.t, series };
    const bytes = line.finish();
    this.lineHint = bytes.length;
    rememberPointBytes(point, bytes);
    foldedHere++;
    for (const l of this.listeners) l(point);
    return point;
  }

  /** A point folded in another thread: recorded as the last flushed one and given to the point listeners. */
  emit(point: TimeseriesPoint): void {
    this.lastFlush = point.t;
    for (const l of this.listeners) l(point);
  }

  /** A series' second folded in another thread, given to the onSeriesSecond listeners. */
  emitSeriesSecond(t: number, s: Series, second: Aggregate): void {
    for (const l of this.seriesListeners) l(t, s, second);
  }

  /** True when some listener wants every series' second. */
  get hasSeriesListeners(): boolean {
    return this.seriesListeners.length > 0;
  }

  /** Replaces the per-metric run totals and the last folded second by those of a fold done elsewhere. */
  restore(totals: ReadonlyArray<[string, Aggregate]>, lastFlushed: number): void {
    this.runTotals.clear();
    for (const [name, agg] of totals) this.runTotals.set(name, agg);
    this.lastFlush = lastFlushed;
  }

  /** Forgets the per-metric run totals (see MetricStore.resetTotals). */
  resetTotals(): void {
    this.runTotals.clear();
  }

  /** Run total of `metric` across all tag sets up to the last folded second. */
  flushedTotal(metric: string): Aggregate | undefined {
    return this.runTotals.get(metric);
  }

  /** Epoch ms of the last folded second (0 before the first). */
  get lastFlushed(): number {
    return this.lastFlush;
  }

  private lineOf(c: ClosedSecond): PointLine {
    return (c.line ??= new PointLine(c.t, c.partialMs, this.lineHint));
  }
}
