// process.signal (one signal, instant) and process.freeze (SIGSTOP, then SIGCONT after `duration`) to a
// process declared in resources.processes: its pid, or every process whose command line it matches (as the
// process sampler does), never loadcert itself.
import { constants } from 'node:os';
import type { FaultActionFactory } from '../action.ts';
import { processStartTicks, type LedgerEntry } from '../ledger.ts';
import { faultConfigError, requireDuration, requireProcess, resolvePids, type DeclaredProcess } from './declared.ts';
import { processLabel } from '../../resources/process-sampler.ts';
import { applyTracked, undoTracked } from './tracked.ts';

/** Signals process.signal refuses: a stop would be left without its continue (use process.freeze, which the ledger tracks). */
const REFUSED = new Set(['SIGSTOP', 'SIGTSTP', 'SIGTTIN', 'SIGTTOU']);

/** The live PIDs of the declared process; rejects when none runs. */
async function livePids(p: DeclaredProcess): Promise<number[]> {
  const pids = (await resolvePids(p)).filter((pid) => processStartTicks(pid) !== undefined);
  if (!pids.length) throw new Error(p.pid !== undefined ? `process ${p.pid} (${processLabel(p)}) is not running` : `no running process matches "${p.match}" (${processLabel(p)})`);
  return pids;
}

/** process.signal: `signal` to every PID of the target. */
const signal: FaultActionFactory = (def, ctx) => {
  const p = requireProcess(def, ctx);
  const sig = def.signal;
  const known = Object.keys(constants.signals);
  if (!sig) throw faultConfigError(ctx, 'signal', 'process.signal needs a signal', "add signal: 'SIGTERM' (or SIGKILL, SIGHUP, SIGUSR1, ...)");
  if (!known.includes(sig)) throw faultConfigError(ctx, 'signal', `unknown signal "${sig}"`, `use one of ${known.filter((s) => !REFUSED.has(s)).join(', ')}`);
  if (REFUSED.has(sig)) throw faultConfigError(ctx, 'signal', `${sig} would leave the process stopped after the run`, `use action: 'process.freeze' with a duration (SIGSTOP, then SIGCONT; undone even if loadcert dies)`);
  return {
    target: `process ${processLabel(p)}`,
    async apply() {
      for (const pid of await livePids(p)) {
        try { process.kill(pid, sig as NodeJS.Signals); } catch (err) { throw new Error(`could not send ${sig} to process ${pid} (${processLabel(p)}): ${(err as Error).message}`); }
      }
    },
  };
};

/** process.freeze: SIGSTOP to every PID of the target (each tracked in the ledger first), SIGCONT at undo. */
const freeze: FaultActionFactory = (def, ctx) => {
  requireDuration(def, ctx);
  const p = requireProcess(def, ctx);
  const entries: LedgerEntry[] = [];
  return {
    target: `process ${processLabel(p)}`,
    async apply(sig) {
      try {
        for (const pid of await livePids(p)) {
          const startTicks = processStartTicks(pid);
          if (startTicks === undefined) continue; // exited since it was found
          entries.push(await applyTracked(ctx.name, `frozen process ${pid} (${processLabel(p)})`, { kind: 'process.freeze', pid, startTicks, name: processLabel(p) },
            async () => {
              try { process.kill(pid, 'SIGSTOP'); } catch (err) { throw new Error(`could not send SIGSTOP to process ${pid} (${processLabel(p)}): ${(err as Error).message}`); }
            }));
        }
      } catch (err) {
        // Not applied as a whole: the PIDs already frozen are let go again (undo is never called after a failed apply).
        for (const e of entries.splice(0)) await undoTracked(e, sig).catch(() => {});
        throw err;
      }
    },
    async undo(sig) {
      const errors: string[] = [];
      for (const e of entries.splice(0)) await undoTracked(e, sig).catch((err: Error) => void errors.push(err.message));
      if (errors.length) throw new Error(errors.join('; '));
    },
  };
};

/** The process actions' factories, by action name. */
export const PROCESS_ACTIONS = {
  'process.signal': signal,
  'process.freeze': freeze,
} satisfies Record<string, FaultActionFactory>;
