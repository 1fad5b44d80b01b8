// exec: the user's async function (`run`), and `undo` after `duration` when given, each bounded by `timeout`
// (default 30 s) and handed an AbortSignal that aborts at the timeout or when the run stops. A function
// that ignores its signal is not waited for past the timeout: the fault counts as failed.
import { DURATION_FORMS, parseDuration } from '../../contracts/duration.ts';
import type { FaultExecContext } from '../../contracts/fault-types.ts';
import type { FaultActionContext, FaultActionFactory } from '../action.ts';
import { faultConfigError } from './declared.ts';
import { DEFAULTS } from '../../config/defaults.ts';

/** Default bound of `run` and `undo`, ms (the documented default of faults.*.timeout). */
const EXEC_TIMEOUT_MS = parseDuration(DEFAULTS.faultTimeout);

type UserFn = (ctx: FaultExecContext) => Promise<void>;

/** Calls `fn` with a signal that aborts at `timeoutMs` or with `outer`; rejects at the timeout even if `fn` never settles. */
async function bounded(fn: UserFn, what: string, timeoutMs: number, outer: AbortSignal, ctx: FaultActionContext): Promise<void> {
  const ctrl = new AbortController();
  const onOuter = (): void => ctrl.abort(outer.reason);
  if (outer.aborted) onOuter();
  else outer.addEventListener('abort', onOuter, { once: true });
  let timer: NodeJS.Timeout | undefined;
  const timedOut = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      const err = new Error(`exec fault ${ctx.name}: ${what} did not finish within ${timeoutMs} ms (timeout)`);
      ctrl.abort(err);
      reject(err);
    }, timeoutMs);
  });
  const aborted = new Promise<never>((_, reject) => {
    ctrl.signal.addEventListener('abort', () => reject(ctrl.signal.reason instanceof Error ? ctrl.signal.reason : new Error(`exec fault ${ctx.name}: ${what} aborted`)), { once: true });
  });
  const execCtx: FaultExecContext = { fault: ctx.name, signal: ctrl.signal, log: (m) => ctx.log(`${ctx.name}: ${m}`) };
  try {
    await Promise.race([Promise.resolve().then(() => fn(execCtx)), timedOut, aborted]);
  } catch (err) {
    throw err instanceof Error && err.message.startsWith('exec fault') ? err : new Error(`exec fault ${ctx.name}: ${what} failed: ${(err as Error)?.message ?? String(err)}`);
  } finally {
    clearTimeout(timer);
    outer.removeEventListener('abort', onOuter);
    timedOut.catch(() => {});
    aborted.catch(() => {});
  }
}

/** exec's factory: `run` must be a function, `undo` (if any) a function, `timeout` a positive duration. */
export const execAction: FaultActionFactory = (def, ctx) => {
  const run = def.run;
  if (typeof run !== 'function') throw faultConfigError(ctx, 'run', 'exec needs run: an async function', "add run: async ({ signal }) => { await execFile('kubectl', [...], { signal }) }");
  const undo = def.undo;
  if (undo !== undefined && typeof undo !== 'function') throw faultConfigError(ctx, 'undo', 'the undo of an exec fault must be an async function (a request object is for http faults)', 'write undo: async ({ signal }) => { ... }');
  let timeoutMs = EXEC_TIMEOUT_MS;
  if (def.timeout !== undefined) {
    timeoutMs = parseDuration(def.timeout);
    if (!Number.isFinite(timeoutMs) || timeoutMs <= 0) throw faultConfigError(ctx, 'timeout', `"${String(def.timeout)}" is not a positive duration`, `write ${DURATION_FORMS}`);
  }
  return {
    target: def.target ?? 'exec function',
    apply: (signal) => bounded(run, 'run()', timeoutMs, signal, ctx),
    ...(undo ? { undo: (signal: AbortSignal) => bounded(undo, 'undo()', timeoutMs, signal, ctx) } : {}),
  };
};
