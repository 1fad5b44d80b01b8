// Pure comparison of two runs: the change in every criterion and key percentile, and which ones regressed.
import type { RunSummary, ThresholdResult } from '../results/summary-types.ts';
import { formatChange, formatDate, formatValue } from './format.ts';
import { operatorText } from './criteria.ts';

/** One compared figure. `changePct` is relative to the baseline (null when the baseline is 0 or missing). */
export interface ComparisonRow {
  kind: 'criterion' | 'key figure';
  label: string;
  base: number | null;
  run: number | null;
  baseText: string;
  runText: string;
  changePct: number | null;
  changeText: string;
  /** Change in the bad direction, in percent (positive = worse); null when it cannot be computed. */
  regressionPct: number | null;
  /** True when the regression exceeds the limit, or a criterion that passed in the baseline fails now. */
  regression: boolean;
  note: string;
}

/** The result of compareRuns. */
export interface Comparison {
  maxRegressionPct: number;
  baseline: { scenario: string; date: string; verdict: string };
  run: { scenario: string; date: string; verdict: string };
  rows: ComparisonRow[];
  regressions: number;
  /** False when any row regressed. */
  ok: boolean;
}

/** Default limit of `loadcert compare --max-regression`, in percent. */
export const DEFAULT_MAX_REGRESSION_PCT = 10;

type Worse = 'higher' | 'lower' | null;

function worseOf(op: string): Worse {
  if (op === '<' || op === '<=') return 'higher';
  if (op === '>' || op === '>=') return 'lower';
  return null;
}

function row(kind: ComparisonRow['kind'], label: string, unit: string, base: number | null, run: number | null, worse: Worse, max: number): ComparisonRow {
  const changePct = base !== null && run !== null && base !== 0 ? ((run - base) / Math.abs(base)) * 100 : null;
  const regressionPct = changePct === null || worse === null ? null : worse === 'higher' ? changePct : -changePct;
  let note = '';
  if (base === null) note = 'not in the baseline';
  else if (run === null) note = 'no data in this run';
  else if (changePct === null && run !== base) note = 'baseline was 0';
  return {
    kind, label, base, run,
    baseText: base === null ? 'no data' : formatValue(base, unit),
    runText: run === null ? 'no data' : formatValue(run, unit),
    changePct, changeText: formatChange(changePct), regressionPct,
    regression: regressionPct !== null && regressionPct > max,
    note,
  };
}

function metricValue(s: RunSummary, metric: string, field: string): number | null {
  const v = s.metrics?.[metric]?.values?.[field];
  return typeof v === 'number' && Number.isFinite(v) ? v : null;
}

const KEY_FIGURES: Array<[string, string, string, string, Worse]> = [
  ['HTTP response time, median (p50)', 'http_req_duration', 'med', 'ms', 'higher'],
  ['HTTP response time, 95th percentile', 'http_req_duration', 'p(95)', 'ms', 'higher'],
  ['HTTP response time, 99th percentile', 'http_req_duration', 'p(99)', 'ms', 'higher'],
  ['HTTP error rate', 'http_req_failed', 'rate', '%', 'higher'],
  ['Throughput (HTTP requests per second)', 'http_reqs', 'rate', '/s', 'lower'],
];

const keyOf = (t: ThresholdResult) => `${t.metric} ${t.expression}`;

/** Compares `run` with `base`; a row regresses when it got worse by more than `maxRegressionPct` percent. */
export function compareRuns(base: RunSummary, run: RunSummary, maxRegressionPct = DEFAULT_MAX_REGRESSION_PCT): Comparison {
  const rows: ComparisonRow[] = [];
  const baseBy = new Map(base.thresholds.map((t) => [keyOf(t), t]));
  const seen = new Set<string>();
  for (const t of run.thresholds) {
    const b = baseBy.get(keyOf(t));
    seen.add(keyOf(t));
    const r = row('criterion', `${t.label} (${operatorText(t.operator)} ${formatValue(t.target, t.unit)})`, t.unit,
      b && !b.noData ? b.observed : null, t.noData ? null : t.observed, worseOf(t.operator), maxRegressionPct);
    const runOk = t.ok && !t.noData;
    if (b && b.ok && !b.noData && !runOk) { r.regression = true; r.note = 'passed in the baseline, fails now'; }
    else if (b && !(b.ok && !b.noData) && runOk) r.note = 'failed in the baseline, passes now';
    rows.push(r);
  }
  for (const b of base.thresholds) {
    if (seen.has(keyOf(b))) continue;
    const r = row('criterion', b.label, b.unit, b.noData ? null : b.observed, null, null, maxRegressionPct);
    r.note = 'criterion not in this run';
    rows.push(r);
  }
  for (const [label, metric, field, unit, worse] of KEY_FIGURES) {
    const b = metricValue(base, metric, field);
    const r = metricValue(run, metric, field);
    if (b === null && r === null) continue;
    rows.push(row('key figure', label, unit, b, r, worse, maxRegressionPct));
  }
  const regressions = rows.filter((r) => r.regression).length;
  const side = (s: RunSummary) => ({ scenario: s.loadcert.scenario, date: formatDate(s.loadcert.startTime), verdict: s.loadcert.verdict });
  return { maxRegressionPct, baseline: side(base), run: side(run), rows, regressions, ok: regressions === 0 };
}
