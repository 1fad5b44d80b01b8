// Threshold evaluation as a consumer of the metric stream: whole-run values from the store, rolling windows from flushed seconds.
import type { MetricStore } from '../metrics/store.ts';
import type { SeriesValues, TimeseriesPoint } from '../contracts/metric-types.ts';
import { trendPercentile, type Aggregate } from '../metrics/aggregates.ts';
import type { Operator } from './expression.ts';
import type { CompiledThreshold } from './validate.ts';
import { combineSecond, RollingMax } from './sustained.ts';
import { describeOutcome, type ThresholdOutcome } from './outcome.ts';

/** True when `observed OP target` holds. */
export function compare(observed: number, op: Operator, target: number): boolean {
  switch (op) {
    case '<': return observed < target;
    case '<=': return observed <= target;
    case '>': return observed > target;
    case '>=': return observed >= target;
    case '==': return observed === target;
    case '!=': return observed !== target;
  }
}

/** 'rising' when the observed value can only grow during a run, 'falling' when it can only shrink, else 'free'. */
export function trend(t: Pick<CompiledThreshold, 'type' | 'aggregation'>): 'rising' | 'falling' | 'free' {
  const a = t.aggregation;
  if (a.kind === 'sustained') return 'rising'; // the highest window so far
  if (a.kind === 'max' || (a.kind === 'count' && t.type === 'counter')) return 'rising';
  if (a.kind === 'min') return 'falling';
  return 'free';
}

/** True when a threshold failing now cannot pass later in the run (see ThresholdEvaluator.shouldAbort). */
function failureDecided(t: CompiledThreshold, observed: number, w: RollingMax | undefined): boolean {
  if (w && !w.full) return false;
  const dir = trend(t);
  const op = t.operator;
  // an equality already passed in the direction the value moves can never come back
  if (dir === 'rising') return op === '<' || op === '<=' || (op === '==' && observed > t.target);
  if (dir === 'falling') return op === '>' || op === '>=' || (op === '==' && observed < t.target);
  return true;
}

/** What the evaluator reads: the store itself, or a view of it (src/resilience/phase-totals.ts judges phases). */
export type ThresholdSource = Pick<MetricStore, 'query' | 'seriesOf' | 'onPoint'>;

/**
 * Evaluates compiled thresholds (in file order) against a MetricStore. It knows nothing of the run loop:
 * it reads whole-run aggregates with `store.query` and, for sustained(...) thresholds only, follows the
 * flushed seconds through `store.onPoint`, keeping one small window per metric, selector and window length.
 */
export class ThresholdEvaluator {
  private readonly windows = new Map<string, RollingMax>();
  private readonly windowOf: Array<RollingMax | undefined>;
  private abortedIndex: number | undefined;

  /** Subscribes to `store` when any threshold is sustained(...); construct it before the first second is flushed. */
  constructor(readonly thresholds: readonly CompiledThreshold[], private readonly store: ThresholdSource) {
    this.windowOf = thresholds.map((t) => {
      if (t.aggregation.kind !== 'sustained') return undefined;
      const key = `${t.metric}|${JSON.stringify(Object.entries(t.selector).sort())}|${t.aggregation.windowMs}`;
      let w = this.windows.get(key);
      if (!w) { w = new RollingMax(t.aggregation.windowMs); this.windows.set(key, w); }
      return w;
    });
    if (this.windows.size) store.onPoint((p) => this.onPoint(p));
  }

  private onPoint(point: TimeseriesPoint): void {
    const fed = new Set<RollingMax>();
    this.thresholds.forEach((t, i) => {
      const w = this.windowOf[i];
      if (!w || fed.has(w)) return;
      fed.add(w);
      const v = combineSecond(t.type, this.partsOf(t, point));
      // a second without samples means zero events for a counter, and no reading for other types
      w.push(point.t, v ?? (t.type === 'counter' ? 0 : undefined));
    });
  }

