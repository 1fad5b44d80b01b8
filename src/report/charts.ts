// The report's charts: which series each one draws, with the criterion and alert-rule lines that apply.
import type { RunSummary, ThresholdResult, WorkloadInfo } from '../contracts/summary-types.ts';
import { buildChart, type BandSpec, type ChartModel, type LineSpec, type RefLineSpec } from './chart-model.ts';
import type { SeriesCollector, SeriesData } from './series-collector.ts';
import { formatNumber, formatPct } from './format.ts';

type Corners = Array<[number, number]>;

/** Sum over workloads of their target corners, each shifted by its start (WorkloadInfo.startTime, seconds); [] when none. */
export function sumTargets(workloads: readonly WorkloadInfo[], pick: (w: WorkloadInfo) => Corners | undefined): Corners {
  const parts = workloads
    .map((w) => ({ start: w.startTime || 0, corners: pick(w) ?? [] }))
    .filter((p) => p.corners.length > 0)
    .map((p) => p.corners.map(([x, v]) => [p.start + x, v] as [number, number]));
  if (!parts.length) return [];
  if (parts.length === 1) return parts[0];
  const xs = [...new Set(parts.flatMap((c) => c.map((p) => p[0])))].sort((a, b) => a - b);
  const at = (c: Corners, x: number): number => {
    if (x < c[0][0] || x > c[c.length - 1][0]) return 0;
    for (let i = 1; i < c.length; i++) {
      const [x0, y0] = c[i - 1];
      const [x1, y1] = c[i];
      if (x <= x1) return x1 === x0 ? y1 : y0 + ((y1 - y0) * (x - x0)) / (x1 - x0);
    }
    return c[c.length - 1][1];
  };
  const eps = 1e-6;
  const out: Corners = [];
  for (const x of xs) {
    const left = parts.reduce((s, c) => s + at(c, x - eps), 0);
    const right = parts.reduce((s, c) => s + at(c, x + eps), 0);
    out.push([x, Math.round(left * 1000) / 1000]);
    if (Math.abs(right - left) > 1e-3) out.push([x, Math.round(right * 1000) / 1000]);
  }
  return out;
}

/** Elapsed-seconds x values and one field of a stored series. */
function lineOf(s: SeriesData | undefined, field: string, t0: number, label: string, scale = 1, dash?: boolean): LineSpec | undefined {
  if (!s || !s.v[field]) return undefined;
  return { label, x: s.t.map((t) => (t - t0) / 1000), y: scale === 1 ? s.v[field] : s.v[field].map((v) => v * scale), dash };
}

/** One line of a time chart: metric, field, label, and optionally a scale with a dashed stroke. */
type TimeLine = readonly [metric: string, field: string, label: string, scale?: number, dash?: boolean];

/** The lines of a time chart whose series are present, from their specs. */
function timeLines(c: SeriesCollector, t0: number, specs: readonly TimeLine[]): LineSpec[] {
  return present(specs.map(([metric, field, label, scale, dash]) => lineOf(c.get(metric), field, t0, label, scale, dash)));
}

function present(lines: Array<LineSpec | undefined>): LineSpec[] {
  return lines.filter((l): l is LineSpec => l !== undefined);
}

/** Criteria on the whole metric, or on its expected responses only (`{expected_response:true}`, as the release latency criterion is). */
function onWholeMetric(key: string, metric: string): boolean {
  return key === metric || key === `${metric}{expected_response:true}`;
}

function criterionRefs(thresholds: readonly ThresholdResult[], metric: string, scale = 1, fmt: (v: number) => string = formatNumber): RefLineSpec[] {
  return thresholds
    .filter((t) => onWholeMetric(t.metric, metric))
    .map((t) => ({ y: t.target * scale, label: `criterion ${t.expression.replace(/\s+/g, '')} (${fmt(t.target * scale)})`, kind: 'criterion' as const }));
}

