// Reading threshold results: display of values, one-line messages and the k6 summary map.
import type { ThresholdResult } from '../contracts/summary-types.ts';
import { formatValue } from './format-value.ts';

/** A threshold result with a one-line plain-English explanation (why it passed, failed or had no data). */
export interface ThresholdOutcome extends ThresholdResult {
  message: string;
}

/** One-line explanation of a result, e.g. `HTTP response time, 95th percentile: 1,834 ms (target < 2,000 ms): passed`. */
export function describeOutcome(r: ThresholdResult): string {
  const target = `${r.operator} ${formatValue(r.target, r.unit)}`;
  if (r.noData || r.observed === null) {
    return `${r.label}: not measured (target ${target}): ${r.metric} received no values during the run, and a criterion without data cannot be met`;
  }
  const verdict = r.ok ? 'passed' : r.aborted ? 'failed and stopped the run' : 'failed';
  return `${r.label}: ${formatValue(r.observed, r.unit)} (target ${target}): ${verdict}`;
}

/** k6's per-metric `thresholds` map of a summary: metric key -> expression -> { ok }. */
export function summaryThresholds(results: readonly ThresholdResult[]): Record<string, Record<string, { ok: boolean }>> {
  const out: Record<string, Record<string, { ok: boolean }>> = {};
  for (const r of results) {
    const forMetric = (out[r.metric] ??= {});
    // the same expression twice on one key passes only if both pass
    forMetric[r.expression] = { ok: r.ok && (forMetric[r.expression]?.ok ?? true) };
  }
  return out;
}

