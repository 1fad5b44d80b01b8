// One display row per threshold (criterion), shared by the HTML, JUnit and markdown outputs.
import type { ThresholdResult } from '../results/summary-types.ts';
import { formatNumber, formatValue } from './format.ts';

/** A criterion ready to print: every text already formatted in the threshold's unit. */
export interface CriterionRow {
  label: string;
  metric: string;
  expression: string;
  /** Target with operator and unit, e.g. '< 2,000 ms'. */
  target: string;
  /** Measured value with unit, or 'no data'. */
  measured: string;
  /** Headroom or excess, e.g. '766 ms (38.3 %) to spare'; '' when it cannot be computed. */
  margin: string;
  ok: boolean;
  /** 'pass', 'fail', 'no data' (a failure) or 'not measured' (no data on a requireData: false criterion). */
  result: 'pass' | 'fail' | 'no data' | 'not measured';
  /** CSS badge kind: pass, fail, or skip (not measured). */
  badge: 'pass' | 'fail' | 'skip';
  /** Why it failed in one sentence; '' when it passed. */
  reason: string;
  /** True when this threshold stopped the run early. */
  aborted: boolean;
}

const OPERATOR_TEXT: Record<string, string> = { '<': '<', '<=': '≤', '>': '>', '>=': '≥', '==': '=', '===': '=', '!=': '≠' };

/** The operator as printed: '<=' -> '≤'. */
export function operatorText(op: string): string {
  return OPERATOR_TEXT[op] ?? op;
}

/** Headroom of `observed` against the target in the direction the operator wants; positive = room to spare. */
export function headroom(t: Pick<ThresholdResult, 'operator' | 'target'>, observed: number): number | null {
  switch (t.operator) {
    case '<': case '<=': return t.target - observed;
    case '>': case '>=': return observed - t.target;
    default: return null;
  }
}

function marginText(t: ThresholdResult): string {
  if (t.observed === null) return '';
  const room = headroom(t, t.observed);
  if (room === null) return '';
  const abs = t.unit === '%' ? `${formatNumber(Math.abs(room) * 100)} points` : formatValue(Math.abs(room), t.unit);
  const rel = t.target !== 0 ? ` (${formatNumber((Math.abs(room) / Math.abs(t.target)) * 100)} %)` : '';
  if (room === 0) return 'exactly at target';
  return room > 0 ? `${abs}${rel} to spare` : `${abs}${rel} beyond target`;
}

/** Builds the display row of one threshold result. */
export function criterionRow(t: ThresholdResult): CriterionRow {
  const target = `${operatorText(t.operator)} ${formatValue(t.target, t.unit)}`;
  const measured = t.skipped ? 'not measured' : t.noData || t.observed === null ? 'no data' : formatValue(t.observed, t.unit);
  const ok = t.ok && (!t.noData || !!t.skipped);
  const result = t.skipped ? 'not measured' : t.noData ? 'no data' : ok ? 'pass' : 'fail';
  let reason = '';
  if (t.skipped) reason = `not measured: ${t.metric} received no values, and this criterion applies only when it is measured (requireData: false)`;
  else if (t.noData) reason = `no data: ${t.metric} received no values during the run, so the criterion cannot be met`;
  else if (!ok) reason = `measured ${measured}, target ${target}`;
  if (t.aborted) reason += `${reason ? '; ' : ''}this criterion stopped the run early`;
  return {
    label: t.label || `${t.metric} ${t.expression}`,
    metric: t.metric,
    expression: t.expression,
    target,
    measured,
    margin: marginText(t),
    ok,
    result,
    badge: t.skipped ? 'skip' : ok ? 'pass' : 'fail',
    reason,
    aborted: t.aborted,
  };
}

/** Rows of every threshold, in the order of the thresholds file (as stored in summary.thresholds). */
export function criterionRows(thresholds: readonly ThresholdResult[]): CriterionRow[] {
  return thresholds.map(criterionRow);
}
