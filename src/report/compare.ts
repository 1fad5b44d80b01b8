// Pure comparison of two runs: the change in every criterion and key percentile, and which ones regressed.
import type { RunSummary, ThresholdResult } from '../contracts/summary-types.ts';
import { formatChange, formatDate, formatValue } from './format.ts';
import { operatorText } from './criteria.ts';
import { rowTest, type RowTest } from './compare-evidence.ts';
import { changeBounds, samplesNeeded, type ChangeBounds } from '../stats/detectable.ts';

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
  /**
   * True when a criterion that passed in the baseline fails now, or when the figure got worse by more than
   * the limit AND its test is confident, at the comparison's level, that the run is worse than the baseline
   * by more than the limit: a worsening within run-to-run noise is not one, nor one without samples to test
   * (gauges, counts, sustained rates: shown with a note).
   */
  regression: boolean;
  /** The statistical test behind the row (null: no samples to test; only the criterion rule can flag the row). */
  test: RowTest | null;
  /** Sample sizes and confidence for display, e.g. "n 500/500, 99.9 %"; '' without a test. */
  testText: string;
  /**
   * The bounds of the worsening at the comparison's confidence and the smallest regression these samples can
   * detect (src/stats/detectable.ts); null without a test, or when the test cannot be made (no spread).
   */
  bounds: ChangeBounds | null;
  /** "±6.2 %": the detectable regression for display; '' without bounds. */
  detectableText: string;
  /**
   * True when the row is gated by a test, is no regression, and the samples cannot rule one out: the
   * upper bound or the detectable regression exceeds the limit. Such a row never reads "no regression".
   */
  cannotTell: boolean;
  note: string;
}

/** The result of compareRuns. */
export interface Comparison {
  maxRegressionPct: number;
  /** Confidence (percent) a test must reach for a worsening beyond the limit to count as a regression. */
  confidencePct: number;
  baseline: { scenario: string; date: string; verdict: string };
  run: { scenario: string; date: string; verdict: string };
  rows: ComparisonRow[];
  regressions: number;
  /** Rows that cannot tell (see ComparisonRow.cannotTell). */
  cannotTell: number;
  /** 'regression' when any row regressed, else 'cannot tell' when any gated row cannot tell, else 'no regression'. */
  outcome: 'no regression' | 'regression' | 'cannot tell';
  /** True only for 'no regression'. */
  ok: boolean;
}

/** Default limit of `loadcert compare --max-regression`, in percent. */
export const DEFAULT_MAX_REGRESSION_PCT = 10;

/** Default of `loadcert compare --confidence`, in percent. */
export const DEFAULT_CONFIDENCE_PCT = 95;

/** "n 500/500, 99.9 %": the sample sizes of baseline and run and the confidence of "worse beyond the limit". */
export function formatTest(t: RowTest | null): string {
  if (!t) return '';
  const c = t.confidence * 100;
  return `n ${t.nBase}/${t.nRun}, ${c >= 99.9 ? '≥99.9' : c.toFixed(1)} %`;
}

type Worse = 'higher' | 'lower' | null;

function worseOf(op: string): Worse {
  if (op === '<' || op === '<=') return 'higher';
  if (op === '>' || op === '>=') return 'lower';
  return null;
}

interface Limits { max: number; confidence: number }

function row(kind: ComparisonRow['kind'], label: string, unit: string, base: number | null, run: number | null, worse: Worse, lim: Limits, test: RowTest | undefined): ComparisonRow {
  const max = lim.max;
  const changePct = base !== null && run !== null && base !== 0 ? ((run - base) / Math.abs(base)) * 100 : null;
  const regressionPct = changePct === null || worse === null ? null : worse === 'higher' ? changePct : -changePct;
  let note = '';
  if (base === null) note = 'not in the baseline';
  else if (run === null) note = 'no data in this run';
  else if (changePct === null && run !== base) note = 'baseline was 0';
  const beyond = regressionPct !== null && regressionPct > max;
  // without samples nothing tells a worsening from noise: shown, not gated (the criterion rule still applies)
  const sure = test !== undefined && test.confidence * 100 >= lim.confidence;
  if (beyond && !sure) note = test ? `within run-to-run noise: ${test.method} confidence below ${lim.confidence} %` : 'worse beyond the limit, but no samples to test it against noise: not gated';
  let bounds: ChangeBounds | null = null;
  let cannotTell = false;
  if (test && (test.shifts.worse(0) > 0 || test.shifts.notWorse(0) > 0) && base !== null && run !== null && !(base === 0 && run === 0)) {
    bounds = changeBounds(test.shifts, lim.confidence / 100);
    // the samples tell when the whole interval lies on one side of the limit (and it is narrower than the limit)
    const above = bounds.lowerPct > max;
    if (!(beyond && sure) && above) note = `the samples as a whole are worse beyond the limit (${test.method}); this figure moved ${formatChange(regressionPct)} only`;
    else if (!(beyond && sure) && (bounds.upperPct > max || bounds.detectablePct > max)) {
      cannotTell = true;
      note = cannotTellText(bounds, max, Math.min(test.nBase, test.nRun));
    }
  }
  return {
    kind, label, base, run,
    baseText: base === null ? 'no data' : formatValue(base, unit),
    runText: run === null ? 'no data' : formatValue(run, unit),
    changePct, changeText: formatChange(changePct), regressionPct,
    regression: beyond && sure,
    test: test ?? null, testText: formatTest(test ?? null),
    bounds, detectableText: bounds ? `±${bounds.detectablePct < 10 ? bounds.detectablePct.toFixed(1) : Math.round(bounds.detectablePct)} %` : '', cannotTell,
    note,
  };
}