/** The fault windows of a run with faults (summary.json resilience) as shaded spans, in seconds from `t0`. */
export function faultBands(summary: RunSummary, t0: number): BandSpec[] {
  const r = summary.loadcert.resilience;
  if (!r) return [];
  const at = (ms: number) => (r.startEpoch + ms - t0) / 1000;
  return r.faults.flatMap((f) => [
    ...(f.faultToMs > f.faultFromMs ? [{ from: at(f.faultFromMs), to: at(f.faultToMs), label: `fault ${f.name}`, kind: 'fault' as const }] : []),
    { from: at(f.faultToMs), to: at(f.recoveryToMs), label: `recovery allowance of ${f.name}`, kind: 'recovery' as const },
  ]);
}

/** The sprint dashboard's six panels, in the order the report shows them. */
export const DASHBOARD_PANELS = ['Resources', 'Response time and throughput', 'Database', 'Cache hit ratio', 'Errors by status', 'Sessions'] as const;

/** Charts grouped under the dashboard panels, in DASHBOARD_PANELS order; panels without a chart are left out. */
export function chartPanels(charts: readonly ChartModel[]): Array<{ title: string; id: string; charts: ChartModel[] }> {
  return DASHBOARD_PANELS
    .map((title) => ({ title, id: `panel-${title.toLowerCase().replace(/[^a-z]+/g, '-')}`, charts: charts.filter((c) => c.panel === title) }))
    .filter((p) => p.charts.length > 0);
}

