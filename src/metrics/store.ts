import type { MetricDef, SampleSink, SeriesValues, TagSet, Tags, TimeseriesPoint } from './types.ts';
import type { MetricRegistry } from './registry.ts';
import { createAggregate, type Aggregate } from './aggregates.ts';
import { seriesKey, tagsMatch } from './tagset.ts';

/** One metric with one tag set: its whole-run aggregate and the aggregate of the second in progress. */
export interface Series {
  readonly def: MetricDef;
  readonly tags: TagSet;
  readonly key: string;
  readonly total: Aggregate;
  readonly second: Aggregate;
}

/** Called with each finished second; used by the ndjson writer, live evaluators and progress display. */
export type PointListener = (point: TimeseriesPoint) => void;

/** Rounds to 3 decimals to keep stored points small. */
function round(values: SeriesValues): SeriesValues {
  const out: SeriesValues = {};
  for (const k in values) out[k] = Math.round(values[k] * 1000) / 1000;
  return out;
}

/**
 * Holds every series of a run: values are recorded into the current second's aggregate and folded
 * into the whole-run aggregate at each `flushSecond`. Memory is bounded by the number of series, not
 * by the number of samples.
 */
export class MetricStore implements SampleSink {
  private readonly byMetric = new Map<string, Map<string, Series>>();
  /** Per metric: a reused aggregate for the second being flushed, and the run total across tag sets. */
  private readonly scratch = new Map<string, Aggregate>();
  private readonly runTotals = new Map<string, Aggregate>();
  private readonly listeners: PointListener[] = [];
  private readonly unknown = new Set<string>();
  private lastFlush = 0;

  constructor(readonly registry: MetricRegistry) {}

  /** SampleSink: records `value` for `metric` with `tags`. Unknown metrics are ignored and listed in `unknownMetrics`. */
  add(metric: string, value: number, tags: TagSet): void {
    let inner = this.byMetric.get(metric);
    if (!inner) {
      const def = this.registry.get(metric);
      if (!def) { this.unknown.add(metric); return; }
      inner = new Map();
      this.byMetric.set(metric, inner);
    }
    let s = inner.get(tags.key);
    if (!s) {
      const def = this.registry.get(metric)!;
      s = { def, tags, key: seriesKey(metric, tags), total: createAggregate(def.type), second: createAggregate(def.type) };
      inner.set(tags.key, s);
    }
    s.second.add(value);
  }

  /** Registers a listener for finished seconds. */
  onPoint(listener: PointListener): void {
    this.listeners.push(listener);
  }

  /**
   * Closes the second that started at `t` (epoch ms): emits a point with every series that got data
   * and each metric's total across its tag sets, then folds the second into the run totals.
   */
  flushSecond(t: number): TimeseriesPoint {
    const series: Record<string, SeriesValues> = {};
    for (const [name, inner] of this.byMetric) {
      // Reused, not allocated per second: histograms are large and a fresh one each second feeds the GC.
      let merged = this.scratch.get(name);
      let seen = 0;
      for (const s of inner.values()) {
        if (!s.second.count) continue;
        if (!merged) { merged = createAggregate(s.def.type); this.scratch.set(name, merged); }
        if (!seen) merged.reset();
        seen++;
        if (s.tags.key) series[s.key] = round(s.second.values(1));
        merged.mergeAcross(s.second);
        s.total.merge(s.second);
        s.second.reset();
      }
      if (merged && seen) {
        series[name] = round(merged.values(1));
        let total = this.runTotals.get(name);
        if (!total) { total = createAggregate(merged.type); this.runTotals.set(name, total); }
        total.merge(merged);
      }
    }
    this.lastFlush = t;
    const point: TimeseriesPoint = { t, series };
    for (const l of this.listeners) l(point);
    return point;
  }

  /** Run total of `metric` across all tag sets up to the last flushed second, without allocating (live displays). */
  flushedTotal(metric: string): Aggregate | undefined {
    return this.runTotals.get(metric);
  }

  /** Epoch ms of the last flushed second (0 before the first). */
  get lastFlushed(): number {
    return this.lastFlush;
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
   * Whole-run aggregate of `metric` restricted to `selector` (merged, never averaged); undefined when
   * no value was recorded. Gauges of several tag sets combine by their highest current reading.
   */
  query(metric: string, selector: Tags = {}): Aggregate | undefined {
    const def = this.registry.get(metric);
    if (!def) return undefined;
    const agg = createAggregate(def.type);
    for (const s of this.seriesOf(metric, selector)) {
      if (def.type === 'gauge') {
        // the series' own timeline first (total then current second), then across series
        const own = createAggregate('gauge');
        own.merge(s.total);
        own.merge(s.second);
        agg.mergeAcross(own);
      } else {
        agg.merge(s.total);
        agg.merge(s.second);
      }
    }
    return agg.count ? agg : undefined;
  }

  /** Names of metrics that received at least one value. */
  metricsWithData(): string[] {
    return [...this.byMetric.keys()];
  }

  /** Metric names that were recorded but never registered (a bug in a script or an engine). */
  get unknownMetrics(): string[] {
    return [...this.unknown];
  }
}
