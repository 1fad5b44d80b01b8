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

/** What validating an executor's options needs, whatever their type: the one place that reads them untyped. */
export interface ExecutorValidator {
  readonly name: string;
  /** Executor-specific option names (common workload options are added by the caller). */
  readonly options: readonly string[];
  /** Adds every problem of `raw` (the workload as written, untyped) to `issues`; without problems, `raw` holds options of type O. */
  validate(raw: Readonly<Record<string, unknown>>, issues: IssueList, path: string): void;
}

/** One executor type, registered by its k6 name; `O` is its typed options (a view of the scenario's workload type), read only after validate found no problem. */
export interface ExecutorDefinition<O> extends ExecutorValidator {
  readonly options: ReadonlyArray<keyof O & string>;
  /** The plan of valid options. */
  plan(o: O, gracefulStopMs: number): ExecutorPlan;
  /** Planned duration and targets of valid options. */
  targets(o: O): PlanTargets;
}
