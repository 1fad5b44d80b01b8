import type { MetricStore } from '../metrics/store.ts';
import type { Tags } from '../contracts/metric-types.ts';
import { keyParts } from '../metrics/metric-key.ts';
import { createAggregate, encodeTrend, trendPercentile, trendSpectrum } from '../metrics/aggregates.ts';
import { failureCauses } from './failure-causes.ts';
import { rootGroup, k6Options, k6State } from './k6-sections.ts';
import type { EndpointSummary, RunMeta, RunSummary, SummaryMetric, ThresholdResult } from '../contracts/summary-types.ts';

/** k6's summary values of a trend use p(90) and p(95); loadcert adds p(99). */
function metricEntry(store: MetricStore, name: string, selector: Tags, seconds: number): SummaryMetric | undefined {
  const def = store.registry.get(name);
  const agg = store.query(name, selector);
  if (!def || !agg) return undefined;
  return { type: def.type, contains: def.contains, values: agg.values(seconds) };
}

/** A metric (or sub-metric) with no data: the value keys of its type at zero (k6's readers look for e.g. values.rate). */
function emptyEntry(store: MetricStore, name: string, seconds: number): SummaryMetric {
  const def = store.registry.get(name);
  const type = def?.type ?? 'counter';
  return { type, contains: def?.contains ?? 'default', values: createAggregate(type).values(seconds) };
}

/** Per-endpoint figures: http_req_duration and http_req_failed merged over statuses for each (workload, name, method). */
export function endpointSummaries(store: MetricStore): EndpointSummary[] {
  const groups = new Map<string, EndpointSummary & { sel: Record<string, string> }>();
  for (const s of store.seriesOf('http_req_duration')) {
    const { scenario = '', name = '', method = '' } = s.tags.tags;
    const key = `${scenario}\0${name}\0${method}`;
    if (!groups.has(key)) groups.set(key, { scenario, name, method, requests: 0, failedRate: 0, p50: 0, p95: 0, p99: 0, max: 0, sel: { scenario, name, method } });
  }
  const out: EndpointSummary[] = [];
  for (const g of groups.values()) {
    const dur = store.query('http_req_duration', g.sel);
    const failed = store.query('http_req_failed', g.sel);
    if (!dur) continue;
    const { sel: _sel, ...rest } = g;
    out.push({
      ...rest,
      requests: dur.count,
      failedRate: failed ? failed.values(0).rate : 0,
      p50: trendPercentile(dur, 50),
      p95: trendPercentile(dur, 95),
      p99: trendPercentile(dur, 99),
      max: dur.values(0).max,
      failures: failureCauses(store, g.sel),
    });
  }
  return out.sort((a, b) => a.scenario.localeCompare(b.scenario) || b.requests - a.requests);
}

/**
 * Builds summary.json: every metric with data (whole-run values), each sub-metric an applicable criterion
 * names (with k6's `thresholds: {expr: {ok}}`), the ordered criteria (all of them, with their status) and the run metadata.
 */
export function buildSummary(
  store: MetricStore,
  meta: Omit<RunMeta, 'endpoints' | 'latencySpectrum' | 'histograms'>,
  thresholds: ThresholdResult[],
  shownMetrics: readonly string[] = [],
): RunSummary {
  const seconds = meta.durationMs / 1000;
  const metrics: Record<string, SummaryMetric> = {};
  for (const name of store.metricsWithData().sort()) {
    const m = metricEntry(store, name, {}, seconds);
    if (m) metrics[name] = m;
  }
  const histograms: Record<string, string> = {};
  for (const name of Object.keys(metrics)) {
    if (metrics[name].type !== 'trend') continue;
    const enc = encodeTrend(store.query(name) ?? createAggregate('trend'));
    if (enc) histograms[name] = enc;
  }
  for (const t of thresholds) {
    // k6's per-metric map reads ok:false as failed: a criterion that does not apply is left out of it
    if (t.status === 'not applicable') continue;
    if (!metrics[t.metric]) {
      const { metric: name, tags: selector } = keyParts(t.metric);
      const m = metricEntry(store, name, selector, seconds);
      metrics[t.metric] = m ?? emptyEntry(store, name, seconds);
    }
    const entry = metrics[t.metric];
    (entry.thresholds ??= {})[t.expression] = { ok: t.ok };
    // a trend criterion keeps its exact histogram, so `compare` can test it against another run
    if (entry.type === 'trend' && !histograms[t.metric]) {
      const { metric: name, tags: selector } = keyParts(t.metric);
      const agg = store.query(name, selector);
      const enc = agg ? encodeTrend(agg) : undefined;
      if (enc) histograms[t.metric] = enc;
    }
  }
  // k6's empty-list idiom (`'m{tag:x}': []`): the sub-metric is shown, with no thresholds
  for (const key of shownMetrics) {
    if (metrics[key]) continue;
    const { metric: name, tags: selector } = keyParts(key);
    metrics[key] = metricEntry(store, name, selector, seconds) ?? emptyEntry(store, name, seconds);
  }
  const dur = store.query('http_req_duration');
  const trendStats = Object.keys(createAggregate('trend').values(0)).filter((k) => k !== 'count');
  return {
    loadcert: { ...meta, endpoints: endpointSummaries(store), latencySpectrum: dur ? trendSpectrum(dur) : [], histograms },
    thresholds,
    metrics,
    root_group: rootGroup(store),
    options: k6Options(trendStats),
    state: k6State(meta.durationMs),
  };
}
