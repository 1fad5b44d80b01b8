// What each fault did, from the judged seconds of a run: detection (first failed health poll), recovery
// (the steady criteria hold again for the stable window), errors and p95 during it, the alert rules that
// fired; and the criteria the verdict judges: one "recovered within N s" per fault.
import type { FaultRecord, FaultResult, ResilienceSummary } from '../contracts/fault-types.ts';
import type { ThresholdResult } from '../contracts/summary-types.ts';
import { trendPercentile } from '../metrics/aggregates.ts';
import { parseMetricKey } from '../thresholds/metric-key.ts';
import type { FaultTimeline, PlannedFault } from '../faults/timeline.ts';
import type { JudgedSecond } from './second-judge.ts';
import type { PhaseTotals } from './phase-totals.ts';

/** An alert rule's episode (report/alerts.ts AlertEpisode): the rule's label, when its breach began, how long it held, the rule's window. */
export interface AlertFiring {
  rule: string;
  severity: 'critical' | 'warning';
  startMs: number;
  durationS: number;
  /** The rule fires once its breach has lasted this many seconds. */
  windowS: number;
}

/** Inputs of measureResilience. */
export interface ResilienceInput {
  timeline: FaultTimeline;
  /** Epoch ms of the run's first second. */
  startEpoch: number;
  seconds: readonly JudgedSecond[];
  totals: PhaseTotals;
  /** Records of the process(es) that applied the faults, by name; a fault with none was applied elsewhere or not reached. */
  records: ReadonlyMap<string, FaultRecord>;
  alerts: readonly AlertFiring[];
  /** Labels of every alert rule of the thresholds. */
  alertRules: readonly string[];
  /** Epoch ms of the health polls that failed, in time order (absent: detection from the judged seconds, 1 s resolution). */
  failedPolls?: readonly number[];
}

/** When the steady criteria held again after `f` (see README "Resilience"): seconds from its end, or undefined. */
export function recoveryOf(f: PlannedFault, startEpoch: number, seconds: readonly JudgedSecond[]): { recoveredS?: number; coveredS: number } {
  const byIndex = new Map<number, JudgedSecond>();
  let last = -1;
  for (const s of seconds) {
    const k = Math.round((s.t - startEpoch) / 1000);
    byIndex.set(k, s);
    if (!s.partial) last = Math.max(last, k);
  }
  const window = Math.max(1, Math.ceil(f.stableWindowMs / 1000));
  const coveredS = Math.max(0, (last + 1) * 1000 - f.endMs) / 1000;
  for (let k = Math.floor(f.endMs / 1000); k + window - 1 <= last; k++) {
    const afterEnd = Math.max(0, k * 1000 - f.endMs);
    if (afterEnd > f.withinMs) break;
    let ok = true;
    for (let j = k; j < k + window && ok; j++) ok = byIndex.get(j)?.holds === true && !byIndex.get(j)!.partial;
    if (ok) return { recoveredS: afterEnd / 1000, coveredS };
  }
  return { coveredS };
}

/**
 * Seconds from the fault's start to its first failed health poll within its phases: from the polls' times
 * when known, else to the start of the first second with a failed poll (1 s resolution).
 */
export function detectionOf(f: PlannedFault, startEpoch: number, seconds: readonly JudgedSecond[], failedPolls?: readonly number[]): number | null {
  if (failedPolls) {
    const t = failedPolls.find((p) => p >= startEpoch + f.startMs && p < startEpoch + f.recoveryEndMs);
    return t === undefined ? null : (t - startEpoch - f.startMs) / 1000;
  }
  for (const s of seconds) {
    const offset = s.t - startEpoch;
    if (offset + 1000 <= f.startMs || offset >= f.recoveryEndMs) continue;
    if (s.unhealthy) return Math.max(0, offset - f.startMs) / 1000;
  }
  return null;
}

