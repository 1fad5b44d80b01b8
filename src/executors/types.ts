// The executor contract: executors decide only WHEN iterations start; VUs decide what an iteration does.
import type { SampleSink, TagSet } from '../contracts/metric-types.ts';
import type { SegmentPlan } from '../contracts/segment-plan.ts';

/** After a hard stop, how long an executor waits for VUs that ignore the abort signal before it gives up on them. */
export const HARD_STOP_GRACE_MS = 2000;

/** A virtual user: runs one iteration at a time. `run` never rejects. */
export interface VU {
  readonly id: number;
  /** Runs one iteration whose intended start is `intendedAt` (performance.now() time base). */
  run(intendedAt: number): Promise<void>;
}

/** Makes the VUs of a workload; VUs get the workload's hard-stop signal. */
export type VUFactory = (id: number, signal: AbortSignal) => VU;

/** What an executor needs from the runner. */
export interface ExecutorContext {
  readonly sink: SampleSink;
  /** Tags of executor samples (iterations, iteration_duration, dropped_iterations). */
  readonly tags: TagSet;
  /** Aborted when the whole run stops hard. */
  readonly signal: AbortSignal;
  /** This process's share of the load (plan/segment.ts); absent = the whole load (0:1). */
  readonly segment?: SegmentPlan;
}

/** A running executor. */
export interface ExecutorHandle {
  /** Resolves when every VU finished (or was cut after gracefulStop). Never rejects. */
  readonly done: Promise<void>;
  /** Stops starting iterations now; in-flight ones get gracefulStop to finish. */
  stop(): void;
  /** VUs busy in an iteration, and VUs allocated. */
  activity(): { active: number; allocated: number };
}
