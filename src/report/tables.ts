// Rows of the report's tables (endpoints, realtime, preflight, alerts), every value already formatted as text.
import type { RunSummary, SummaryMetric } from '../contracts/summary-types.ts';
import type { AlertEpisode } from './alerts.ts';
import { splitKey } from './series-collector.ts';
import { formatFailureCauses } from '../results/failure-causes.ts';
import { formatClock, formatNumber, formatPercent } from './format.ts';
import { formatDuration } from '../contracts/duration.ts';

/** One HTTP endpoint (name tag) row. */
export interface EndpointRow { scenario: string; name: string; method: string; requests: string; errorRate: string; bad: boolean; /** Top failure causes with counts, '' when none failed. */ causes: string; p50: string; p95: string; p99: string; max: string }
/** One SignalR method or WebSocket exchange row. */
export interface RealtimeRow { kind: string; name: string; count: string; failed: string; p50: string; p95: string; p99: string; max: string; extra: string }
/** One preflight probe row. */
export interface PreflightRow { url: string; ok: boolean; result: string; status: string; duration: string; error: string; diagnosis: string }
/** One alert episode row. */
export interface AlertRow { severity: string; critical: boolean; rule: string; subject: string; when: string; duration: string; peak: string }

const ms = (v: number | undefined) => (typeof v === 'number' && Number.isFinite(v) ? `${formatNumber(v)} ms` : '—');
const num = (v: number | undefined) => (typeof v === 'number' && Number.isFinite(v) ? formatNumber(v) : '—');
const pct = (v: number | undefined) => (typeof v === 'number' && Number.isFinite(v) ? formatPercent(v) : '—');

/** Per-endpoint rows from loadcert.endpoints, in stored order. */
export function endpointRows(s: RunSummary): EndpointRow[] {
  return (s.loadcert.endpoints ?? []).map((e) => ({
    scenario: e.scenario, name: e.name, method: e.method, requests: num(e.requests),
    errorRate: pct(e.failedRate), bad: e.failedRate > 0.005, causes: formatFailureCauses(e.failures),
    p50: ms(e.p50), p95: ms(e.p95), p99: ms(e.p99), max: ms(e.max),
  }));
}

/** Summary metrics of `metric` keyed by the value of `tag` (sub-metrics only). */
function byTag(metrics: Record<string, SummaryMetric>, metric: string, tag: string): Map<string, SummaryMetric> {
  const out = new Map<string, SummaryMetric>();
  for (const key of Object.keys(metrics)) {
    const { metric: m, tags } = splitKey(key);
    if (m !== metric || !tags) continue;
    const v = Object.hasOwn(tags, tag) ? tags[tag] : undefined;
    if (v !== undefined && !out.has(v)) out.set(v, metrics[key]);
  }
  return out;
}

/** Rows per SignalR method, the broadcast latency and the WebSocket exchange, when their metrics exist. */
export function realtimeRows(s: RunSummary): RealtimeRow[] {
  const m = s.metrics ?? {};
  const rows: RealtimeRow[] = [];
  const dur = byTag(m, 'signalr_invoke_duration', 'method');
  const calls = byTag(m, 'signalr_invocations', 'method');
  const failed = byTag(m, 'signalr_invoke_failed', 'method');
  const received = byTag(m, 'signalr_messages_received', 'method');
  const methods = [...new Set([...dur.keys(), ...calls.keys(), ...failed.keys(), ...received.keys()])].sort();
  for (const method of methods) {
    const d = dur.get(method)?.values;
    const r = received.get(method)?.values?.count;
    rows.push({
      kind: 'SignalR method', name: method, count: num(calls.get(method)?.values?.count ?? d?.count),
      failed: pct(failed.get(method)?.values?.rate), p50: ms(d?.med), p95: ms(d?.['p(95)']), p99: ms(d?.['p(99)']), max: ms(d?.max),
      extra: r !== undefined ? `${formatNumber(r)} messages received` : '',
    });
  }
  const b = m.signalr_broadcast_latency?.values;
  if (b) rows.push({ kind: 'SignalR broadcast', name: 'delivery latency', count: num(b.count), failed: '—', p50: ms(b.med), p95: ms(b['p(95)']), p99: ms(b['p(99)']), max: ms(b.max), extra: '' });
  const conn = m.signalr_connections?.values;
  const errs = m.signalr_errors?.values;
  if (!methods.length && (conn || errs)) rows.push({ kind: 'SignalR', name: 'connections', count: '—', failed: '—', p50: '—', p95: '—', p99: '—', max: '—', extra: '' });
  const rtt = m.ws_msg_rtt?.values;
  const wsConn = m.ws_connections?.values;
  const wsErr = m.ws_errors?.values;
  if (rtt || wsConn || wsErr) {
    const extra = [wsConn ? `peak ${formatNumber(wsConn.max ?? wsConn.value ?? 0)} connections` : '', wsErr ? `${formatNumber(wsErr.count ?? 0)} errors` : ''].filter(Boolean).join(', ');
    rows.push({ kind: 'WebSocket', name: 'message round trip', count: num(rtt?.count), failed: '—', p50: ms(rtt?.med), p95: ms(rtt?.['p(95)']), p99: ms(rtt?.['p(99)']), max: ms(rtt?.max), extra });
  }
  const ping = m.ws_ping?.values;
  if (ping?.count) rows.push({ kind: 'WebSocket', name: 'ping round trip (ws_ping)', count: num(ping.count), failed: '—', p50: ms(ping.med), p95: ms(ping['p(95)']), p99: ms(ping['p(99)']), max: ms(ping.max), extra: '' });
  if (conn || errs) {
    const last = rows.find((r) => r.kind.startsWith('SignalR'));
    const extra = [conn ? `peak ${formatNumber(conn.max ?? conn.value ?? 0)} connections` : '', errs ? `${formatNumber(errs.count ?? 0)} errors` : ''].filter(Boolean).join(', ');
    if (last) last.extra = [last.extra, extra].filter(Boolean).join('; ');
  }
  return rows;
}

/** Preflight probes with their diagnoses. */
export function preflightRows(s: RunSummary): PreflightRow[] {
  return (s.loadcert.preflight ?? []).map((p) => ({
    url: p.url, ok: p.ok, result: p.ok ? 'ok' : 'failed', status: p.status === null ? 'no response' : String(p.status),
    duration: ms(p.durationMs), error: p.error ?? '', diagnosis: p.diagnosis ?? '',
  }));
}

/** Alert episodes as rows, times shown as elapsed from the run start `t0` (epoch ms) and as UTC clock time. */
export function alertRows(alerts: readonly AlertEpisode[], t0: number): AlertRow[] {
  return alerts.map((a) => ({
    severity: a.severity, critical: a.severity === 'critical', rule: a.rule, subject: a.subject,
    when: `+${formatClock((a.startMs - t0) / 1000)} (${new Date(a.startMs).toISOString().slice(11, 19)} UTC)`,
    duration: formatDuration(a.durationS * 1000), peak: a.peak,
  }));
}
