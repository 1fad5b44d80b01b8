// Validation of a scenario's `faults` (issue 25): every problem at once, as ConfigIssues (exit 104),
// before anything starts; then each valid fault is made ready through its action's factory.
import type { ConfigIssue } from '../contracts/errors.ts';
import { ConfigError, LoadcertError } from '../contracts/errors.ts';
import type { FaultActionName, FaultDefinition } from '../contracts/fault-types.ts';
import { formatDuration } from '../contracts/duration.ts';
import { IssueList, isPlainObject, join } from '../config/checks.ts';
import { closest } from '../config/suggest.ts';
import { processLabel } from '../resources/process-sampler.ts';
import type { FaultAction, FaultActionContext, FaultActionRegistry } from './action.ts';

/** Every action name of the contract (contracts/fault-types.ts). */
export const FAULT_ACTIONS: readonly FaultActionName[] = [
  'container.kill', 'container.restart', 'container.stop', 'container.pause', 'container.disconnect',
  'network.drop', 'network.reset', 'network.delay', 'process.signal', 'process.freeze', 'http', 'exec',
];

/** Actions that last `duration` and are then undone (duration required). */
const LASTING: readonly FaultActionName[] = ['container.stop', 'container.pause', 'container.disconnect', 'network.drop', 'network.reset', 'network.delay', 'process.freeze'];
/** Actions that happen once (no duration). */
const INSTANT: readonly FaultActionName[] = ['container.kill', 'container.restart', 'process.signal'];

const KEYS = ['at', 'duration', 'action', 'target', 'port', 'network', 'delay', 'jitter', 'loss', 'signal', 'request', 'undo', 'run', 'timeout', 'recovery', 'segment'];
const FAULT_NAME = /^[A-Za-z0-9_.-]{1,64}$/;

/** What validation needs beyond the definitions. */
export interface FaultCheckContext extends FaultActionContext {
  /** Planned length of the run, ms (the last workload's end); NaN when unknown (workloads invalid). */
  readonly plannedMs: number;
  /** Action factories by name; an action with none is not available in this build. */
  readonly actions: FaultActionRegistry;
}

/** The issues of `faults` and, when there are none, every fault's action made ready (by name). */
export function prepareFaults(faults: unknown, file: string, ctx: Omit<FaultCheckContext, 'name'>): { issues: ConfigIssue[]; actions: Map<string, FaultAction> } {
  const list = new IssueList(file);
  const actions = new Map<string, FaultAction>();
  if (faults === undefined) return { issues: [], actions };
  if (!isPlainObject(faults)) {
    list.add('faults', 'must be an object of fault name to its definition', "write faults: { 'db-down': { at: '30s', duration: '10s', action: 'http', request: { method: 'POST', path: '/__admin/faults/db' }, undo: { method: 'DELETE', path: '/__admin/faults/db' } } }");
    return { issues: list.issues, actions };
  }
  for (const [name, def] of Object.entries(faults)) {
    const path = join('faults', name);
    const before = list.issues.length;
    if (!FAULT_NAME.test(name)) list.add(path, `fault name "${name}" must be 1-64 letters, digits, dots, dashes or underscores (it is the fault tag)`, "rename it, e.g. 'kill-api-1'");
    if (!isPlainObject(def)) { list.add(path, 'must be an object', "write { at: '30s', action: 'container.kill', target: 'api-1' }"); continue; }
    checkOne(def as unknown as FaultDefinition, path, list, ctx);
    if (list.issues.length > before) continue;
    const factory = ctx.actions[(def as unknown as FaultDefinition).action];
    try {
      actions.set(name, factory!(def as unknown as FaultDefinition, { ...ctx, name }));
    } catch (err) {
      // A factory's own config issues keep their path and fix (flattened, they would read "scenario: faults.x..." twice).
      if (err instanceof ConfigError) { for (const i of err.issues) list.add(i.path || path, i.message, i.fix); continue; }
      if (!(err instanceof LoadcertError)) throw err;
      list.add(path, err.message, 'fix the fault, or remove it when this machine cannot apply it');
    }
  }
  return { issues: list.issues, actions };
}

