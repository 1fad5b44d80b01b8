import type { MetricDef, SeriesHandle, SeriesSink, TagSet, Tags, TimeseriesPoint } from '../contracts/metric-types.ts';
import type { MetricRegistry } from './registry.ts';
import type { SampleTap } from '../contracts/output.ts';
import { aggregateFromState, createAggregate, WordWriter, type Aggregate } from './aggregates.ts';
import { seriesKey, tagSet, tagsMatch } from './tagset.ts';
import type { NewSeries, SecondHandoff, SeriesEntry } from './second-handoff.ts';
import { SecondFold, type ClosedSecond, type PointListener } from './second-fold.ts';
import { StoreSeries, type SecondBuckets } from './store-series.ts';

/** One metric with one tag set: its whole-run aggregate (seconds already folded in) and its definition. */
export interface Series {
  readonly def: MetricDef;
  readonly tags: TagSet;
  readonly key: string;
  readonly total: Aggregate;
}


/** How long before its end (ms) a second counts as ended when the ticker closes it (timers are not exact). */
const TICK_SLACK_MS = 50;

/**
 * Holds every series of a run. Values are recorded into the bucket of the second they are recorded in
 * (by the monotonic clock once `startClock` ran); `flushSecond` / `flushSecondSliced` fold closed seconds
 * into the whole-run aggregates and emit one point per second. Memory is bounded by the number of series,
 * not by the number of samples. Recording never waits for a fold: a fold in progress touches only the
 * closed second's buffers. In hand-off mode (`handOff`) a closed second is only encoded here and folded
 * by another thread (run/fold-thread.ts); its points come back through `emitPoint`, its totals at the end.
 */
export class MetricStore implements SeriesSink, SecondBuckets {
  private readonly byMetric = new Map<string, Map<string, StoreSeries>>();
  private readonly fold = new SecondFold();
  private readonly unknown = new Set<string>();
  private readonly ignored: SeriesHandle = { add() {}, addAt() {} };
  /** Index of the second being recorded. */
  bucket = 0;
  /** Series that recorded into bucket parity 0 / 1 since it was last folded. */
  readonly dirty: [StoreSeries[], StoreSeries[]] = [[], []];
  /** Receives every sample recorded in this thread (set by the run when an output wants samples). */
  tap: SampleTap | undefined = undefined;
  /** performance.now() at which the current second ends; Infinity without a clock (seconds close on flush). */
  boundary = Infinity;
  private clock: { epoch: number; perf: number } | undefined;
  private readonly closed: ClosedSecond[] = [];
  /** Emptied series lists of folded seconds, reused as `dirty` lists. */
  private readonly spareLists: StoreSeries[][] = [];
  /** Set in hand-off mode: closed seconds go there as entries instead of being folded here. */
  private handoff: SecondHandoff | undefined;
  /** Milliseconds this thread spent folding or handing off closed seconds (the store's work beside recording). */
  workMs = 0;
  /** Hand-off mode: the closed second being written, series ids given so far, series described in it. */
  private readonly words = new WordWriter();
  private seriesIds = 0;
  private newSeries: NewSeries[] = [];
  /** Forget the run totals after folding the first full second starting at or after this (resetTotalsAt). */
  private resetAt: number | undefined;

  constructor(readonly registry: MetricRegistry) {}

  /**
   * Starts the run's clock: second k is [perf0 + k s, perf0 + (k+1) s) and is emitted with
   * t = epoch0 + k s. From then on a value lands in the second in which it is recorded.
   */
  startClock(epoch0: number, perf0: number = performance.now()): void {
    this.clock = { epoch: epoch0, perf: perf0 };
    this.boundary = perf0 + (this.bucket + 1) * 1000;
  }

  /**
   * Hand-off mode (`to` given): each closed second's buffers leave this thread as entries (exact states)
   * through `to`, which folds them elsewhere and reports points back through `emitPoint`; this thread only
   * records, closes seconds and encodes them. Undefined: fold in this thread again (the totals must be back).
   */
  handOff(to: SecondHandoff | undefined): void {
    this.handoff = to;
    if (to && this.resetAt !== undefined) { to.resetTotalsAt?.(this.resetAt); this.resetAt = undefined; }
  }

  /** Where closed seconds go while in hand-off mode (see handOff); undefined when folded in this thread. */
  get handOffTarget(): SecondHandoff | undefined {
    return this.handoff;
  }

