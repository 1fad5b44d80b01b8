// One display row per threshold (criterion), shared by the HTML, JUnit and markdown outputs.
import type { CriterionStatus, ThresholdResult } from '../contracts/summary-types.ts';
import { notApplicableReason } from '../verdict/criteria.ts';
import { formatNumber, formatValue } from './format.ts';

/** A criterion ready to print: every text already formatted in the threshold's unit. */
export interface CriterionRow {
  label: string;
  metric: string;
  expression: string;
  /** Target with operator and unit, e.g. '< 2,000 ms'. */
  target: string;
  /** Measured value with unit, 'not measured' or 'not applicable'. */
  measured: string;
  /** Headroom or excess, e.g. '766 ms (38.3 %) to spare'; '' when it cannot be computed. */
  margin: string;
  /** True only for a measured criterion that was met. */
  ok: boolean;
  /** 'pass', 'fail', 'not measured' (applicable, no data: blocks the certificate) or 'not applicable' (listed apart, never met). */
  result: 'pass' | 'fail' | 'not measured' | 'not applicable';
  /** CSS badge kind: pass, fail (failed or not measured), or skip (not applicable). */
  badge: 'pass' | 'fail' | 'skip';
  /** Why it failed, was not measured or does not apply, in one sentence; '' when it passed. */
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

const RESULT: Record<CriterionStatus, CriterionRow['result']> = { met: 'pass', failed: 'fail', 'not measured': 'not measured', 'not applicable': 'not applicable' };

/** Builds the display row of one judged threshold result (status set by src/verdict; absent: derived from noData/ok). */
export function criterionRow(t: ThresholdResult): CriterionRow {
  const status: CriterionStatus = t.status ?? (t.noData || t.observed === null ? 'not measured' : t.ok ? 'met' : 'failed');
  const target = `${operatorText(t.operator)} ${formatValue(t.target, t.unit)}`;
  const result = RESULT[status];
  const measured = status === 'not applicable' || status === 'not measured' ? status : t.measuredText ?? formatValue(t.observed!, t.unit);
  let reason = '';
  if (status === 'not applicable') reason = notApplicableReason(t.metric, t.metricSource ?? 'workload');
  else if (status === 'not measured') reason = t.measuredText ?? `not measured: ${t.metric} received no values during the run although the scenario declares its source, so the run cannot be certified`;
  else if (status === 'failed') reason = `measured ${measured}, target ${target}`;
  if (t.aborted) reason += `${reason ? '; ' : ''}this criterion stopped the run early`;
  return {
    label: t.label || `${t.metric} ${t.expression}`,
    metric: t.metric,
    expression: t.expression,
    target,
    measured,
    margin: status === 'met' || status === 'failed' ? marginText(t) : '',
    ok: status === 'met',
    result,
    badge: status === 'not applicable' ? 'skip' : status === 'met' ? 'pass' : 'fail',
    reason,
    aborted: t.aborted,
  };
}

/** Rows of every threshold, in the order of the thresholds file (as stored in summary.thresholds). */
export function criterionRows(thresholds: readonly ThresholdResult[]): CriterionRow[] {
  return thresholds.map(criterionRow);
}
