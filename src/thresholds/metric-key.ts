// Metric keys of a thresholds map: `metric` or a k6 sub-metric `metric{tag:value,tag2:value2}`.
import type { Tags } from '../contracts/metric-types.ts';
import { METRIC_NAME } from '../metrics/registry.ts';
import type { Parsed, Problem } from './expression.ts';

/** A metric name and the tags a series must carry to count (empty: every series of the metric). */
export interface MetricKey {
  readonly metric: string;
  readonly selector: Tags;
}

/** Why a metric key is malformed. */
export type MetricKeyError = Problem<'bad-selector' | 'bad-metric-name'>;

const FIX = 'write the selector as {tag:value} or {tag:value,tag2:value2}, e.g. "http_req_duration{name:list}"';

function fail(kind: MetricKeyError['kind'], message: string, fix = FIX): { ok: false; error: MetricKeyError } {
  return { ok: false, error: { kind, message, fix } };
}

/** Parses `metric{a:1,b:2}`; tag values may be quoted ('x' or "x"), whitespace around parts is ignored. Never throws. */
export function parseMetricKey(key: string): Parsed<MetricKey, MetricKeyError> {
  const src = key.trim();
  const open = src.indexOf('{');
  if (open < 0 && src.includes('}')) return fail('bad-selector', `"${key}" has a "}" without "{"`);
  const metric = (open < 0 ? src : src.slice(0, open)).trim();
  if (!METRIC_NAME.test(metric)) {
    return fail('bad-metric-name', `"${metric}" is not a valid metric name`, 'metric names use letters, digits and _, e.g. "http_req_duration"');
  }
  if (open < 0) return { ok: true, value: { metric, selector: {} } };
  const close = src.lastIndexOf('}');
  if (close < open) return fail('bad-selector', `selector of "${key}" is missing its closing "}"`);
  if (close !== src.length - 1) return fail('bad-selector', `unexpected text "${src.slice(close + 1)}" after the selector of "${key}"`);
  const body = src.slice(open + 1, close).trim();
  if (!body) return fail('bad-selector', `selector of "${key}" is empty`, `remove the braces ("${metric}") or name a tag, e.g. "${metric}{name:list}"`);

  const selector: Record<string, string> = {};
  for (const part of body.split(',')) {
    const colon = part.indexOf(':');
    if (colon < 0) return fail('bad-selector', `selector part "${part.trim()}" of "${key}" has no ":" between tag and value`);
    const tag = part.slice(0, colon).trim();
    const value = unquote(part.slice(colon + 1).trim());
    if (!tag || !value) return fail('bad-selector', `selector part "${part.trim()}" of "${key}" needs both a tag and a value`);
    if (tag in selector) return fail('bad-selector', `tag "${tag}" appears twice in "${key}"`, 'name each tag once');
    selector[tag] = value;
  }
  return { ok: true, value: { metric, selector } };
}

function unquote(v: string): string {
  if (v.length >= 2 && (v[0] === '"' || v[0] === "'") && v[v.length - 1] === v[0]) return v.slice(1, -1);
  return v;
}