  /** The pre-resolved handle of `metric` with `tags` (a no-op handle for an unregistered metric, listed in `unknownMetrics`). */
  series(metric: string, tags: TagSet): SeriesHandle {
    let inner = this.byMetric.get(metric);
    if (!inner) {
      if (!this.registry.get(metric)) { this.unknown.add(metric); return this.ignored; }
      inner = new Map();
      this.byMetric.set(metric, inner);
    }
    let s = inner.get(tags.key);
    if (!s) {
      s = new StoreSeries(this, this.registry.get(metric)!, tags, seriesKey(metric, tags));
      inner.set(tags.key, s);
    }
    return s;
  }

  /**
   * SampleSink: records `value` for `metric` with `tags` (resolving the series each call; hot paths use
   * `series`). With `time` (epoch ms) the value goes to the second of that time while that second is
   * closed but its fold has not started yet (e.g. the per-second vus reading); otherwise to the current one.
   */
  add(metric: string, value: number, tags: TagSet, time?: number): void {
    const h = this.series(metric, tags);
    if (time !== undefined && h instanceof StoreSeries) {
      const buf = this.closedBuffer(h, time);
      if (buf) {
        buf.add(value);
        this.tap?.sample(h, value, this.clock!.perf + (time - this.clock!.epoch));
        return;
      }
    }
    h.add(value);
  }

  /**
   * The buffer of `h` for the second that started at `time` (epoch ms) when that second is closed but its
   * fold has not started (the series is then listed in it); undefined when the value belongs to the current second.
   */
  private closedBuffer(h: StoreSeries, time: number): Aggregate | undefined {
    if (!this.clock) return undefined;
    const index = Math.floor((time - this.clock.epoch) / 1000);
    const c = index < this.bucket ? this.closed.find((x) => x.index === index) : undefined;
    if (!c || c.pos !== 0) return undefined;
    if (!c.list.includes(h)) c.list.push(h);
    return h.bufs[index & 1];
  }

  /**
   * Registers a listener called for each series with data in a second being folded, with that second's
   * aggregate (read it, never keep it: it is reused); the second's point follows via onPoint. Off the timing path.
   */
  onSeriesSecond(listener: (t: number, series: Series, second: Aggregate) => void): void {
    this.fold.onSeriesSecond(listener);
  }

  /** Merges a stored aggregate of one second into the second being recorded (merge replays segment snapshots; no clock). */
  addAggregate(metric: string, tags: TagSet, agg: Aggregate): void {
    const h = this.series(metric, tags);
    if (!(h instanceof StoreSeries)) return;
    const b = this.bucket;
    if (h.bucket !== b) { h.bucket = b; this.dirty[b & 1].push(h); }
    h.bufs[b & 1].merge(agg);
  }

  /**
   * Merges an aggregate into the second that started at `time` (epoch ms) while that second is being
   * recorded or closed but not yet folding; later, into the current second (live workers' seconds).
   */
  addAggregateAt(metric: string, tags: TagSet, agg: Aggregate, time: number): void {
    const h = this.series(metric, tags);
    if (!(h instanceof StoreSeries)) return;
    const buf = this.closedBuffer(h, time);
    if (buf) buf.merge(agg);
    else this.addAggregate(metric, tags, agg);
  }

  /** Registers a listener for finished seconds. */
  onPoint(listener: PointListener): void {
    this.fold.onPoint(listener);
  }

  /** Closes every second whose end has passed on the clock (called by the first value recorded after a boundary). */
  closeDue(): void {
    const now = performance.now();
    while (this.boundary <= now) this.closeCurrent();
  }

  private closeCurrent(partialMs?: number): void {
    const index = this.bucket;
    // The next second reuses the buffers of the one before this: that one must be folded first.
    while (this.closed.length && this.closed[0].index <= index - 1) this.foldAll(this.closed[0]);
    const parity = index & 1;
    const list = this.dirty[parity];
    this.dirty[parity] = this.spareLists.pop() ?? [];
    const t = this.clock ? this.clock.epoch + index * 1000 : this.pendingT;
    this.closed.push({ index, t, list, partialMs, pos: 0, merged: new Map() });
    this.bucket = index + 1;
    if (this.clock) this.boundary = this.clock.perf + (index + 2) * 1000;
  }
  private pendingT = 0;

  /** Closes the seconds up to the one starting at `t` (the current one too, as partial, when its end is still ahead). */
  private closeUpTo(t: number, partialMs?: number): void {
    if (!this.clock) { this.pendingT = t; this.closeCurrent(partialMs); return; }
    const target = Math.round((t - this.clock.epoch) / 1000);
    while (this.bucket <= target) {
      const end = this.clock.perf + (this.bucket + 1) * 1000;
      const now = performance.now();
      if (this.bucket === target && end - now > TICK_SLACK_MS) this.closeCurrent(Math.max(0, Math.round(now - (end - 1000))));
      else this.closeCurrent();
    }
  }

