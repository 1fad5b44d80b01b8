// Metric keys of a thresholds map: `metric` or a k6 sub-metric `metric{tag:value,tag2:value2}`.
import type { Tags } from '../contracts/metric-types.ts';
import { METRIC_NAME } from '../metrics/registry.ts';
import { parseSeriesKey } from '../metrics/metric-key.ts';
import type { Parsed, Problem } from './expression.ts';

/** A metric name and the tags a series must carry to count (empty: every series of the metric). */
export interface MetricKey {
  readonly metric: string;
  readonly selector: Tags;
}

/** Why a metric key is malformed. */
export type MetricKeyError = Problem<'bad-selector' | 'bad-metric-name'>;

const FIX = 'write the selector as {tag:value} or {tag:value,tag2:value2}, e.g. "http_req_duration{name:list}"; quote a value that holds , { } or a quote: {name:"a,b"}';

function fail(kind: MetricKeyError['kind'], message: string, fix = FIX): { ok: false; error: MetricKeyError } {
  return { ok: false, error: { kind, message, fix } };
}

/**
 * Parses `metric{a:1,b:2}` with the one key grammar (src/metrics/metric-key.ts): values may be quoted
 * ('x' or "x", `\` escapes inside), which a value containing "," "{" "}" or a quote needs; whitespace
 * around parts is ignored. Never throws.
 */
export function parseMetricKey(key: string): Parsed<MetricKey, MetricKeyError> {
  // as in k6, the metric name is taken as written: whitespace around it would name no metric
  const brace = key.indexOf('{');
  const written = brace < 0 ? key : key.slice(0, brace);
  if (written.trim() && written !== written.trim()) {
    return fail('bad-metric-name', `${JSON.stringify(key)} has whitespace around its metric name`, `write it without: "${written.trim()}${brace < 0 ? '' : key.slice(brace)}"`);
  }
  const r = parseSeriesKey(key.trim(), { allowEmptyValue: false });
  if (!r.ok) {
    const empty = /^\s*([^{]*?)\s*\{\s*\}\s*$/.exec(key);
    if (empty) return fail('bad-selector', r.message, `remove the braces ("${empty[1]}") or name a tag, e.g. "${empty[1]}{name:list}"`);
    return fail('bad-selector', r.message, r.message.includes('appears twice') ? 'name each tag once' : FIX);
  }
  const { metric, tags } = r.value;
  if (!METRIC_NAME.test(metric)) {
    return fail('bad-metric-name', `"${metric}" is not a valid metric name`, 'metric names are 2 to 129 ASCII letters, digits and _, not starting with a digit (k6\'s rule), e.g. "http_req_duration"');
  }
  return { ok: true, value: { metric, selector: tags } };
}
