// A run's resilience measurement wired to its store: phase totals (what the criteria judge), the judged
// seconds (recovery, detection) and the alert rules' episodes; at the end, what each fault did and the
// recovery criteria. The same wiring serves a run and `loadcert merge` (which replays seconds into a store).
import type { MetricStore } from '../metrics/store.ts';
import type { FaultRecord, ResilienceSummary } from '../contracts/fault-types.ts';
import type { ThresholdResult } from '../contracts/summary-types.ts';
import type { CompiledThreshold } from '../thresholds/validate.ts';
import type { FaultTimeline } from '../faults/timeline.ts';
import { PhaseTotals } from '../resilience/phase-totals.ts';
import { perSecondCriteria, SecondJudge } from '../resilience/second-judge.ts';
import { measureResilience, recoveryCriteria, withoutUnappliedFaults } from '../resilience/measure.ts';
import { AlertSeries } from '../report/alerts.ts';
import { alertRulesOf } from './finish-run.ts';

/** Follows a store from before its first second; `finish` after the last one was folded. */
export class ResilienceTracker {
  readonly totals: PhaseTotals;
  private readonly judge: SecondJudge;
  private readonly alerts: AlertSeries;
  private readonly alertLabels: string[];
  private readonly windowOf: Map<string, number>;
  private startEpoch = 0;
  private readonly failedPolls: number[] = [];

  /** `warmupMs`: seconds before it are left out of the phase totals, as from the run totals. */
  constructor(readonly timeline: FaultTimeline, thresholds: readonly CompiledThreshold[], store: MetricStore, warmupMs = 0) {
    this.totals = new PhaseTotals(timeline, store, warmupMs);
    this.judge = new SecondJudge(perSecondCriteria(thresholds), store);
    const rules = alertRulesOf(thresholds);
    this.alertLabels = rules.map((r) => r.label);
    this.windowOf = new Map(rules.map((r) => [r.label, r.windowS]));
    this.alerts = new AlertSeries(rules);
    store.onPoint((p) => { if (this.startEpoch) this.alerts.add(p); });
  }

  /** The run's first second starts at `startEpoch` (epoch ms). */
  start(startEpoch: number): void {
    this.startEpoch = startEpoch;
    this.totals.start(startEpoch);
    this.judge.start();
  }

  /** A health poll failed at `epochMs` (detection is measured to the first one within a fault's phases). */
  pollFailed(epochMs: number): void {
    this.failedPolls.push(epochMs);
  }

  /**
   * What each fault did (records from the process that applied it) and the criteria to judge: `evaluated`
   * (criteria of a fault that was not applied become not measured) and one recovery criterion per fault.
   */
  finish(records: readonly FaultRecord[], evaluated: readonly ThresholdResult[]): { summary: ResilienceSummary; criteria: ThresholdResult[] } {
    const summary = measureResilience({
      timeline: this.timeline, startEpoch: this.startEpoch, seconds: this.judge.seconds, totals: this.totals,
      records: new Map(records.map((r) => [r.name, r])), alertRules: this.alertLabels,
      failedPolls: [...this.failedPolls].sort((a, b) => a - b),
      alerts: this.alerts.episodes().map((e) => ({ ...e, windowS: this.windowOf.get(e.rule) ?? 1 })),
    });
    return { summary, criteria: [...withoutUnappliedFaults(evaluated, summary), ...recoveryCriteria(summary)] };
  }
}
