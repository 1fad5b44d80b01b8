// Is the system back at its baseline? The cool-down rule between capacity steps: a low-rate probe is run in
// settling windows until one window's p95 and error rate are within a tolerance of the baseline, bounded by a limit.

/** What one probe window measured: p95 of http_req_duration (ms, null with no response) and the failed-request rate (0..1, null with no request). */
export interface ProbeWindow {
  p95Ms: number | null;
  errorRate: number | null;
  /** Requests completed in the window. */
  requests: number;
}

/** Settings of the cool-down (see `loadcert capacity --help`). */
export interface CooldownOptions {
  /** Probe rate as a fraction of the start rate, or of the target rate when that is lower (0 < f <= 1; default 0.5, at least 1/s). */
  probeFraction: number;
  /** Length of one probe window, ms: recovered once one whole window is within tolerance (default 2 s). */
  settleMs: number;
  /** Longest wait before a step, ms: not recovered by then ends the search (default 60 s). */
  limitMs: number;
  /** p95 may exceed the baseline's by this fraction (default 0.5) plus `p95SlackMs`. */
  p95Tolerance: number;
  /** Absolute slack on the p95, ms (timer jitter of a shared machine; default 20). */
  p95SlackMs: number;
  /** Error rate may exceed the baseline's by this much (fraction, default 0.01). */
  errorTolerance: number;
}

/** Defaults of the cool-down. */
export const DEFAULT_COOLDOWN: CooldownOptions = { probeFraction: 0.5, settleMs: 2000, limitMs: 60_000, p95Tolerance: 0.5, p95SlackMs: 20, errorTolerance: 0.01 };

/** How the wait before a step ended: recovered after `waitedMs` and `probes` windows, or not within the limit (the last window's figures, why). */
export type Recovery =
  | { recovered: true; waitedMs: number; probes: number; last: ProbeWindow | undefined }
  | { recovered: false; waitedMs: number; probes: number; last: ProbeWindow | undefined; reason: string };

/** Whether `w` is within tolerance of `baseline`; undefined when it is, else why not (one sentence). */
export function outsideBaseline(w: ProbeWindow, baseline: ProbeWindow, o: CooldownOptions): string | undefined {
  if (w.requests === 0 || w.p95Ms === null || w.errorRate === null) return 'the probe got no response';
  const p95Line = (baseline.p95Ms ?? 0) * (1 + o.p95Tolerance) + o.p95SlackMs;
  if (!(w.p95Ms <= p95Line)) return `probe p95 ${fmt(w.p95Ms)} ms above ${fmt(p95Line)} ms (baseline ${fmt(baseline.p95Ms ?? 0)} ms)`;
  const errLine = (baseline.errorRate ?? 0) + o.errorTolerance;
  if (!(w.errorRate <= errLine)) return `probe error rate ${fmt(w.errorRate * 100)} % above ${fmt(errLine * 100)} %`;
  return undefined;
}

/**
 * Waits until the system is back at `baseline`: runs `probe(settleMs)` windows one after another until
 * one is within tolerance (recovered) or `limitMs` has passed since the wait began (not recovered; a
 * window that would end past the limit is not started). `now` is the clock (ms). Never throws on a
 * window's figures; a probe that throws propagates (the caller ends the search).
 */
export async function waitForBaseline(probe: (ms: number) => Promise<ProbeWindow>, baseline: ProbeWindow, o: CooldownOptions, now: () => number): Promise<Recovery> {
  const began = now();
  let probes = 0;
  let last: ProbeWindow | undefined;
  let why = 'no probe window fitted in the limit';
  while (probes === 0 || now() - began + o.settleMs <= o.limitMs) {
    last = await probe(o.settleMs);
    probes++;
    const out = outsideBaseline(last, baseline, o);
    if (out === undefined) return { recovered: true, waitedMs: now() - began, probes, last };
    why = out;
  }
  return { recovered: false, waitedMs: now() - began, probes, last, reason: why };
}

const fmt = (x: number): string => (Number.isFinite(x) ? (Number.isInteger(x) ? String(x) : x.toFixed(1)) : String(x));