  /**
   * Closes the second that started at `t` (epoch ms) and every earlier one, folds them into the run
   * totals and emits their points; returns the point of the last one. Synchronous (tests, the run's end).
   * `partialMs` labels the second partial (only without a clock: merge replaying a partial last second).
   */
  flushSecond(t: number, partialMs?: number): TimeseriesPoint {
    this.closeUpTo(t, partialMs);
    let last: TimeseriesPoint | undefined;
    while (this.closed.length) { const p = this.foldAll(this.closed[0]); if (!this.handoff) last = p as TimeseriesPoint; }
    if (this.handoff) { this.handoff.drain?.(); last = this.lastPoint; }
    return last ?? { t, series: {} };
  }

  /** At the run's end: closes the second in progress (labelled partial with its real length), folds and emits everything. */
  flushRemaining(): TimeseriesPoint {
    const point = this.flushSecond(this.clock ? this.clock.epoch + this.bucket * 1000 : this.fold.lastFlushed ? this.fold.lastFlushed + 1000 : 0);
    const h = this.handoff;
    if (h?.end) { h.end(); this.handoff = undefined; }
    return point;
  }

  /**
   * Like flushSecond, but folds in slices of at most `sliceMs` of work with the event loop free in between,
   * so responses arriving meanwhile are timed without waiting for the fold.
   */
  async flushSecondSliced(t: number, sliceMs = 0.25): Promise<TimeseriesPoint> {
    this.closeUpTo(t);
    let last: TimeseriesPoint | Promise<TimeseriesPoint> | undefined;
    while (this.closed.length) {
      const c = this.closed[0];
      const began = performance.now(), until = began + sliceMs;
      while (c.pos < c.list.length && performance.now() < until) this.step(c, c.list[c.pos++]);
      this.workMs += performance.now() - began;
      if (c.pos < c.list.length) {
        await new Promise<void>((r) => setImmediate(r));
        continue; // the second may have been folded synchronously meanwhile (closeCurrent under overload)
      }
      last = this.foldAll(c) ?? last;
    }
    return (await last) ?? { t, series: {} };
  }

  /** One series of closed second `c`: folded here, or encoded as an entry in hand-off mode (buffer emptied either way). */
  private step(c: ClosedSecond, s: StoreSeries): void {
    if (!this.handoff) { this.fold.step(c, s); return; }
    const buf = s.bufs[c.index & 1];
    if (!buf.count) return;
    if (s.id < 0) { s.id = this.seriesIds++; this.newSeries.push([s.id, s.def.name, s.tags.tags, s.def.type]); }
    this.words.push(s.id);
    buf.writeWords(this.words);
    buf.reset();
  }

  /**
   * Finishes `c` (the oldest closed second): folded here, its point emitted and returned; in hand-off mode
   * its entries handed off (the point then comes back through emitPoint; the hand-off's promise of it is returned).
   */
  private foldAll(c: ClosedSecond): TimeseriesPoint | Promise<TimeseriesPoint> | undefined {
    const began = performance.now();
    while (c.pos < c.list.length) this.step(c, c.list[c.pos++]);
    this.closed.shift();
    let point: TimeseriesPoint | Promise<TimeseriesPoint> | undefined;
    if (this.handoff) {
      const newSeries = this.newSeries;
      this.newSeries = [];
      point = this.handoff.second({ t: c.t, ...(c.partialMs !== undefined ? { partialMs: c.partialMs } : {}), words: this.words.take(), newSeries });
    }
    else {
      point = this.fold.finish(c);
      this.lastPoint = point;
      this.resetIfDue(point);
    }
    c.list.length = 0; // kept with its capacity for a later second: no array of every series regrown per second
    this.spareLists.push(c.list);
    this.workMs += performance.now() - began;
    return point;
  }
  private lastPoint: TimeseriesPoint | undefined;

  private resetIfDue(point: TimeseriesPoint): void {
    if (this.resetAt === undefined || point.partialMs !== undefined || point.t < this.resetAt) return;
    this.resetAt = undefined;
    this.resetTotals();
  }

  /**
   * Hand-off mode: a point folded elsewhere, delivered to this store's point listeners (in time order),
   * after its series' seconds (`entries`, given only when onSeriesSecond listeners exist) to theirs.
   */
  emitPoint(point: TimeseriesPoint, entries?: readonly SeriesEntry[]): void {
    if (entries && this.fold.hasSeriesListeners) {
      for (const [metric, tags, state] of entries) {
        const s = this.series(metric, tagSet(tags));
        if (s instanceof StoreSeries) this.fold.emitSeriesSecond(point.t, s, aggregateFromState(s.def.type, state));
      }
    }
    this.lastPoint = point;
    this.fold.emit(point);
  }

