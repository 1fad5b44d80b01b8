// The fault timeline of a scenario (issue 25): what a scenario declares under `faults`, the phase every
// sample carries, and what a run records about each fault. Actions live in src/faults/, the measurement
// of detection and recovery in src/resilience/; both agree on these shapes only.
import type { Duration } from './scenario-types.ts';

/**
 * The actions a fault can take, each through a real mechanism:
 * - `container.kill` (SIGKILL; instant), `container.restart` (instant), `container.stop` (started again after
 *   `duration`), `container.pause` (unpaused after `duration`), `container.disconnect` (reconnected to
 *   `network` after `duration`): Docker Engine API; `target` is a container named in `resources.docker.containers`.
 * - `network.drop` / `network.reset`: nftables rules dropping (or answering with a TCP reset) the traffic of
 *   `port` for `duration`, in the host's network namespace or a declared container's (`target`);
 *   `network.delay`: tc netem latency/jitter/loss (refused at validation where the kernel has no netem).
 * - `process.signal`: `signal` to a process declared in `resources.processes` (instant);
 *   `process.freeze`: SIGSTOP, then SIGCONT after `duration`.
 * - `http`: a request to the system's own fault switch (`request`), and `undo` after `duration`.
 * - `exec`: a user's async function (`run`), and `undo` after `duration`, each bounded by `timeout`.
 */
export type FaultActionName =
  | 'container.kill' | 'container.restart' | 'container.stop' | 'container.pause' | 'container.disconnect'
  | 'network.drop' | 'network.reset' | 'network.delay'
  | 'process.signal' | 'process.freeze'
  | 'http' | 'exec';

/** A request a fault sends (to a loopback or allowed host; relative paths resolve against baseUrl). */
export interface FaultRequest {
  method?: 'GET' | 'POST' | 'PUT' | 'DELETE' | 'PATCH';
  path: string;
  headers?: Record<string, string>;
  body?: string | Record<string, unknown>;
}

/** One fault of a scenario's `faults` map (the key is its name, the `fault` tag of its samples). */
export interface FaultDefinition {
  /** When the action is applied, from the start of the run. */
  at: Duration;
  /** How long the fault lasts before it is undone (required for stop, pause, disconnect, network.*, process.freeze; absent = instant). */
  duration?: Duration;
  action: FaultActionName;
  /** What it acts on: a declared container or process name, or (network.*) a declared container whose namespace holds the rule; absent = the host. */
  target?: string;
  /** network.*: the TCP port whose traffic is cut. */
  port?: number;
  /** container.disconnect: the network (default: every network the container is on). */
  network?: string;
  /** network.delay: added latency, jitter, loss (percent). */
  delay?: Duration;
  jitter?: Duration;
  loss?: number;
  /** process.signal: e.g. 'SIGKILL', 'SIGTERM'. */
  signal?: string;
  /** http: the switch request, and the request that undoes it after `duration`. */
  request?: FaultRequest;
  undo?: FaultRequest | ((ctx: FaultExecContext) => Promise<void>);
  /** exec: the user's function. */
  run?: (ctx: FaultExecContext) => Promise<void>;
  /** Bound of `run`/`undo`/an http request (default '30s'); a timeout is a fault that could not be applied. */
  timeout?: Duration;
  /** Recovery: the steady criteria must hold for `stableWindow` (default '10s'), within `within` of the fault's end (default '60s'). */
  recovery?: { stableWindow?: Duration; within?: Duration };
  /** With segments (--workers, --execution-segment, k8s, swarm): the segment index that applies it (default 0, the first). */
  segment?: number;
}

/** What an exec action's function receives. */
export interface FaultExecContext {
  /** The fault's name. */
  readonly fault: string;
  /** Aborted at the action's timeout or when the run is stopped. */
  readonly signal: AbortSignal;
  /** Writes a line to the run's console, prefixed with the fault's name. */
  log(message: string): void;
}

/** The phase a sample belongs to, carried as tag `phase` (and `fault` = the fault's name outside steady). */
export type FaultPhase = 'steady' | 'fault' | 'recovery';

/** What the run records about one fault (summary.json `resilience.faults[]`, from the process that applied it). */
export interface FaultRecord {
  name: string;
  action: FaultActionName;
  /** What it acted on, in words ('container api-1', 'port 5432 in container pg', 'process redis'). */
  target: string;
  /** Planned start and end, ms from the run's start. */
  plannedStartMs: number;
  plannedEndMs: number;
  /** Epoch ms when the action took effect and when it was undone (instant: equal); absent = not applied. */
  appliedAtMs?: number;
  endedAtMs?: number;
  /**
   * applied: took effect (and was undone); failed: could not be applied (run INCOMPLETE, 112); not-reached: the
   * run stopped before `at`; elsewhere: another segment applies it (this process only puts its seconds in phases).
   */
  status: 'applied' | 'failed' | 'not-reached' | 'elsewhere';
  /** Why it failed to apply. */
  error?: string;
  /** Why undoing or cleaning up failed (reported loudly; a rule or paused container may be left). */
  cleanupError?: string;
}

/** What the run measured about one fault (summary.json `resilience.faults[]`). */
export interface FaultResult extends FaultRecord {
  /** The fault's phase and recovery allowance, ms from the run's start (the timeline's, equal in every segment). */
  faultFromMs: number;
  faultToMs: number;
  recoveryToMs: number;
  /** Error rate (http_req_failed) and p95 of http_req_duration during the fault and recovery phases (null: no request finished). */
  errorRate: number | null;
  p95Ms: number | null;
  /** Seconds from the fault's start to the first second with an unhealthy health poll; null: none failed (undetected). */
  detectionS: number | null;
  /** Seconds from the fault's end (the action, for an instant one) until the steady criteria held for the stable window. */
  recoveryS: number | null;
  /** True when it recovered within `recovery.within`; false is a failed criterion ("did not recover within N s"). */
  recovered: boolean;
  /** When not recovered: the seconds watched without recovery (the bound, or less when the run ended first). */
  notRecoveredWithinS?: number;
  /** The recovery bound, s, and the stable window, s. */
  withinS: number;
  stableWindowS: number;
  /** Alert rules (their labels) whose breach overlapped the fault or its recovery, with seconds from the fault's start until they fired (the breach held for the rule's window). */
  alerts: Array<{ rule: string; severity: 'critical' | 'warning'; afterS: number }>;
}

/** summary.json `resilience`: the run's start on the faults' timeline and what each fault did. */
export interface ResilienceSummary {
  /** Epoch ms of the run's first second: phases are seconds counted from it. */
  startEpoch: number;
  faults: FaultResult[];
  /** Alert rules of the thresholds file that fired during no fault (a finding when a fault should raise them). */
  alertsNeverFired: string[];
}
