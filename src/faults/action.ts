// The seam between the fault timeline (when) and the fault actions (how): every action kind turns a
// validated FaultDefinition into a FaultAction that applies once and undoes once.
import type { FaultActionName, FaultDefinition } from '../contracts/fault-types.ts';

/** A fault made ready to apply; `apply` and `undo` are each called at most once, `undo` only after `apply` resolved. */
export interface FaultAction {
  /** What it acts on, in words (FaultRecord.target), e.g. 'container api-1'. */
  readonly target: string;
  /** Takes effect; rejects (with the reason) when it could not be applied. */
  apply(signal: AbortSignal): Promise<void>;
  /** Reverts it (absent for instant actions: kill, restart, signal); rejects when cleanup failed. */
  undo?(signal: AbortSignal): Promise<void>;
}

/** What preparing an action may use: the scenario's declared resources decide what may be touched. */
export interface FaultActionContext {
  /** The fault's name. */
  readonly name: string;
  /** The scenario file's folder (relative paths) and its baseUrl (http actions). */
  readonly scenarioDir: string;
  readonly baseUrl: string;
  /** Host guard for http actions (loopback or allowedHosts). */
  isAllowed(host: string): boolean;
  /** Declared resources: container names and process entries (name, match or pid) a fault may target. */
  readonly containers: readonly string[];
  readonly processes: readonly { name?: string; match?: string; pid?: number }[];
  /** Docker engine socket (resources.docker.socket, else DOCKER_HOST, else /var/run/docker.sock). */
  readonly dockerSocket?: string;
  log(message: string): void;
}

/** Makes one action kind ready; throws LoadcertError (104) when the definition cannot work here. */
export type FaultActionFactory = (def: FaultDefinition, ctx: FaultActionContext) => FaultAction;

/** Every action kind's factory, by action name (filled by src/faults/actions/). */
export type FaultActionRegistry = Partial<Record<FaultActionName, FaultActionFactory>>;
