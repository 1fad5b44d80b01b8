// Alert rules come from the thresholds file (entries marked `alert`, stored in summary.json); this module
// follows them over the per-second time series and finds the episodes during which a rule's expression did not hold.
import type { AlertRule } from '../contracts/summary-types.ts';
import type { TimeseriesPoint } from '../contracts/metric-types.ts';
import { parseExpression, type Aggregation, type Operator } from '../thresholds/expression.ts';
import { compare } from '../thresholds/evaluator.ts';
import { splitKey } from './series-collector.ts';
import { formatTags, keyParts } from '../metrics/metric-key.ts';
import { formatValue } from './format.ts';
import { formatDuration } from '../contracts/duration.ts';

/** One period during which an alert rule held. */
export interface AlertEpisode {
  severity: 'critical' | 'warning';
  /** The rule in words (its label), e.g. 'Memory above 80 % of the limit'. */
  rule: string;
  /** What it fired on, e.g. 'container:api' or 'all'. */
  subject: string;
  /** Epoch ms of the first second and seconds it lasted (>= the rule's window). */
  startMs: number;
  durationS: number;
  /** Worst value during the episode, formatted. */
  peak: string;
}

/** Seconds between points that still count as one continuous episode. */
const MAX_GAP_MS = 2000;

interface Open { startMs: number; lastMs: number; peak: number }
interface Watched { rule: AlertRule; name: string; selector: Record<string, string>; field: string | undefined; op: Operator; target: number; worse: (a: number, b: number) => boolean; open: Map<string, Open>; done: AlertEpisode[] }

/** The per-second field that `agg` reads (undefined when seconds do not store it). */
function fieldOf(agg: Aggregation): string | undefined {
  switch (agg.kind) {
    case 'percentile': return [90, 95, 99].includes(agg.p) ? `p(${agg.p})` : undefined;
    case 'sustained': return undefined;
    default: return agg.kind;
  }
}

/** Follows every alert rule point by point; memory grows with open episodes and episodes found only. */
export class AlertSeries {
  private readonly watched: Watched[];

  constructor(rules: readonly AlertRule[]) {
    this.watched = [];
    for (const rule of rules) {
      const e = parseExpression(rule.expression);
      if (!e.ok) continue;
      const { metric: name, tags: selector } = keyParts(rule.metric);
      const op = e.value.operator;
      this.watched.push({ rule, name, selector, field: fieldOf(e.value.aggregation), op, target: e.value.target,
        worse: op === '>' || op === '>=' ? (a, b) => a < b : (a, b) => a > b, open: new Map(), done: [] });
    }
  }

  /** True when there is at least one rule to follow. */
  get any(): boolean { return this.watched.length > 0; }

  /** Folds one second in. */
  add(point: TimeseriesPoint): void {
    for (const w of this.watched) {
      if (!w.field) continue;
      const values = this.subjects(w, point);
      for (const [subject, v] of values) {
        const broken = !compare(v, w.op, w.target);
        const o = w.open.get(subject);
        if (o && (!broken || point.t - o.lastMs > MAX_GAP_MS)) { this.close(w, subject, o); }
        if (!broken) continue;
        const cur = w.open.get(subject);
        if (cur) { cur.lastMs = point.t; if (w.worse(v, cur.peak)) cur.peak = v; } else w.open.set(subject, { startMs: point.t, lastMs: point.t, peak: v });
      }
      // a subject without a value this second ends its episode
      for (const [subject, o] of [...w.open]) if (!values.has(subject)) this.close(w, subject, o);
    }
  }

  /** The value of each subject of `w` in `point`: tagged series one by one, counters summed over a selector, else the total. */
  private subjects(w: Watched, point: TimeseriesPoint): Map<string, number> {
    const out = new Map<string, number>();
    const sel = Object.entries(w.selector);
    const tagged: Array<[string, number]> = [];
    let total: number | undefined;
    for (const key in point.series) {
      const { metric, tags } = splitKey(key);
      if (metric !== w.name) continue;
      const v = point.series[key]?.[w.field!];
      if (typeof v !== 'number' || !Number.isFinite(v)) continue;
      if (!tags) { total = v; continue; }
      if (sel.every(([k, x]) => Object.hasOwn(tags, k) && tags[k] === x)) tagged.push([formatTags(tags), v]);
    }
    const summable = w.field === 'count';
    if (sel.length) {
      if (summable) { if (tagged.length) out.set(w.rule.metric, tagged.reduce((a, [, v]) => a + v, 0)); }
      else for (const [k, v] of tagged) out.set(k, v);
    } else if (w.rule.type === 'gauge' && tagged.length) for (const [k, v] of tagged) out.set(k, v);
    else if (total !== undefined) out.set('all', total);
    return out;
  }

  private close(w: Watched, subject: string, o: Open): void {
    w.open.delete(subject);
    const durationS = Math.round((o.lastMs - o.startMs) / 1000) + 1;
    if (durationS >= w.rule.windowS)
      w.done.push({ severity: w.rule.severity, rule: w.rule.label, subject: subject.replace(/:/g, ' ').replace(/,/g, ', '), startMs: o.startMs, durationS, peak: formatValue(o.peak, w.rule.unit) });
  }

  /** Every episode, open ones closed at the last second seen. */
  episodes(): AlertEpisode[] {
    for (const w of this.watched) for (const [subject, o] of [...w.open]) this.close(w, subject, o);
    return this.watched.flatMap((w) => w.done);
  }
}

/** Episodes of every rule, sorted by start time, critical first on ties. */
export function evaluateAlerts(series: AlertSeries): AlertEpisode[] {
  return series.episodes().sort((a, b) => a.startMs - b.startMs || (a.severity === b.severity ? 0 : a.severity === 'critical' ? -1 : 1));
}

/** The rules in words for the report: `critical: <label> (metric expression, for 30 s)`. */
export function alertRuleTexts(rules: readonly AlertRule[]): string[] {
  return rules.map((r) => `${r.severity}: ${r.label} (raised when ${r.metric} ${r.expression} does not hold${r.windowS > 1 ? ` for ${formatDuration(r.windowS * 1000)}` : ''})`);
}
