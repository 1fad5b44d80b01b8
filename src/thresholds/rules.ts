// Which aggregations a threshold may use on each metric type (k6's rules plus sustained()).
import type { MetricType } from '../contracts/metric-types.ts';
import type { Aggregation } from './expression.ts';

/** Aggregations valid per metric type, as shown in messages; sustained(window) is valid for every type. */
export const AGGREGATIONS_BY_TYPE: Readonly<Record<MetricType, readonly string[]>> = {
  counter: ['count', 'rate'],
  gauge: ['value', 'min', 'max'],
  rate: ['rate'],
  trend: ['avg', 'min', 'med', 'max', 'p(N)'],
};

/** True when `agg` can be computed for a metric of `type`. */
export function aggregationAllowed(type: MetricType, agg: Aggregation): boolean {
  if (agg.kind === 'sustained') return true;
  const name = agg.kind === 'percentile' ? 'p(N)' : agg.kind;
  return AGGREGATIONS_BY_TYPE[type].includes(name);
}

/** Human list of what a type accepts, for fixes: `count, rate or sustained(window)`. */
export function allowedList(type: MetricType): string {
  return [...AGGREGATIONS_BY_TYPE[type], 'sustained(window)'].join(', ').replace(/, ([^,]*)$/, ' or $1');
}
