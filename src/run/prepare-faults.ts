// The run's faults made ready before anything starts: the scenario's `faults` validated and their
// actions prepared (src/faults), and the criteria that select phases checked against them. All 104.
import type { ConfigIssue } from '../contracts/errors.ts';
import type { ScenarioDefinition } from '../contracts/scenario-types.ts';
import type { WorkloadEngine } from '../contracts/engine.ts';
import type { SegmentPlan } from '../contracts/segment-plan.ts';
import type { FaultAction, FaultActionRegistry } from '../faults/action.ts';
import { prepareFaults } from '../faults/validate-faults.ts';
import { FaultTimeline } from '../faults/timeline.ts';
import { builtInFaultActions } from '../faults/registry.ts';
import type { CompiledThreshold } from '../thresholds/validate.ts';

/** The faults of a prepared run. */
export interface PreparedFaults {
  readonly timeline: FaultTimeline;
  /** Each fault's action, by name (every fault, also those another segment applies). */
  readonly actions: ReadonlyMap<string, FaultAction>;
}

/** No faults. */
export const NO_FAULTS: PreparedFaults = { timeline: new FaultTimeline(undefined), actions: new Map() };

/** Planned end of the scenario's last workload, ms; NaN when a workload cannot be planned (its own issue says why). */
function plannedMsOf(s: ScenarioDefinition, engines: ReadonlyMap<string, WorkloadEngine>): number {
  try {
    return Math.max(0, ...Object.entries(s.workloads ?? {}).map(([name, w]) => {
      const info = engines.get((w as { protocol?: string }).protocol ?? 'http')!.plan(name, w);
      return (info.startTime + info.duration) * 1000;
    }));
  } catch {
    return NaN;
  }
}

/** Validates the faults and prepares their actions; `issues` is empty when the run may start. */
export function prepareRunFaults(s: ScenarioDefinition, file: string, o: {
  engines: ReadonlyMap<string, WorkloadEngine>; baseUrl: string; isAllowedHost: (h: string) => boolean; scenarioDir: string;
  segment: SegmentPlan; actions?: FaultActionRegistry; log?: (m: string) => void;
}): { issues: ConfigIssue[]; faults: PreparedFaults } {
  if (s.faults === undefined) return { issues: [], faults: NO_FAULTS };
  const r = prepareFaults(s.faults, file, {
    plannedMs: plannedMsOf(s, o.engines), actions: o.actions ?? builtInFaultActions(),
    scenarioDir: o.scenarioDir, baseUrl: o.baseUrl, isAllowed: o.isAllowedHost,
    containers: s.resources?.docker?.containers ?? [], processes: s.resources?.processes ?? [],
    dockerSocket: s.resources?.docker?.socket, log: o.log ?? (() => {}),
  });
  const issues = [...r.issues];
  for (const [name, def] of Object.entries(s.faults)) {
    const seg = (def as { segment?: unknown }).segment;
    if (typeof seg === 'number' && seg >= o.segment.count && !o.segment.whole)
      issues.push({ file, path: `faults.${name}.segment`, message: `segment ${seg} does not exist: the sequence has ${o.segment.count}`, fix: `use 0..${o.segment.count - 1}` });
  }
  return { issues, faults: issues.length ? NO_FAULTS : { timeline: new FaultTimeline(s.faults), actions: r.actions } };
}

/** Issues of criteria that select phases (`phase`, `fault` tags): a known phase, a declared fault, a scenario with faults. */
export function phaseSelectorIssues(thresholds: readonly CompiledThreshold[], faults: ScenarioDefinition['faults']): ConfigIssue[] {
  const names = Object.keys(faults ?? {});
  const out: ConfigIssue[] = [];
  for (const t of thresholds) {
    const { phase, fault } = t.selector;
    const at = { file: t.source, path: t.metricKey };
    if (phase === undefined && fault === undefined) continue;
    if (!names.length) { out.push({ ...at, message: 'selects a fault phase, but the scenario declares no faults', fix: 'remove the phase/fault tags, or declare faults in the scenario' }); continue; }
    if (phase !== undefined && !['steady', 'fault', 'recovery'].includes(phase)) out.push({ ...at, message: `unknown phase "${phase}"`, fix: 'use phase:steady, phase:fault or phase:recovery' });
    if (fault !== undefined && !names.includes(fault)) out.push({ ...at, message: `fault "${fault}" is not declared in the scenario's faults`, fix: `use one of: ${names.join(', ')}` });
    if (phase === 'steady' && fault !== undefined) out.push({ ...at, message: 'a steady second belongs to no fault', fix: 'remove fault, or use phase:fault / phase:recovery' });
  }
  return out;
}
