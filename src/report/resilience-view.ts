// The report's "Resilience" section: one row per fault (action, target, window, errors and p95 during it,
// detection, recovery, alerts fired) and, per fault, the per-second error rate and p95 around it. The
// same rows feed summary.md and junit.xml.
import type { RunSummary } from '../contracts/summary-types.ts';
import type { FaultResult } from '../contracts/fault-types.ts';
import { recoveryText } from '../resilience/measure.ts';
import { buildChart, type ChartModel } from './chart-model.ts';
import type { SeriesCollector } from './series-collector.ts';
import { formatClock, formatNumber, formatPct, formatPercent } from './format.ts';

/** One fault as the report prints it (plain text). */
export interface ResilienceRow {
  name: string;
  action: string;
  target: string;
  /** 'applied', 'NOT APPLIED: reason', 'not reached'. */
  status: string;
  applied: boolean;
  /** '0:30 to 0:40 (recovery allowed until 1:40)'. */
  window: string;
  errors: string;
  p95: string;
  detection: string;
  recovery: string;
  recovered: boolean;
  alerts: string;
  cleanup: string;
}

/** The Resilience section's view model. */
export interface ResilienceView {
  rows: ResilienceRow[];
  charts: ChartModel[];
  /** Alert rules that fired during no fault, in words (empty when every rule fired or none exists). */
  silentAlerts: string;
}

/** The rows of every fault of a summary (empty without faults). */
export function resilienceRows(summary: RunSummary): ResilienceRow[] {
  return (summary.loadcert.resilience?.faults ?? []).map((f) => rowOf(f));
}

function rowOf(f: FaultResult): ResilienceRow {
  const at = (ms: number) => formatClock(ms / 1000);
  return {
    name: f.name, action: f.action, target: f.target,
    status: f.status === 'applied' ? 'applied' : f.status === 'elsewhere' ? 'applied by another segment' : f.status === 'failed' ? `NOT APPLIED: ${f.error ?? 'unknown error'}` : 'not reached (the run ended first)',
    applied: f.status === 'applied' || f.status === 'elsewhere',
    window: `${f.faultToMs > f.faultFromMs ? `${at(f.faultFromMs)} to ${at(f.faultToMs)}` : `at ${at(f.faultFromMs)} (instant)`}; recovery allowed until ${at(f.recoveryToMs)}`,
    errors: f.errorRate === null ? 'no request finished' : formatPercent(f.errorRate),
    p95: f.p95Ms === null ? 'n/a' : `${formatNumber(f.p95Ms)} ms`,
    detection: f.detectionS === null ? 'no health poll failed' : `${f.detectionS} s`,
    recovery: recoveryText(f),
    recovered: f.recovered,
    alerts: f.alerts.length ? f.alerts.map((a) => `${a.severity}: ${a.rule} (+${a.afterS} s)`).join('; ') : 'none',
    cleanup: f.cleanupError ? `CLEANUP FAILED: ${f.cleanupError}` : '',
  };
}

/** Seconds shown before a fault and after its recovery allowance in its charts. */
const AROUND_S = 10;

/** The Resilience section, with the charts around each fault from the stored seconds (`t0`: the charts' zero, epoch ms). */
export function buildResilienceView(summary: RunSummary, c: SeriesCollector | undefined, t0: number): ResilienceView | undefined {
  const r = summary.loadcert.resilience;
  if (!r) return undefined;
  const charts: ChartModel[] = [];
  for (const f of r.faults) {
    if (!c) break;
    const from = (r.startEpoch + f.faultFromMs - t0) / 1000;
    const to = (r.startEpoch + f.recoveryToMs - t0) / 1000;
    const xDomain: [number, number] = [Math.max(0, from - AROUND_S), to + AROUND_S];
    const bands = [
      ...(f.faultToMs > f.faultFromMs ? [{ from, to: (r.startEpoch + f.faultToMs - t0) / 1000, label: `fault ${f.name}`, kind: 'fault' as const }] : []),
      { from: (r.startEpoch + f.faultToMs - t0) / 1000, to, label: `recovery allowance of ${f.name}`, kind: 'recovery' as const },
    ];
    const pick = (metric: string, field: string, scale: number) => {
      const s = c.get(metric);
      if (!s?.v[field]) return undefined;
      const x: number[] = [];
      const y: number[] = [];
      s.t.forEach((t, i) => { const xs = (t - t0) / 1000; if (xs >= xDomain[0] && xs <= xDomain[1]) { x.push(xs); y.push(s.v[field][i] * scale); } });
      return { x, y };
    };
    const err = pick('http_req_failed', 'rate', 100);
    const p95 = pick('http_req_duration', 'p(95)', 1);
    if (err) charts.push(buildChart({ id: `chart-fault-${f.name}-errors`, title: `Fault ${f.name}: error rate per second`, xKind: 'time', xDomain, bands, yFormat: formatPct, yMaxAtLeast: 1, lines: [{ label: 'error rate', ...err }] }));
    if (p95) charts.push(buildChart({ id: `chart-fault-${f.name}-p95`, title: `Fault ${f.name}: p95 response time per second`, xKind: 'time', xDomain, bands, yFormat: (v) => `${formatNumber(v)} ms`, lines: [{ label: 'p95', ...p95 }] }));
  }
  return {
    rows: resilienceRows(summary),
    charts: charts.filter((m) => !m.empty),
    silentAlerts: r.alertsNeverFired.length ? `Alert rules that fired during no fault: ${r.alertsNeverFired.join('; ')}. If a fault should raise one, that is a finding.` : '',
  };
}
