// Totals per phase of the fault timeline: every folded second's aggregates merged into the total of the
// phase that second belongs to (steady, or fault / recovery of a named fault). Criteria select a phase
// with the pseudo-tags `phase` and `fault` in their metric key; release criteria without them judge the
// steady phase when the scenario has faults.
import type { MetricDef, Tags, TagSet } from '../contracts/metric-types.ts';
import type { FaultPhase } from '../contracts/fault-types.ts';
import type { MetricStore, Series } from '../metrics/store.ts';
import { createAggregate, type Aggregate } from '../metrics/aggregates.ts';
import { tagsMatch } from '../metrics/tagset.ts';
import type { FaultTimeline } from '../faults/timeline.ts';
import type { ThresholdSource } from '../thresholds/evaluator.ts';

/** The tags a criterion selects phases with; samples never carry them (a second's phase comes from the timeline). */
export const PHASE_TAGS = ['phase', 'fault'] as const;

interface Kept { def: MetricDef; tags: TagSet; agg: Aggregate }
interface Bucket { phase: FaultPhase; fault?: string; seconds: number; series: Map<string, Kept> }

/** Splits a selector into its phase tags and the tags that select series. */
export function splitPhaseSelector(selector: Tags): { phase?: string; fault?: string; rest: Tags } {
  const { phase, fault, ...rest } = selector;
  return { phase, fault, rest };
}

/**
 * Keeps per-phase totals of every series of `store` (attach before the first second is folded) and
 * answers the threshold evaluator's queries through them (ThresholdSource). Seconds before `fromMs`
 * (a warm-up) are left out, as from the run totals. Memory: series x phases aggregates.
 */
export class PhaseTotals implements ThresholdSource {
  private readonly buckets = new Map<string, Bucket>();
  private startEpoch: number | undefined;

  constructor(private readonly timeline: FaultTimeline, private readonly store: MetricStore, private readonly fromMs = 0) {
    store.onSeriesSecond((t, s, agg) => this.add(t, s, agg));
  }

  /** The run's first second (epoch ms); seconds are placed on the timeline from it. Call before the first fold. */
  start(startEpoch: number): void { this.startEpoch = startEpoch; }

  private add(t: number, s: Series, agg: Aggregate): void {
    if (this.startEpoch === undefined) return;
    const offset = t - this.startEpoch;
    if (offset < this.fromMs) return;
    const p = this.timeline.phaseOfSecond(offset);
    const key = p.fault ? `${p.phase}\u0000${p.fault}` : p.phase;
    let b = this.buckets.get(key);
    if (!b) { b = { phase: p.phase, fault: p.fault, seconds: 0, series: new Map() }; this.buckets.set(key, b); }
    let k = b.series.get(s.key);
    if (!k) { k = { def: s.def, tags: s.tags, agg: createAggregate(s.def.type) }; b.series.set(s.key, k); }
    k.agg.merge(agg);
  }

  /** True when a criterion with this selector judges a phase total rather than the whole run. */
  selectsPhase(selector: Tags): boolean {
    return this.timeline.any || PHASE_TAGS.some((t) => t in selector);
  }

  /**
   * The total of `metric` over the series matching `selector` in the phases it selects: `phase` and
   * `fault` tags pick phases; without either, the steady phase when the scenario has faults (else the
   * whole run, from the store). Gauges combine by the highest reading across series, like the store.
   */
  query(metric: string, selector: Tags = {}): Aggregate | undefined {
    if (!this.selectsPhase(selector)) return this.store.query(metric, selector);
    const { phase, fault, rest } = splitPhaseSelector(selector);
    const wantPhase = phase ?? (fault === undefined ? 'steady' : undefined);
    const def = this.store.registry.get(metric);
    if (!def) return undefined;
    const own = new Map<string, Aggregate>();
    for (const b of this.buckets.values()) {
      if (wantPhase !== undefined && b.phase !== wantPhase) continue;
      if (fault !== undefined && b.fault !== fault) continue;
      for (const k of b.series.values()) {
        if (k.def.name !== metric || !tagsMatch(k.tags.tags, rest)) continue;
        let a = own.get(k.tags.key);
        if (!a) { a = createAggregate(def.type); own.set(k.tags.key, a); }
        a.merge(k.agg);
      }
    }
    const out = createAggregate(def.type);
    for (const a of own.values()) out.mergeAcross(a);
    return out.count ? out : undefined;
  }

  /** The store's series of `metric` matching the selector's series tags (phase tags ignored). */
  seriesOf(metric: string, selector: Tags = {}): Series[] {
    return this.store.seriesOf(metric, splitPhaseSelector(selector).rest);
  }

  /** The store's seconds, for sustained(...) windows (they follow the whole timeline). */
  onPoint(listener: Parameters<MetricStore['onPoint']>[0]): void {
    this.store.onPoint(listener);
  }
}
