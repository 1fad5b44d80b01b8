// Keeps, from every point of timeseries.ndjson, only the series and fields the report charts or alerts on.
import type { TimeseriesPoint, SeriesValues, Tags } from '../contracts/metric-types.ts';
import { readSeriesKey } from '../metrics/metric-key.ts';

/** Values of one series over time: `t` (epoch ms) aligned with each field's array. */
export interface SeriesData {
  readonly t: number[];
  readonly v: Record<string, number[]>;
}

/** Synthetic series: HTTP responses with status 401 per second, summed over every tag set. */
export const AUTH_FAILURES = 'loadcert_auth_failures';

const TREND = ['med', 'p(95)', 'p(99)', 'max'];
const GAUGE = ['value', 'min', 'max'];

/** Fields kept of the untagged (total) series of a metric. */
const UNTAGGED: Record<string, string[]> = {
  http_reqs: ['count'],
  iterations: ['count'],
  dropped_iterations: ['count'],
  http_req_duration: TREND,
  http_req_failed: ['rate', 'fails'],
  checks: ['rate'],
  vus: GAUGE,
  vus_max: GAUGE,
  ws_connections: GAUGE,
  signalr_connections: GAUGE,
  ws_errors: ['count'],
  signalr_errors: ['count'],
  availability: ['rate'],
  host_cpu_percent: GAUGE,
  host_memory_percent: GAUGE,
  generator_cpu_percent: GAUGE,
  generator_event_loop_delay_ms: GAUGE,
  postgres_statement_mean_ms: GAUGE,
  postgres_statement_run_mean_ms: GAUGE,
  postgres_transactions_per_second: GAUGE,
  postgres_statements_per_second: GAUGE,
  postgres_connections_active: GAUGE,
  postgres_connections_waiting: GAUGE,
  postgres_connection_failures: GAUGE,
  postgres_cache_hit_percent: GAUGE,
  redis_keyspace_hit_percent: GAUGE,
  redis_keyspace_hit_run_percent: GAUGE,
};

/** Metrics whose tagged series are kept one by one (per container, process, disk path, endpoint). */
const TAGGED: Record<string, string[]> = {
  container_cpu_percent: GAUGE,
  container_memory_percent: GAUGE,
  container_memory_bytes: GAUGE,
  container_restarts: GAUGE,
  container_oom_kills: GAUGE,
  process_cpu_percent: GAUGE,
  process_rss_bytes: GAUGE,
  host_disk_free_percent: GAUGE,
  availability: ['rate'],
  // non-2xx statuses are charted (Errors by status); 2xx series are dropped in add()
  http_reqs: ['count'],
};

/** Splits a series key `metric{k:v,...}` (src/metrics/metric-key.ts) into its metric name and tags (undefined when untagged or unreadable). */
export function splitKey(key: string): { metric: string; tags: Tags | undefined } {
  const k = readSeriesKey(key);
  if (!k) return { metric: key, tags: undefined };
  return { metric: k.metric, tags: Object.keys(k.tags).length ? k.tags : undefined };
}

/** Collects the charted series of a run point by point; memory grows with seconds x kept series only. */
export class SeriesCollector {
  readonly series = new Map<string, SeriesData>();
  /** Epoch ms of the first and last second seen (Infinity / -Infinity before any point). */
  first = Infinity;
  last = -Infinity;
  points = 0;

  /** Folds one point in; series and fields the report does not use are dropped. */
  add(point: TimeseriesPoint): void {
    const t = point.t;
    this.points++;
    if (t < this.first) this.first = t;
    if (t > this.last) this.last = t;
    let auth = 0;
    for (const key in point.series) {
      const values = point.series[key];
      if (!values || typeof values !== 'object') continue;
      const { metric, tags } = splitKey(key);
      const fields = tags ? TAGGED[metric] : UNTAGGED[metric];
      if (fields && !(tags && metric === 'http_reqs' && /^2/.test(tags.status ?? ''))) this.push(key, t, values, fields);
      if (tags && metric === 'http_reqs' && tags.status === '401') auth += Number(values.count) || 0;
    }
    if (auth > 0 || this.series.has(AUTH_FAILURES)) this.push(AUTH_FAILURES, t, { count: auth }, ['count']);
  }

  private push(key: string, t: number, values: SeriesValues, fields: string[]): void {
    let s = this.series.get(key);
    if (!s) {
      s = { t: [], v: {} };
      for (const f of fields) s.v[f] = [];
      this.series.set(key, s);
    }
    s.t.push(t);
    for (const f of fields) {
      const x = values[f];
      s.v[f].push(typeof x === 'number' && Number.isFinite(x) ? x : NaN);
    }
  }

  /** The series stored under `key`, if any. */
  get(key: string): SeriesData | undefined {
    return this.series.get(key);
  }

  /** Tagged series of `metric` as [tag value of `tag`, key] pairs, sorted by tag value. */
  taggedBy(metric: string, tag: string): Array<[string, string]> {
    const out: Array<[string, string]> = [];
    for (const key of this.series.keys()) {
      const { metric: m, tags } = splitKey(key);
      if (m !== metric || !tags) continue;
      const v = Object.hasOwn(tags, tag) ? tags[tag] : undefined;
      if (v !== undefined) out.push([v, key]);
    }
    return out.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
  }
}