  /** True when a listener wants every series' second (onSeriesSecond): a hand-off then sends the entries back. */
  get wantsSeriesSeconds(): boolean {
    return this.fold.hasSeriesListeners;
  }

  /**
   * Hand-off mode, at the run's end: the run totals folded elsewhere, put back (every series' total, every
   * metric's total, the last folded second), so `query`, `seriesOf` and `flushedTotal` answer as if folded here.
   */
  restoreTotals(series: readonly SeriesEntry[], perMetric: ReadonlyArray<[metric: string, state: SeriesEntry[2]]>, lastFlushed: number): void {
    for (const [metric, tags, state] of series) {
      const s = this.series(metric, tagSet(tags));
      if (!(s instanceof StoreSeries)) continue;
      s.total.reset();
      s.total.merge(aggregateFromState(s.def.type, state));
    }
    this.fold.restore(perMetric.flatMap(([m, state]) => {
      const def = this.registry.get(m);
      return def ? [[m, aggregateFromState(def.type, state)] as [string, Aggregate]] : [];
    }), lastFlushed);
  }

  /**
   * Forgets the run totals (as resetTotals) right after the first full second starting at or after `t`
   * (epoch ms) is folded, wherever it is folded: a warm-up's end, declared before its seconds are folded.
   */
  resetTotalsAt(t: number): void {
    if (this.handoff?.resetTotalsAt) this.handoff.resetTotalsAt(t);
    else this.resetAt = t;
  }

  /**
   * Forgets the run totals folded so far (the seconds already flushed), keeping what is not folded yet:
   * from here on `query` and `flushedTotal` cover only later seconds. A capacity step calls it once its
   * warm-up seconds are flushed, so the step is judged on its measured window alone.
   */
  resetTotals(): void {
    for (const inner of this.byMetric.values()) for (const s of inner.values()) s.total.reset();
    this.fold.resetTotals();
  }

  /** Run total of `metric` across all tag sets up to the last flushed second, without allocating (live displays). */
  flushedTotal(metric: string): Aggregate | undefined {
    if (this.handoff?.flushedTotal) return this.handoff.flushedTotal(metric);
    return this.fold.flushedTotal(metric);
  }

  /** Epoch ms of the last flushed second (0 before the first). */
  get lastFlushed(): number {
    return this.fold.lastFlushed;
  }

  /** Every series of `metric` whose tags contain `selector`. */
  seriesOf(metric: string, selector: Tags = {}): Series[] {
    const inner = this.byMetric.get(metric);
    if (!inner) return [];
    const out: Series[] = [];
    for (const s of inner.values()) if (tagsMatch(s.tags.tags, selector)) out.push(s);
    return out;
  }

  /**
   * Whole-run aggregate of `metric` restricted to `selector` (merged, never averaged), including seconds
   * not yet flushed; undefined when no value was recorded. Gauges of several tag sets combine by their
   * highest current reading.
   */
  query(metric: string, selector: Tags = {}): Aggregate | undefined {
    const def = this.registry.get(metric);
    if (!def) return undefined;
    const agg = createAggregate(def.type);
    // hand-off mode: the folded part comes from where the seconds are folded (as of its last second)
    if (this.handoff?.total) {
      const folded = this.handoff.total(metric, selector);
      if (!folded) return undefined; // not known yet: no data rather than a part of it
      if (folded.agg) agg.mergeAcross(folded.agg); // merge for every type; a gauge across series keeps the highest last reading
    }
    const inner = this.byMetric.get(metric);
    if (!inner) return agg.count ? agg : undefined;
    // Unfolded buffers in time order: the closed second (if any) before the current one.
    const cur = this.bucket & 1;
    for (const s of inner.values()) {
      if (!tagsMatch(s.tags.tags, selector)) continue;
      const parts = [s.total, s.bufs[cur ^ 1], s.bufs[cur]];
      if (def.type === 'gauge') {
        // the series' own timeline first, then across series
        const own = createAggregate('gauge');
        for (const p of parts) own.merge(p);
        agg.mergeAcross(own);
      } else {
        for (const p of parts) agg.merge(p);
      }
    }
    return agg.count ? agg : undefined;
  }

  /** Names of metrics that received at least one value. */
  metricsWithData(): string[] {
    const out: string[] = [];
    for (const [name, inner] of this.byMetric) {
      for (const s of inner.values()) if (s.total.count || s.bufs[0].count || s.bufs[1].count) { out.push(name); break; }
    }
    return out;
  }

  /** Metric names that were recorded but never registered (a bug in a script or an engine). */
  get unknownMetrics(): string[] {
    return [...this.unknown];
  }
}
