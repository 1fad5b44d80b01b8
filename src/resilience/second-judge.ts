// Judges every folded second on its own: do the steady criteria hold in it (recovery), and did a health
// poll fail in it (detection)? Fed by the store's per-series seconds, so a merge replay judges the same.
import type { MetricStore, Series } from '../metrics/store.ts';
import { createAggregate, trendPercentile, type Aggregate } from '../metrics/aggregates.ts';
import { tagsMatch } from '../metrics/tagset.ts';
import { compare } from '../thresholds/evaluator.ts';
import type { CompiledThreshold } from '../thresholds/validate.ts';
import { PHASE_TAGS } from './phase-totals.ts';

/** One judged second. */
export interface JudgedSecond {
  /** Epoch ms of its start. */
  readonly t: number;
  /** True when every steady criterion with data in it held, and at least one had data. */
  readonly holds: boolean;
  /** True when a health poll in it failed (availability 0). */
  readonly unhealthy: boolean;
  /** A cut-short last second (never counts towards a stable window). */
  readonly partial: boolean;
}

/**
 * The criteria a second can be judged by: release criteria (not alert rules) on the steady phase (no
 * `phase`/`fault` tag) whose aggregation means something over one second: percentiles, avg, min, max,
 * med, a rate's rate, a counter's rate, a gauge's value. Counts and sustained(...) windows are run-wide.
 */
export function perSecondCriteria(thresholds: readonly CompiledThreshold[]): CompiledThreshold[] {
  return thresholds.filter((t) => !t.alert && !PHASE_TAGS.some((p) => p in t.selector) && judgeable(t));
}

function judgeable(t: CompiledThreshold): boolean {
  const k = t.aggregation.kind;
  if (k === 'percentile') return t.type === 'trend';
  if (k === 'sustained' || k === 'count') return false;
  return true;
}

function observe(t: CompiledThreshold, agg: Aggregate, seconds: number): number | undefined {
  const a = t.aggregation;
  if (a.kind === 'percentile') return trendPercentile(agg, a.p);
  if (a.kind === 'sustained') return undefined;
  return agg.values(seconds)[a.kind];
}

/** Follows `store`'s seconds from `start(startEpoch)` on and keeps one JudgedSecond per second. */
export class SecondJudge {
  readonly seconds: JudgedSecond[] = [];
  private current = new Map<number, Aggregate>();
  private unhealthy = false;
  private started = false;

  constructor(private readonly criteria: readonly CompiledThreshold[], store: MetricStore) {
    store.onSeriesSecond((_t, s, agg) => this.add(s, agg));
    store.onPoint((p) => this.finish(p.t, p.partialMs));
  }

  /** Begins judging (seconds folded before, e.g. a preflight's, are ignored). */
  start(): void { this.started = true; }

  private add(s: Series, agg: Aggregate): void {
    if (!this.started) return;
    if (s.def.name === 'availability' && agg.values(1).fails > 0) this.unhealthy = true;
    this.criteria.forEach((c, i) => {
      if (c.metric !== s.def.name || !tagsMatch(s.tags.tags, c.selector)) return;
      let a = this.current.get(i);
      if (!a) { a = createAggregate(c.type); this.current.set(i, a); }
      a.mergeAcross(agg);
    });
  }

  private finish(t: number, partialMs: number | undefined): void {
    if (!this.started) return;
    let judged = 0;
    let holds = true;
    const seconds = partialMs !== undefined ? Math.max(0.001, partialMs / 1000) : 1;
    this.criteria.forEach((c, i) => {
      const a = this.current.get(i);
      if (!a || !a.count) return;
      const v = observe(c, a, seconds);
      if (v === undefined) return;
      judged++;
      if (!compare(v, c.operator, c.target)) holds = false;
    });
    this.seconds.push({ t, holds: judged > 0 && holds, unhealthy: this.unhealthy, partial: partialMs !== undefined });
    this.current = new Map();
    this.unhealthy = false;
  }
}
