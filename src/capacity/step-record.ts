// What a capacity step and a cool-down probe window measured, read from a run summary with every figure checked (a missing or non-finite value is null, never undefined).
import type { CapacityStep, RunSummary } from '../contracts/summary-types.ts';
import type { ProbeWindow } from './recovery.ts';

const finite = (x: unknown): number | null => (typeof x === 'number' && Number.isFinite(x) ? x : null);
const round3 = (x: number): number => Math.round(x * 1000) / 1000;

/** A step's classification as the search needs it. */
export interface StepJudgement { outcome: CapacityStep['outcome']; reason: string; brokenBy?: CapacityStep['brokenBy'] }

/**
 * The step record of a step run: rates and percentiles as finite numbers or null (no requests, no
 * latency data, a summary missing metrics), achievedRps 0 when the window or count is unknown.
 */
export function stepOf(s: RunSummary, rps: number, c: StepJudgement, dir: string): CapacityStep {
  const m = s.loadcert ?? ({} as RunSummary['loadcert']);
  const windowMs = finite(m.durationMs) ?? 0;
  const d = s.metrics?.['http_req_duration']?.values;
  const reqs = finite(s.metrics?.['http_reqs']?.values?.count) ?? 0;
  return {
    rps, outcome: c.outcome, verdict: m.verdict, exitCode: finite(m.exitCode) ?? 1, reason: c.reason, brokenBy: c.brokenBy,
    achievedRps: windowMs > 0 && reqs > 0 ? finite(round3((reqs * 1000) / windowMs)) ?? 0 : 0,
    p50Ms: finite(d?.['med']), p95Ms: finite(d?.['p(95)']), p99Ms: finite(d?.['p(99)']),
    dropped: finite(s.metrics?.['dropped_iterations']?.values?.count) ?? 0, windowMs, dir,
  };
}

/** One probe window's figures from its run summary: p95 of http_req_duration, http_req_failed's rate, http_reqs' count. */
export function windowOf(s: RunSummary): ProbeWindow {
  const requests = finite(s.metrics?.['http_reqs']?.values?.count) ?? 0;
  return {
    requests,
    p95Ms: requests > 0 ? finite(s.metrics?.['http_req_duration']?.values?.['p(95)']) : null,
    errorRate: requests > 0 ? finite(s.metrics?.['http_req_failed']?.values?.['rate']) ?? 0 : null,
  };
}
