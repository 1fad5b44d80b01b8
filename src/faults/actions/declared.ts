// What every action factory checks before a fault can run: the fields its action needs, and that its
// target is something the scenario declares (a fault never touches what loadcert was not told about).
import { ConfigError } from '../../contracts/errors.ts';
import { DURATION_FORMS, parseDuration } from '../../contracts/duration.ts';
import type { FaultDefinition } from '../../contracts/fault-types.ts';
import type { FaultActionContext } from '../action.ts';
import { findPids, cmdlineMatcher } from '../../resources/proc.ts';
import { processLabel } from '../../resources/process-sampler.ts';
import { watcherPid } from '../cleanup-guard.ts';

/** A 104 error naming `faults.<name>.<field>`, what is wrong and the fix. */
export function faultConfigError(ctx: Pick<FaultActionContext, 'name'>, field: string, message: string, fix: string): ConfigError {
  return new ConfigError([{ file: 'scenario', path: `faults.${ctx.name}.${field}`, message, fix }]);
}

/** The fault's `duration` in ms; 104 when missing, malformed or zero (the action needs a window to undo after). */
export function requireDuration(def: FaultDefinition, ctx: FaultActionContext): number {
  if (def.duration === undefined)
    throw faultConfigError(ctx, 'duration', `${def.action} needs a duration: it is undone after it`, "add duration: '10s'");
  const ms = parseDuration(def.duration);
  if (!Number.isFinite(ms) || ms <= 0)
    throw faultConfigError(ctx, 'duration', `"${String(def.duration)}" is not a positive duration`, `write ${DURATION_FORMS}`);
  return ms;
}

/** The fault's `target` when it names a container of resources.docker.containers; 104 otherwise. */
export function requireContainer(def: FaultDefinition, ctx: FaultActionContext): string {
  const list = ctx.containers.length ? ctx.containers.join(', ') : 'none declared';
  if (!def.target)
    throw faultConfigError(ctx, 'target', `${def.action} needs a target container`, `name a container of resources.docker.containers (${list})`);
  if (!ctx.containers.includes(def.target))
    throw faultConfigError(ctx, 'target', `container "${def.target}" is not declared: a fault only touches what the scenario declares`, `add it to resources.docker.containers, or name one of: ${list}`);
  return def.target;
}

/** A declared process (resources.processes), as the process sampler reads it. */
export type DeclaredProcess = FaultActionContext['processes'][number];

/** The entry of resources.processes the fault's `target` names (by name, match or pid, as the sampler's `process` tag); 104 otherwise. */
export function requireProcess(def: FaultDefinition, ctx: FaultActionContext): DeclaredProcess {
  const labels = ctx.processes.map((p) => processLabel(p));
  const list = labels.length ? labels.join(', ') : 'none declared';
  if (!def.target)
    throw faultConfigError(ctx, 'target', `${def.action} needs a target process`, `name a process of resources.processes (${list})`);
  const found = ctx.processes.find((p) => processLabel(p) === def.target);
  if (!found)
    throw faultConfigError(ctx, 'target', `process "${def.target}" is not declared: a fault only touches what the scenario declares`, `add { name: '${def.target}', match: '...' } to resources.processes, or name one of: ${list}`);
  return found;
}

/** The PIDs a declared process stands for now (its pid, or every command line it matches), never loadcert's own or its watcher's. */
export async function resolvePids(p: DeclaredProcess): Promise<number[]> {
  const mine = new Set([process.pid, watcherPid()]);
  const pids = p.pid !== undefined ? [p.pid] : p.match ? await findPids(cmdlineMatcher(p.match)) : [];
  return pids.filter((pid) => !mine.has(pid));
}
