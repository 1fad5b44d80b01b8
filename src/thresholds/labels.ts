// Plain-language names and display units of thresholds, for console and HTML reports.
import type { MetricDef, Tags } from '../contracts/metric-types.ts';
import type { Aggregation } from './expression.ts';
import { formatDurationText } from '../contracts/duration.ts';

/** Short plain names of the built-in metrics and the usual resource metrics (what a report reader understands). */
const NAMES: Record<string, string> = {
  http_reqs: 'HTTP requests',
  http_req_duration: 'HTTP response time',
  http_req_waiting: 'Time to first byte',
  http_req_connecting: 'TCP connect time',
  http_req_tls_handshaking: 'TLS handshake time',
  http_req_receiving: 'Response download time',
  http_req_blocked: 'Request start lateness',
  http_req_failed: 'HTTP error rate',
  iteration_duration: 'Iteration duration',
  iterations: 'Iterations',
  dropped_iterations: 'Dropped iterations',
  capacity_headroom: 'Capacity headroom over the target rate',
  checks: 'Checks passed',
  vus: 'Active virtual users',
  vus_max: 'Allocated virtual users',
  data_sent: 'Data sent',
  data_received: 'Data received',
  server_timing: 'Server-reported time',
  availability: 'Availability of health endpoints',
  health_check_duration: 'Health check response time',
  container_cpu_percent: 'Container CPU',
  container_memory_percent: 'Container memory (% of limit)',
  container_restarts: 'Container restarts',
  host_cpu_percent: 'Host CPU',
  host_memory_percent: 'Host memory',
  host_disk_free_percent: 'Free disk space',
  iteration_errors: 'Errors thrown by scenario code',
  interrupted_operations: "Operations cut by loadcert's stop",
  signalr_connecting: 'SignalR connection time',
  signalr_connections: 'Open SignalR connections',
  signalr_invoke_duration: 'Hub invocation time',
  signalr_invocations: 'Hub invocations',
  signalr_invoke_failed: 'Failed hub invocations',
  signalr_messages_sent: 'Hub messages sent',
  signalr_messages_received: 'Hub messages received',
  signalr_broadcast_latency: 'Broadcast latency',
  signalr_reconnects: 'SignalR reconnects',
  signalr_errors: 'SignalR errors',
  ws_errors: 'WebSocket errors',
};

const PLAIN_AGG: Record<string, string> = { avg: 'average', min: 'minimum', med: 'median', max: 'maximum', value: 'current value' };

/** English ordinal of a percentile: 95 -> '95th', 99.9 -> '99.9th', 1 -> '1st', 22 -> '22nd'. */
export function ordinal(n: number): string {
  if (!Number.isInteger(n)) return `${n}th`;
  const teen = n % 100 >= 11 && n % 100 <= 13;
  const suffix = teen ? 'th' : ['th', 'st', 'nd', 'rd'][n % 10] ?? 'th';
  return `${n}${suffix}`;
}

/** Name of the metric part of a label: known name, else the description up to its first comma, else the metric name. */
function metricPhrase(metric: string, selector: Tags, def: MetricDef | undefined): string {
  const tags = Object.keys(selector).sort((a, b) => (a === 'name' ? -1 : b === 'name' ? 1 : a.localeCompare(b)));
  if (metric === 'server_timing' && selector.name !== undefined) {
    const others = tags.filter((t) => t !== 'name');
    return `Server-reported ${selector.name} time${others.length ? ` (${others.map((t) => `${t} ${selector[t]}`).join(', ')})` : ''}`;
  }
  let base = NAMES[metric];
  if (!base && def?.description) {
    const short = def.description.split(/,| \(|:/)[0].trim(); // never a list's first item as if it were the whole
    base = short.charAt(0).toUpperCase() + short.slice(1);
  }
  base ??= metric;
  if (!tags.length) return base;
  return `${base} (${tags.map((t) => (t === 'name' ? selector[t] : `${t} ${selector[t]}`)).join(', ')})`;
}

/** Plain-language label of a threshold, e.g. `http_req_duration p(95)` -> "HTTP response time, 95th percentile". */
export function deriveLabel(metric: string, selector: Tags, def: MetricDef | undefined, agg: Aggregation): string {
  const base = metricPhrase(metric, selector, def);
  const type = def?.type;
  switch (agg.kind) {
    case 'percentile': return `${base}, ${ordinal(agg.p)} percentile`;
    case 'sustained': {
      const per = type === 'counter' ? ' per second' : type === 'trend' ? ' (per-second average)' : '';
      return `${base}${per}, sustained over ${formatDurationText(agg.windowMs)}`;
    }
    case 'rate': return type === 'counter' ? `${base} per second` : base;
    case 'count': return `${base}, total`;
    case 'value': return type === 'gauge' ? `${base}, last value` : base;
    default: return `${base}, ${PLAIN_AGG[agg.kind]}`;
  }
}

/** Display unit of a threshold's observed and target values: 'ms', 'bytes', '%' (values stay fractions), '/s', 'bytes/s' or ''. */
export function unitFor(def: MetricDef | undefined, agg: Aggregation): string {
  if (!def) return '';
  const kindUnit = def.contains === 'time' ? 'ms' : def.contains === 'data' ? 'bytes' : '';
  switch (def.type) {
    case 'rate': return '%';
    case 'counter':
      if (agg.kind === 'count') return kindUnit;
      return kindUnit ? `${kindUnit}/s` : '/s';
    default: return kindUnit;
  }
}
