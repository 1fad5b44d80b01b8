// The run's metrics in Prometheus text format, read from the metric store at scrape time (prom-client's exposition).
import client from 'prom-client';
import type { MetricStore, Series } from '../metrics/store.ts';
import type { MetricDef } from '../contracts/metric-types.ts';

/** Prefix of every exported metric name. */
export const PROM_PREFIX = 'loadcert_';

/** Percentiles of a trend exported as summary quantiles: the run's own aggregations from its HDR histograms. */
const QUANTILES: ReadonlyArray<[string, string]> = [['0.5', 'med'], ['0.9', 'p(90)'], ['0.95', 'p(95)'], ['0.99', 'p(99)']];

/**
 * Exported name of a metric, in Prometheus' base units: `loadcert_` + name; times in seconds (`_ms` replaced
 * by, or else `_seconds` added), `_bytes` added to data when the name lacks it, `_total` added to counters.
 * e.g. http_req_duration -> loadcert_http_req_duration_seconds, http_reqs -> loadcert_http_reqs_total.
 */
export function promName(def: Pick<MetricDef, 'name' | 'type' | 'contains'>): string {
  let n = PROM_PREFIX + def.name;
  if (def.contains === 'time') n = `${n.replace(/_ms$/, '')}_seconds`;
  if (def.contains === 'data' && !n.endsWith('_bytes')) n += '_bytes';
  if (def.type === 'counter' && !n.endsWith('_total')) n += '_total';
  return n;
}

/** A tag name as a Prometheus label name (letters, digits, underscore; not starting with a digit). */
export function labelName(tag: string): string {
  const s = tag.replace(/[^A-Za-z0-9_]/g, '_');
  return /^[0-9]/.test(s) ? `_${s}` : s;
}

interface PromValue { value: number; labels: Record<string, string | number>; metricName?: string }

function labelsOf(s: Series): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(s.tags.tags)) out[labelName(k)] = v;
  return out;
}

/** Prometheus values of one series, from its flushed whole-run aggregate. */
function seriesValues(def: MetricDef, name: string, s: Series): PromValue[] {
  const labels = labelsOf(s);
  const v = s.total.values(1);
  const unit = def.contains === 'time' ? 1 / 1000 : 1; // loadcert keeps ms; Prometheus wants seconds
  switch (def.type) {
    case 'counter': return [{ value: v.count * unit, labels }];
    case 'gauge': return [{ value: v.value * unit, labels }];
    case 'rate': return [{ value: v.rate, labels }];
    case 'trend': return [
      ...QUANTILES.map(([q, key]) => ({ value: v[key] * unit, labels: { ...labels, quantile: q } })),
      { metricName: `${name}_sum`, value: v.avg * v.count * unit, labels },
      { metricName: `${name}_count`, value: v.count, labels },
    ];
  }
}

const PROM_TYPE = { counter: 'counter', gauge: 'gauge', rate: 'gauge', trend: 'summary' } as const;

/**
 * Every metric of the store that has flushed data, in Prometheus text format 0.0.4: counters as
 * `_total` counters, gauges as gauges (last value), rates as gauges (share so far), trends as
 * summaries with the run's percentiles (whole run so far, merged, never averaged). Tags become labels.
 */
export async function renderPrometheus(store: MetricStore): Promise<string> {
  const registry = new client.Registry();
  for (const def of store.registry.all()) {
    const series = store.seriesOf(def.name).filter((s) => s.total.count > 0);
    if (!series.length) continue;
    const name = promName(def);
    const help = `${def.description}${def.type === 'rate' ? ' (share 0..1 so far)' : ''}`;
    const type = PROM_TYPE[def.type];
    const metric = {
      name, help, type, aggregator: 'sum' as const,
      get: async () => ({ name, help, type, aggregator: 'sum' as const, values: series.flatMap((s) => seriesValues(def, name, s)) }),
    };
    registry.registerMetric(metric as unknown as client.Metric);
  }
  return registry.metrics();
}

/** Content type of the text format. */
export const PROM_CONTENT_TYPE = client.Registry.PROMETHEUS_CONTENT_TYPE;