/** Every chart that has data, in the order of the dashboard panels. `t0` is the run's start (epoch ms). */
export function buildCharts(summary: RunSummary, c: SeriesCollector, t0: number): ChartModel[] {
  const meta = summary.loadcert;
  const runS = Math.max(1, (Number.isFinite(c.last) ? Math.max(c.last + 1000 - t0, meta.durationMs) : meta.durationMs) / 1000);
  const xDomain: [number, number] = [0, runS];
  const bands = faultBands(summary, t0);
  const th = summary.thresholds;
  const ms = (v: number) => `${formatNumber(v)} ms`;
  const charts: ChartModel[] = [];
  const push = (m: ChartModel) => { if (!m.empty) charts.push(m); };
  const tagged = (metric: string, tag: string, field: string, prefix: string, scale = 1) =>
    c.taggedBy(metric, tag).map(([name, key]) => lineOf(c.get(key), field, t0, `${prefix}${name}`, scale));

  // 1. Resources
  let panel = 'Resources';
  push(buildChart({
    panel, id: 'chart-cpu', title: 'CPU by container and process', xKind: 'time', xDomain, bands, yFormat: formatPct, yMaxAtLeast: 100,
    caption: '100 % = one full core. Orange line: the 70 % warning rule.',
    lines: present([...tagged('container_cpu_percent', 'container', 'value', ''), ...tagged('process_cpu_percent', 'process', 'value', 'process '),
      lineOf(c.get('host_cpu_percent'), 'value', t0, 'host (all cores)', 1, true)]),
    refs: [{ y: 70, label: 'warning 70 %', kind: 'warning' }],
  }));
  push(buildChart({
    panel, id: 'chart-memory', title: 'Memory by container (% of limit)', xKind: 'time', xDomain, bands, yFormat: formatPct, yMaxAtLeast: 100,
    caption: 'Red line: the 80 % critical rule.',
    lines: present([...tagged('container_memory_percent', 'container', 'value', ''), lineOf(c.get('host_memory_percent'), 'value', t0, 'host', 1, true)]),
    refs: [{ y: 80, label: 'critical 80 %', kind: 'critical' }],
  }));
  push(buildChart({
    panel, id: 'chart-rss', title: 'Process memory (resident)', xKind: 'time', xDomain, bands, yFormat: (v) => `${formatNumber(v)} MiB`,
    lines: present(tagged('process_rss_bytes', 'process', 'value', '', 1 / 1048576)),
  }));
  push(buildChart({
    panel, id: 'chart-disk', title: 'Host disk free', xKind: 'time', xDomain, bands, yFormat: formatPct, yMaxAtLeast: 100,
    caption: 'Red line: the 10 % critical rule.',
    lines: present(tagged('host_disk_free_percent', 'path', 'value', '')),
    refs: [{ y: 10, label: 'critical 10 %', kind: 'critical' }],
  }));

  // 2. Response time and throughput
  panel = 'Response time and throughput';
  const rate = sumTargets(meta.workloads, (w) => w.targetRate);
  push(buildChart({
    panel, id: 'chart-rate', title: 'Request rate: achieved vs target', xKind: 'time', xDomain, bands, yFormat: (v) => `${formatNumber(v)}/s`,
    caption: rate.length ? 'Per second. Dashed: the target iteration rate of the arrival-rate workloads.' : 'Per second.',
    lines: present([
      rate.length ? { label: 'target iterations/s', x: rate.map((p) => p[0]), y: rate.map((p) => p[1]), dash: true, color: '#5f6b73' } : undefined,
      lineOf(c.get('iterations'), 'count', t0, 'iterations/s'),
      lineOf(c.get('http_reqs'), 'count', t0, 'HTTP requests/s'),
      lineOf(c.get('dropped_iterations'), 'count', t0, 'dropped iterations/s'),
    ]),
  }));
  push(buildChart({
    panel, id: 'chart-latency', title: 'HTTP response time over time', xKind: 'time', xDomain, bands, yFormat: ms,
    caption: 'Percentiles of each second; the axis fits the data. Red: the response-time criterion (a marker at the top edge when it lies far above).',
    lines: timeLines(c, t0, [
      ['http_req_duration', 'med', 'p50'],
      ['http_req_duration', 'p(95)', 'p95'],
      ['http_req_duration', 'p(99)', 'p99'],
    ]),
    refs: criterionRefs(th, 'http_req_duration', 1, ms),
  }));
  const spectrum = meta.latencySpectrum ?? [];
  if (spectrum.length) {
    push(buildChart({
      panel, id: 'chart-distribution', title: 'HTTP response time distribution (whole run)', xKind: 'category', yFormat: ms,
      categories: spectrum.map(([p]) => (p === 0 ? 'min' : p === 100 ? 'max' : `p${p}`)),
      lines: [{ label: 'response time at percentile', x: spectrum.map((_, i) => i), y: spectrum.map(([, v]) => v) }],
      refs: criterionRefs(th, 'http_req_duration', 1, ms),
    }));
  }

  // 3. Database
  panel = 'Database';
  push(buildChart({
    panel, id: 'chart-db-time', title: 'Database statement time', xKind: 'time', xDomain, bands, yFormat: ms,
    caption: 'PostgreSQL probe: mean statement time of each interval and since the start (pg_stat_statements). Red: the database criterion (a marker at the top edge when it lies far above).',
    lines: timeLines(c, t0, [
      ['postgres_statement_mean_ms', 'value', 'mean statement time (interval)'],
      ['postgres_statement_run_mean_ms', 'value', 'mean statement time (run)', 1, true],
    ]),
    refs: criterionRefs(th, 'postgres_statement_run_mean_ms', 1, ms),
  }));
  push(buildChart({
    panel, id: 'chart-db-load', title: 'Database throughput and connections', xKind: 'time', xDomain, bands, yFormat: formatNumber,
    caption: 'PostgreSQL probe: transactions/s (pg_stat_database, reported late by busy sessions), statements/s, connections.',
    lines: timeLines(c, t0, [
      ['postgres_transactions_per_second', 'value', 'transactions/s'],
      ['postgres_statements_per_second', 'value', 'statements/s'],
      ['postgres_connections_active', 'value', 'active connections'],
      ['postgres_connections_waiting', 'value', 'waiting connections'],
      ['postgres_connection_failures', 'value', 'probe connection failures', 1, true],
    ]),
  }));

  // 4. Cache hit ratio
  panel = 'Cache hit ratio';
  push(buildChart({
    panel, id: 'chart-cache', title: 'Cache hit ratio', xKind: 'time', xDomain, bands, yFormat: formatPct, yMaxAtLeast: 100,
    caption: 'Redis keyspace hits / lookups of each interval and since the start; PostgreSQL buffer cache hits. Red: the cache criterion.',
    lines: timeLines(c, t0, [
      ['redis_keyspace_hit_percent', 'value', 'Redis (interval)'],
      ['redis_keyspace_hit_run_percent', 'value', 'Redis (run)', 1, true],
      ['postgres_cache_hit_percent', 'value', 'PostgreSQL buffers'],
    ]),
    refs: criterionRefs(th, 'redis_keyspace_hit_run_percent', 1, formatPct),
  }));

  // 5. Errors by status
  panel = 'Errors by status';
  push(buildChart({
    panel, id: 'chart-errors', title: 'HTTP error rate over time', xKind: 'time', xDomain, bands, yFormat: formatPct, yMaxAtLeast: 1,
    caption: 'Failed requests as % of the requests of each second.',
    lines: present([lineOf(c.get('http_req_failed'), 'rate', t0, 'error rate', 100)]),
    refs: criterionRefs(th, 'http_req_failed', 100, formatPct),
  }));
  const statuses = c.taggedBy('http_reqs', 'status').filter(([st]) => !/^2/.test(st));
  const byStatus = new Map<string, string[]>();
  for (const [st, key] of statuses) byStatus.set(st, [...(byStatus.get(st) ?? []), key]);
  push(buildChart({
    panel, id: 'chart-status', title: 'Responses other than 2xx, by status', xKind: 'time', xDomain, bands, yFormat: (v) => `${formatNumber(v)}/s`,
    caption: 'Per second, every endpoint together; status 0 is a network error.',
    lines: [...byStatus].map(([st, keys]) => sumLines(keys.map((k) => c.get(k)), 'count', t0, `status ${st}`)).filter((l): l is LineSpec => l !== undefined),
  }));

  // 6. Sessions
  panel = 'Sessions';
  const vusTarget = sumTargets(meta.workloads, (w) => w.targetVUs);
  push(buildChart({
    panel, id: 'chart-vus', title: 'Active virtual users and realtime connections', xKind: 'time', xDomain, bands, yFormat: formatNumber,
    lines: present([
      lineOf(c.get('vus'), 'value', t0, 'active VUs'),
      lineOf(c.get('vus_max'), 'value', t0, 'allocated VUs', 1, true),
      lineOf(c.get('ws_connections'), 'value', t0, 'WebSocket connections'),
      lineOf(c.get('signalr_connections'), 'value', t0, 'SignalR connections'),
      vusTarget.length ? { label: 'target VUs / connections', x: vusTarget.map((p) => p[0]), y: vusTarget.map((p) => p[1]), dash: true, color: '#5f6b73' } : undefined,
    ]),
  }));
  return charts;
}

/** One line summing a field of several series second by second (a second missing from one counts 0 there). */
function sumLines(series: Array<SeriesData | undefined>, field: string, t0: number, label: string): LineSpec | undefined {
  const sums = new Map<number, number>();
  for (const s of series) {
    if (!s || !s.v[field]) continue;
    s.t.forEach((t, i) => { const v = s.v[field][i]; if (Number.isFinite(v)) sums.set(t, (sums.get(t) ?? 0) + v); });
  }
  if (!sums.size) return undefined;
  const ts = [...sums.keys()].sort((a, b) => a - b);
  return { label, x: ts.map((t) => (t - t0) / 1000), y: ts.map((t) => sums.get(t)!) };
}