/** "cannot tell (needs about 2,000 samples per run, or a limit of 14 %)": what would let these runs decide. */
export function cannotTellText(b: ChangeBounds, limitPct: number, n: number): string {
  const need = samplesNeeded(b, limitPct, n);
  const limit = Math.ceil(Math.max(b.upperPct, b.detectablePct, limitPct) + 0.5);
  return `cannot tell (${need === undefined ? 'more samples would sooner show a regression' : `needs about ${need.toLocaleString('en-US')} samples per run`}, or a limit of ${limit} %)`;
}

function metricValue(s: RunSummary, metric: string, field: string): number | null {
  const v = s.metrics?.[metric]?.values?.[field];
  return typeof v === 'number' && Number.isFinite(v) ? v : null;
}

const KEY_FIGURES: Array<[label: string, metric: string, field: string, unit: string, worse: Worse]> = [
  ['HTTP response time, median (p50)', 'http_req_duration', 'med', 'ms', 'higher'],
  ['HTTP response time, 95th percentile', 'http_req_duration', 'p(95)', 'ms', 'higher'],
  ['HTTP response time, 99th percentile', 'http_req_duration', 'p(99)', 'ms', 'higher'],
  ['HTTP error rate', 'http_req_failed', 'rate', '%', 'higher'],
  ['Throughput (HTTP requests per second)', 'http_reqs', 'rate', '/s', 'lower'],
];

const keyOf = (t: ThresholdResult) => `${t.metric} ${t.expression}`;

/**
 * Compares `run` with `base`: a row regresses when it got worse by more than `maxRegressionPct` percent
 * and its test (rank test over the exact HDR histograms, proportion or count test) is at least
 * `confidencePct` % confident the run is worse than the baseline by more than that; a criterion that
 * passed in the baseline and fails now is always a regression.
 */
export function compareRuns(base: RunSummary, run: RunSummary, maxRegressionPct = DEFAULT_MAX_REGRESSION_PCT, confidencePct = DEFAULT_CONFIDENCE_PCT): Comparison {
  const rows: ComparisonRow[] = [];
  const lim: Limits = { max: maxRegressionPct, confidence: confidencePct };
  const baseBy = new Map(base.thresholds.map((t) => [keyOf(t), t]));
  const seen = new Set<string>();
  for (const t of run.thresholds) {
    const b = baseBy.get(keyOf(t));
    seen.add(keyOf(t));
    const worse = worseOf(t.operator);
    const r = row('criterion', `${t.label} (${operatorText(t.operator)} ${formatValue(t.target, t.unit)})`, t.unit,
      b && !b.noData ? b.observed : null, t.noData ? null : t.observed, worse, lim,
      b && !b.noData && !t.noData ? rowTest(base, run, t.metric, t.aggregation, worse, maxRegressionPct) : undefined);
    const runOk = t.ok && !t.noData;
    if (b && b.ok && !b.noData && !runOk) { r.regression = true; r.note = 'passed in the baseline, fails now'; }
    else if (b && !(b.ok && !b.noData) && runOk) r.note = 'failed in the baseline, passes now';
    rows.push(r);
  }
  for (const b of base.thresholds) {
    if (seen.has(keyOf(b))) continue;
    const r = row('criterion', b.label, b.unit, b.noData ? null : b.observed, null, null, lim, undefined);
    r.note = 'criterion not in this run';
    rows.push(r);
  }
  for (const [label, metric, field, unit, worse] of KEY_FIGURES) {
    const b = metricValue(base, metric, field);
    const r = metricValue(run, metric, field);
    if (b === null && r === null) continue;
    const test = b !== null && r !== null ? rowTest(base, run, metric, field, worse, maxRegressionPct) : undefined;
    rows.push(row('key figure', label, unit, b, r, worse, lim, test));
  }
  for (const r of rows) if (r.regression) r.cannotTell = false; // a criterion that fails now is a regression, whatever the samples
  const regressions = rows.filter((r) => r.regression).length;
  const cannotTell = rows.filter((r) => r.cannotTell).length;
  const outcome: Comparison['outcome'] = regressions ? 'regression' : cannotTell ? 'cannot tell' : 'no regression';
  const side = (s: RunSummary) => ({ scenario: s.loadcert.scenario, date: formatDate(s.loadcert.startTime), verdict: s.loadcert.verdict });
  return { maxRegressionPct, confidencePct, baseline: side(base), run: side(run), rows, regressions, cannotTell, outcome, ok: outcome === 'no regression' };
}