  /** The point's values of every series matching the threshold's selector (the metric total when there is none). */
  private partsOf(t: CompiledThreshold, point: TimeseriesPoint): SeriesValues[] {
    if (!Object.keys(t.selector).length) {
      const total = point.series[t.metric];
      return total ? [total] : [];
    }
    const parts: SeriesValues[] = [];
    for (const s of this.store.seriesOf(t.metric, t.selector)) {
      const v = point.series[s.key];
      if (v) parts.push(v);
    }
    return parts;
  }

  /** Every threshold's outcome, in order; `elapsedMs` is the run's duration so far (used for counter rates). */
  evaluate(elapsedMs: number): ThresholdOutcome[] {
    return this.thresholds.map((t, i) => this.evaluateOne(i, elapsedMs));
  }

  /**
   * The first abortOnFail threshold whose failure is decided now and whose delayAbortEval has passed, marked
   * `aborted`; undefined when none. Thresholds without data yet are not judged. A value that can only rise
   * during a run (see `trend`) compared with > / >= is never decided before the end (the load left may
   * still reach it); one compared with < / <= is decided once it fails (it cannot come back), and likewise
   * for a value that can only fall. Other values abort when they fail now, sustained windows once full.
   * Once one has aborted, the same outcome is returned again. Call it every ~2 s during the run.
   */
  shouldAbort(elapsedMs: number): ThresholdOutcome | undefined {
    if (this.abortedIndex !== undefined) return this.evaluateOne(this.abortedIndex, elapsedMs);
    for (let i = 0; i < this.thresholds.length; i++) {
      const t = this.thresholds[i];
      if (!t.abortOnFail || elapsedMs < t.delayAbortEvalMs) continue;
      const r = this.evaluateOne(i, elapsedMs);
      if (r.observed === null || r.ok || !failureDecided(t, r.observed, this.windowOf[i])) continue;
      this.abortedIndex = i;
      r.aborted = true;
      r.message = describeOutcome(r);
      return r;
    }
    return undefined;
  }

  /** The threshold that aborted the run through shouldAbort, if any. */
  get abortedBy(): CompiledThreshold | undefined {
    return this.abortedIndex === undefined ? undefined : this.thresholds[this.abortedIndex];
  }

  private evaluateOne(i: number, elapsedMs: number): ThresholdOutcome {
    const t = this.thresholds[i];
    const agg = this.store.query(t.metric, t.selector);
    const observed = agg ? this.observe(t, agg, Math.max(0, elapsedMs) / 1000, this.windowOf[i]) : null;
    const noData = observed === null;
    const r: ThresholdOutcome = {
      metric: t.metricKey,
      expression: t.expression,
      label: t.label,
      aggregation: t.aggName,
      operator: t.operator,
      target: t.target,
      observed,
      ok: !noData && compare(observed, t.operator, t.target),
      noData,
      metricSource: t.metricSource,
      status: noData ? 'not measured' : compare(observed, t.operator, t.target) ? 'met' : 'failed',
      abortOnFail: t.abortOnFail,
      aborted: i === this.abortedIndex,
      source: t.source,
      unit: t.unit,
      message: '',
    };
    r.message = describeOutcome(r);
    return r;
  }

  private observe(t: CompiledThreshold, agg: Aggregate, seconds: number, w: RollingMax | undefined): number | null {
    const a = t.aggregation;
    if (a.kind === 'percentile') return trendPercentile(agg, a.p);
    const values = agg.values(seconds);
    if (a.kind !== 'sustained') return values[a.kind] ?? null;
    const rolled = w?.value();
    if (rolled !== undefined) return rolled;
    // no second was flushed while we listened: fall back to the whole-run figure of the same quantity
    switch (t.type) {
      case 'counter': return seconds > 0 ? values.count / seconds : null;
      case 'gauge': return values.value;
      case 'rate': return values.rate;
      case 'trend': return values.avg;
    }
  }
}
