// What the run loop drives: the scenario's workloads, in this thread (WorkloadSet) or in segment
// workers (workers/worker-set.ts). The loop sees only this surface, never which kind it has.
import type { MetricStore } from '../metrics/store.ts';
import type { WorkloadInfo } from '../contracts/summary-types.ts';
import type { PreparedRun, RunOptions } from './prepare.ts';

/** The workloads of one run, as the run loop drives them. */
export interface Workloads {
  /** Planned timing and targets of every workload (this process's share). */
  readonly infos: WorkloadInfo[];
  /** Planned end of the last workload, ms from the start (without graceful stops). */
  readonly plannedMs: number;
  /** Threads of this process that drive load (the generator sampler's CPU line scales with them). */
  readonly threads: number;
  /** Sum of the open-model target rates at `elapsedMs`. */
  targetRateAt(elapsedMs: number): number;
  /** Gets ready before the load clock starts (workers: spawn and prepare); `say` reports progress. */
  ready(say: (m: string) => void): Promise<void>;
  /** Starts the load at `startEpoch`, samples into `store`; resolves when every workload is done. */
  start(store: MetricStore, signal: AbortSignal, warn: (m: string) => void, startEpoch: number): Promise<void>;
  /** Resolves once every sample of the second starting at `t` is in the store (at once in this thread). */
  secondReady(t: number): Promise<void>;
  /** Graceful stop: in-flight work finishes, nothing new starts. */
  stop(): void;
  /** Lets running workloads emit their per-second gauges. */
  onSecond(): void;
  /** Active and allocated VUs (or connections) over all workloads. */
  activity(): { active: number; allocated: number };
}

/** Builds a run's workloads from the prepared run and its options. */
export type WorkloadsFactory = (prep: PreparedRun, opts: RunOptions) => Workloads;