/** Every fault's FaultResult, in timeline order. */
export function measureResilience(i: ResilienceInput): ResilienceSummary {
  const fired = new Set<string>();
  const faults = i.timeline.faults.map((f): FaultResult => {
    // a fault without a record here is applied by another segment
    const rec = i.records.get(f.name) ?? { name: f.name, action: f.def.action, target: f.def.target ?? '', plannedStartMs: f.startMs, plannedEndMs: f.endMs, status: 'elsewhere' as const };
    const { recoveredS, coveredS } = recoveryOf(f, i.startEpoch, i.seconds);
    const failed = i.totals.query('http_req_failed', { fault: f.name });
    const dur = i.totals.query('http_req_duration', { fault: f.name });
    const from = i.startEpoch + f.startMs;
    const to = i.startEpoch + f.recoveryEndMs;
    // an alert fires at the end of the window-th second of its breach
    const firedAt = (a: AlertFiring) => a.startMs + a.windowS * 1000;
    const alerts = i.alerts.filter((a) => firedAt(a) > from && a.startMs < to)
      .map((a) => ({ rule: a.rule, severity: a.severity, afterS: Math.max(0, firedAt(a) - from) / 1000 }));
    for (const a of alerts) fired.add(a.rule);
    return {
      ...rec,
      faultFromMs: f.startMs, faultToMs: f.endMs, recoveryToMs: f.recoveryEndMs,
      errorRate: failed ? failed.values(1).rate : null,
      p95Ms: dur ? trendPercentile(dur, 95) : null,
      detectionS: detectionOf(f, i.startEpoch, i.seconds, i.failedPolls),
      recoveryS: recoveredS ?? null,
      recovered: recoveredS !== undefined,
      ...(recoveredS === undefined ? { notRecoveredWithinS: Math.min(f.withinMs / 1000, coveredS) } : {}),
      withinS: f.withinMs / 1000,
      stableWindowS: f.stableWindowMs / 1000,
      alerts,
    };
  });
  return { startEpoch: i.startEpoch, faults, alertsNeverFired: [...new Set(i.alertRules)].filter((r) => !fired.has(r)) };
}

/**
 * One criterion per fault, `fault_recovery_seconds{fault:NAME} <= within`: met when it recovered within
 * the bound; failed ("did not recover within N s") when it did not, also when the run ended first;
 * not measured when the fault was not applied (its failure is a measurement failure, 112). A fault that
 * another segment applies is measured on this segment's seconds (the system under test is shared).
 */
export function recoveryCriteria(r: ResilienceSummary): ThresholdResult[] {
  return r.faults.map((f): ThresholdResult => {
    const applied = f.status === 'applied' || f.status === 'elsewhere';
    const observed = !applied ? null : f.recovered ? f.recoveryS! : f.withinS + Math.max(1, f.stableWindowS);
    const ok = observed !== null && observed <= f.withinS;
    return {
      metric: `fault_recovery_seconds{fault:${f.name}}`,
      expression: `value<=${f.withinS}`,
      label: `Fault ${f.name}: recovered within ${f.withinS} s`,
      aggregation: 'value', operator: '<=', target: f.withinS,
      observed, ok, noData: observed === null,
      metricSource: 'workload',
      status: observed === null ? 'not measured' : ok ? 'met' : 'failed',
      abortOnFail: false, aborted: false, source: 'faults', unit: 's',
      ...(applied ? { measuredText: recoveryText(f) } : {}),
    };
  });
}

/**
 * The criteria that select one fault (`{fault:NAME}`) made "not measured" when that fault was not applied
 * (failed or not reached): they would judge seconds in which nothing happened. The input is not changed.
 */
export function withoutUnappliedFaults<T extends ThresholdResult>(results: readonly T[], r: ResilienceSummary): T[] {
  const unapplied = new Set(r.faults.filter((f) => f.status === 'failed' || f.status === 'not-reached').map((f) => f.name));
  return results.map((t) => {
    const fault = parseMetricKey(t.metric);
    const name = fault.ok ? fault.value.selector.fault : undefined;
    if (name === undefined || !unapplied.has(name)) return t;
    return { ...t, observed: null, noData: true, ok: false, status: 'not measured' as const, measuredText: `not measured: fault ${name} was not applied` };
  });
}

/** The words of a fault's recovery: '4 s', 'did not recover within 30 s', 'not applied'. */
export function recoveryText(f: FaultResult): string {
  if (f.status === 'failed') return 'not applied';
  if (f.status === 'not-reached') return 'not reached';
  if (f.recovered) return `${f.recoveryS} s`;
  return `did not recover within ${f.notRecoveredWithinS ?? f.withinS} s`;
}
