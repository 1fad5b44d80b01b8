// Each criterion's status from declared sources and measured data: met, failed, not measured or not applicable.
import type { CriterionStatus, ThresholdResult } from '../contracts/summary-types.ts';
import { describeSource } from './sources.ts';
import { compare } from '../thresholds/evaluator.ts';
import type { Operator } from '../thresholds/expression.ts';

/**
 * The status of one evaluated criterion: 'not applicable' when the scenario does not declare its metric's
 * source; else 'not measured' when the metric got no data; else 'met' or 'failed' by its comparison.
 * `sources` undefined (a summary from before sources were recorded) treats every criterion as applicable.
 */
export function criterionStatus(t: Pick<ThresholdResult, 'metricSource' | 'noData' | 'observed' | 'operator' | 'target'>, sources: readonly string[] | undefined): CriterionStatus {
  if (sources && t.metricSource && !sources.includes(t.metricSource)) return 'not applicable';
  if (t.noData || t.observed === null) return 'not measured';
  return compare(t.observed, t.operator as Operator, t.target) ? 'met' : 'failed';
}

/** Why a criterion does not apply, e.g. `not applicable: container_cpu_percent comes from resources.docker, which ...`. */
export function notApplicableReason(metric: string, source: string): string {
  return `not applicable: ${metric} comes from ${describeSource(source)}, which this scenario does not declare`;
}

/** The results with `status` (and `ok` = met) set from the declared sources; the input is not changed. */
export function judgeCriteria<T extends ThresholdResult>(results: readonly T[], sources: readonly string[] | undefined): T[] {
  return results.map((r) => {
    const status = criterionStatus(r, sources);
    return { ...r, status, ok: status === 'met' };
  });
}
