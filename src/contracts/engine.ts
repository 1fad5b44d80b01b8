// The workload engine contract: HTTP, WebSocket and SignalR engines plug into the runner through it.
import type { MetricDef, SampleSink, TagSet } from './metric-types.ts';
import type { ConfigIssue } from './errors.ts';
import type { WorkloadInfo } from './summary-types.ts';
import type { SegmentPlan } from './segment-plan.ts';

/** What the runner hands an engine when one of its workloads starts. */
export interface EngineContext<W = unknown> {
  readonly sink: SampleSink;
  /** Origin of the system under test (after --base-url), e.g. http://127.0.0.1:8080. */
  readonly baseUrl: string;
  readonly scenario: string;
  /** Workload name (the key under `workloads`). */
  readonly workload: string;
  /** Tags every sample of this workload carries: { scenario: <workload name>, ...workload.tags }. */
  readonly baseTags: Readonly<Record<string, string>>;
  /** Interns a tag map (use for every sample; cache per distinct tag combination in hot paths). */
  tagSet(tags: Readonly<Record<string, string>>): TagSet;
  /** Aborted when the run stops hard (second Ctrl-C, gracefulStop elapsed): cut everything. */
  readonly signal: AbortSignal;
  /** Adds a warning to the results. */
  warn(message: string): void;
  /** This process's share of the load (plan/segment.ts): engines run only its iterations, VUs, connections and users. Absent = all (0:1). */
  readonly segment?: SegmentPlan;
  /** Every workload of this engine in the run, this one included, in scenario order (all valid): what the engine shares between them (a connection pool) is sized for them all. Absent = this workload alone. */
  readonly peers?: readonly W[];
}

/** A started workload. */
export interface RunningWorkload {
  /** Resolves when every VU / connection of the workload has finished. Never rejects. */
  readonly done: Promise<void>;
  /** Graceful stop: start no new iterations or connections; in-flight work finishes (bounded by gracefulStop). */
  stop(): void;
  /** Current active VUs (or connections) and allocated VUs, for the vus / vus_max gauges and progress. */
  activity(): { active: number; allocated: number };
  /** Called by the runner once a second, before the second is flushed: emit gauges that need a value every second. */
  onSecond?(): void;
}

/** A protocol engine: validates its workloads, says what it will do, and runs them. */
export interface WorkloadEngine<W = unknown> {
  /** Matches the workload's `protocol` field ('http' when absent). */
  readonly protocol: string;
  /** Metrics the engine emits; registered before thresholds are validated. */
  readonly metrics: readonly MetricDef[];
  /** Every problem with one workload's options; `path` is e.g. `workloads.api`; absolute target URLs must pass `isAllowedHost` (the run's host guard). */
  validate(workload: W, path: string, file: string, isAllowedHost?: (host: string) => boolean): ConfigIssue[];
  /** Planned timing and targets of a valid workload, for the summary and the report's target lines; pure (the same answer however often it is asked, nothing remembered). */
  plan(name: string, workload: W): WorkloadInfo;
  /** Starts a valid workload now; what it needs to know about the run's other workloads comes in `ctx.peers`. */
  start(workload: W, ctx: EngineContext<W>): RunningWorkload;
}