function checkOne(d: FaultDefinition, path: string, list: IssueList, ctx: Omit<FaultCheckContext, 'name'>): void {
  list.unknownKeys(d, KEYS, path);
  const at = list.duration(d.at, join(path, 'at'), true);
  const duration = list.duration(d.duration, join(path, 'duration'), false, true);
  const action = d.action;
  if (typeof action !== 'string' || !FAULT_ACTIONS.includes(action)) {
    const near = typeof action === 'string' ? closest(action, FAULT_ACTIONS) : undefined;
    list.add(join(path, 'action'), action === undefined ? 'is required' : `unknown action ${JSON.stringify(action)}`, near ? `did you mean "${near}"?` : `use one of ${FAULT_ACTIONS.join(', ')}`);
    return;
  }
  if (!ctx.actions[action]) list.add(join(path, 'action'), `action "${action}" is not available in this build of loadcert`, `use one of ${Object.keys(ctx.actions).join(', ')}`);
  const undoable = action === 'http' || action === 'exec';
  if (LASTING.includes(action) && d.duration === undefined) list.add(join(path, 'duration'), `is required for ${action} (how long before it is undone)`, "set duration: '10s'");
  if (INSTANT.includes(action) && d.duration !== undefined) list.add(join(path, 'duration'), `${action} is instant and has no duration (recovery is measured from the action)`, 'remove duration, or use an action that is undone (container.stop, container.pause, process.freeze)');
  if (undoable && (d.duration === undefined) !== (d.undo === undefined))
    list.add(join(path, d.duration === undefined ? 'duration' : 'undo'), `${action}: duration and undo go together (undo is sent after duration)`, d.duration === undefined ? "set duration: '10s'" : 'add undo, or remove duration for an instant fault');
  if (action.startsWith('container.')) target(d.target, path, list, ctx.containers, 'resources.docker.containers', true);
  if (action.startsWith('process.')) target(d.target, path, list, ctx.processes.map(processLabel), 'resources.processes', true);
  if (action.startsWith('network.')) {
    target(d.target, path, list, ctx.containers, 'resources.docker.containers', false);
    list.number(d.port, join(path, 'port'), { required: true, int: true, min: 1, max: 65535 });
  }
  if (action === 'process.signal' && (typeof d.signal !== 'string' || !/^SIG[A-Z0-9]+$/.test(d.signal))) list.add(join(path, 'signal'), 'is required: a signal name', "write signal: 'SIGKILL'");
  if (action === 'http') {
    if (!isPlainObject(d.request) || typeof d.request.path !== 'string') list.add(join(path, 'request'), 'is required: the switch request', "write request: { method: 'POST', path: '/__admin/faults/db' }");
    if (d.undo !== undefined && (!isPlainObject(d.undo) || typeof (d.undo as { path?: unknown }).path !== 'string')) list.add(join(path, 'undo'), 'must be a request', "write undo: { method: 'DELETE', path: '/__admin/faults/db' }");
  }
  if (action === 'exec') {
    if (typeof d.run !== 'function') list.add(join(path, 'run'), 'is required: an async function', 'write run: async ({ signal }) => { ... }');
    if (d.undo !== undefined && typeof d.undo !== 'function') list.add(join(path, 'undo'), 'must be an async function', 'write undo: async ({ signal }) => { ... }');
  }
  list.duration(d.timeout, join(path, 'timeout'), false, true);
  list.number(d.segment, join(path, 'segment'), { int: true, min: 0 });
  if (d.recovery !== undefined) {
    if (!isPlainObject(d.recovery)) list.add(join(path, 'recovery'), 'must be an object', "write recovery: { stableWindow: '10s', within: '60s' }");
    else {
      list.unknownKeys(d.recovery, ['stableWindow', 'within'], join(path, 'recovery'));
      list.duration(d.recovery.stableWindow, join(path, 'recovery.stableWindow'), false, true);
      list.duration(d.recovery.within, join(path, 'recovery.within'), false, true);
    }
  }
  const end = at + (Number.isNaN(duration) ? 0 : duration);
  if (!Number.isNaN(at) && Number.isFinite(ctx.plannedMs) && end >= ctx.plannedMs)
    list.add(join(path, d.duration === undefined ? 'at' : 'duration'), `the fault ${d.duration === undefined ? 'happens' : 'ends'} at ${formatDuration(end)}, not before the run's planned end (${formatDuration(ctx.plannedMs)})`, 'move it earlier, or lengthen the workloads so that recovery can be seen');
}

function target(value: unknown, path: string, list: IssueList, declared: readonly string[], where: string, required: boolean): void {
  if (value === undefined) { if (required) list.add(join(path, 'target'), `is required: one of ${where}`, declared.length ? `write target: '${declared[0]}'` : `declare it in ${where} first`); return; }
  if (typeof value !== 'string' || !declared.includes(value)) {
    const near = typeof value === 'string' ? closest(value, declared) : undefined;
    list.add(join(path, 'target'), `${JSON.stringify(value)} is not declared in ${where}: a fault touches only what the scenario declares`, near ? `did you mean "${near}"?` : `add it to ${where}, or target one of: ${declared.join(', ') || '(none declared)'}`);
  }
}
