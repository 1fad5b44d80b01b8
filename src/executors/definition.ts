// What each executor file exports: its option names, validation, and the plan the runner starts.
import type { IssueList } from '../config/checks.ts';
import type { OpenModelPlan } from './open-model.ts';
import type { ClosedModelPlan } from './closed-model.ts';

/** A parsed, startable plan. */
export type ExecutorPlan = { model: 'open'; plan: OpenModelPlan } | { model: 'closed'; plan: ClosedModelPlan };

/** Target corners for reports: [elapsed s, rate per s] or [elapsed s, VUs]. */
export interface PlanTargets {
  durationMs: number;
  targetRate?: Array<[number, number]>;
  targetVUs?: Array<[number, number]>;
}

/** One executor type, registered by its k6 name. */
export interface ExecutorDefinition {
  readonly name: string;
  /** Executor-specific option names (common workload options are added by the caller). */
  readonly options: readonly string[];
  /** Adds every problem of `w` (options of this executor) to `issues`. */
  validate(w: Record<string, unknown>, issues: IssueList, path: string): void;
  /** The plan of a valid workload. */
  plan(w: Record<string, unknown>, gracefulStopMs: number): ExecutorPlan;
  /** Planned duration and targets. */
  targets(w: Record<string, unknown>): PlanTargets;
}
