// A capacity step's scenario: the chosen arrival-rate workloads at a given total rate, every workload held for the step.
import type { ScenarioDefinition, Workload } from '../contracts/scenario-types.ts';
import { ConfigError, type ConfigIssue } from '../contracts/errors.ts';
import { parseDuration } from '../contracts/duration.ts';
import { DEFAULTS } from '../config/defaults.ts';

/** The workloads a capacity search drives and their configured (target) rates in iterations per second. */
export interface SearchAxis {
  /** Arrival-rate workloads whose rate is searched, with their configured rate per second. */
  rates: Array<{ name: string; perS: number }>;
  /** Their summed configured rate: the scenario's target, the denominator of the headroom. */
  targetRps: number;
  /** Workloads scaled in proportion (scenario `capacity.scaleWith`). */
  scaled: string[];
}

/**
 * The search axis of `scenario`: the named workloads (default every constant-arrival-rate workload),
 * each a constant-arrival-rate workload with a rate > 0. Throws ConfigError (104) naming the field and fix.
 */
export function searchAxis(scenario: ScenarioDefinition, file: string, names: string[] | undefined): SearchAxis {
  const issues: ConfigIssue[] = [];
  const all = Object.entries(scenario.workloads ?? {});
  const chosen = names?.length ? names : all.filter(([, w]) => (w as { executor?: string }).executor === 'constant-arrival-rate').map(([n]) => n);
  if (!chosen.length) issues.push({ file, path: 'workloads', message: 'has no constant-arrival-rate workload for the capacity search to step', fix: "add a workload with executor: 'constant-arrival-rate' (the open model), or name one with --workload" });
  const rates: SearchAxis['rates'] = [];
  for (const name of chosen) {
    const w = scenario.workloads?.[name] as (Workload & { rate?: number; timeUnit?: string | number }) | undefined;
    if (!w) { issues.push({ file: 'command line', path: '--workload', message: `no workload named "${name}"`, fix: `use one of ${all.map(([n]) => n).join(', ')}` }); continue; }
    if ((w as { executor?: string }).executor !== 'constant-arrival-rate') { issues.push({ file, path: `workloads.${name}.executor`, message: `is ${JSON.stringify((w as { executor?: string }).executor)}; capacity steps the rate of a constant-arrival-rate workload`, fix: "use executor: 'constant-arrival-rate' for the workload whose capacity is searched" }); continue; }
    const unitMs = parseDuration(w.timeUnit ?? DEFAULTS.timeUnit);
    const perS = typeof w.rate === 'number' && unitMs > 0 ? (w.rate * 1000) / unitMs : NaN;
    if (!(perS > 0)) { issues.push({ file, path: `workloads.${name}.rate`, message: 'must be a rate > 0 (the target rate the headroom is measured against)', fix: 'write rate: 100 (per timeUnit)' }); continue; }
    rates.push({ name, perS });
  }
  const scaled = scenario.capacity?.scaleWith ?? [];
  for (const [i, name] of scaled.entries()) {
    if (!scenario.workloads?.[name]) issues.push({ file, path: `capacity.scaleWith[${i}]`, message: `no workload named "${name}"`, fix: `use one of ${all.map(([n]) => n).join(', ')}` });
    else if (chosen.includes(name)) issues.push({ file, path: `capacity.scaleWith[${i}]`, message: `"${name}" is already a searched arrival-rate workload`, fix: 'list only workloads that are not searched (realtime or closed model)' });
  }
  if (issues.length) throw new ConfigError(issues);
  return { rates, targetRps: rates.reduce((a, r) => a + r.perS, 0), scaled };
}

/** Shape of one step: total rate, how long it runs (warm-up included) and the VUs of each workload. */
export interface StepShape {
  rps: number;
  durationMs: number;
  /** VU ceiling per searched workload (default: the workload's own maxVUs/preAllocatedVUs scaled with the rate). */
  maxVUs?: number;
}

/**
 * The scenario of one step: every searched workload at its share of `shape.rps` (timeUnit 1s) for
 * `durationMs` from time 0, `scaleWith` workloads multiplied by rps / target, other workloads left out
 * (they are not part of the searched load), gracefulStop 1s.
 */
export function stepScenario(scenario: ScenarioDefinition, axis: SearchAxis, shape: StepShape): ScenarioDefinition {
  const factor = shape.rps / axis.targetRps;
  const workloads: Record<string, Workload> = {};
  const duration = `${Math.round(shape.durationMs)}ms`;
  for (const { name, perS } of axis.rates) {
    const w = scenario.workloads[name] as Workload & { preAllocatedVUs: number; maxVUs?: number };
    const rate = Math.max(1, Math.round(perS * factor));
    const maxVUs = shape.maxVUs ?? Math.max(w.maxVUs ?? w.preAllocatedVUs, Math.ceil((w.maxVUs ?? w.preAllocatedVUs) * factor));
    workloads[name] = { ...w, rate, timeUnit: '1s', duration, startTime: '0s', gracefulStop: '1s', preAllocatedVUs: Math.min(w.preAllocatedVUs, maxVUs), maxVUs } as Workload;
  }
  for (const name of axis.scaled) {
    const w = { ...(scenario.workloads[name] as unknown as Record<string, unknown>) };
    for (const k of ['users', 'connections', 'vus']) if (typeof w[k] === 'number') w[k] = Math.max(1, Math.round((w[k] as number) * factor));
    if (Array.isArray(w.stages)) w.stages = (w.stages as Array<{ duration: unknown; target: number }>).map((s) => ({ ...s, target: Math.max(0, Math.round(s.target * factor)) }));
    if ('duration' in w) w.duration = duration;
    w.startTime = '0s';
    workloads[name] = w as unknown as Workload;
  }
  return { ...scenario, workloads };
}
