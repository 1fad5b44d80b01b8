// The cleanup guarantees around every applied effect: `track` records it in the ledger BEFORE it is applied,
// and on the first call in a process starts the watcher (a detached child that undoes this process's
// entries when it dies without doing so, e.g. SIGKILL) and an 'exit' hook (undoes what is left,
// synchronously, on process.exit and normal exit). `untrack` removes the entry once the effect is undone.
import { spawn, spawnSync } from 'node:child_process';
import { childEntryArgs } from '../config/typescript-loader.ts';
import { listEntries, recordEntry, removeEntry, selfOwner, type LedgerEffect, type LedgerEntry, newEntryId } from './ledger.ts';

/** How long the exit hook's synchronous cleanup may take, ms. */
export const EXIT_CLEANUP_TIMEOUT_MS = 30_000;

// From the sources (a checkout): watcher-main.ts through tsx; from the package: the compiled watcher-main.js, no loader.
const ENTRY = (): string[] => childEntryArgs(import.meta.url, 'watcher-main');

let armed: { pid: number; watcherPid?: number } | undefined;

/** The watcher's PID in this process, once started (tests). */
export function watcherPid(): number | undefined {
  return armed?.pid === process.pid ? armed.watcherPid : undefined;
}

/** Starts the watcher and installs the exit hook, once per process. */
function arm(): void {
  if (armed?.pid === process.pid) return;
  const owner = selfOwner();
  const child = spawn(process.execPath, [...ENTRY(), String(owner.pid), String(owner.startTicks)], {
    detached: true, stdio: 'ignore', env: process.env,
  });
  child.on('error', (err) => process.stderr.write(`loadcert faults: the cleanup watcher could not start (${err.message}); if loadcert is killed, run \`loadcert faults clear\`\n`));
  child.unref();
  armed = { pid: process.pid, watcherPid: child.pid };
  process.on('exit', exitCleanup);
}

/** The 'exit' hook: when entries of this process are left, undoes them through the watcher program (synchronously). */
function exitCleanup(): void {
  const owner = selfOwner();
  const left = listEntries().entries.filter((e) => e.owner.pid === owner.pid && e.owner.startTicks === owner.startTicks);
  if (!left.length) return;
  process.stderr.write(`loadcert faults: undoing ${left.length} fault effect(s) left at exit\n`);
  const r = spawnSync(process.execPath, [...ENTRY(), String(owner.pid), String(owner.startTicks), '--now'], {
    stdio: ['ignore', 'inherit', 'inherit'], timeout: EXIT_CLEANUP_TIMEOUT_MS, env: process.env,
  });
  if (r.status !== 0) process.stderr.write(`loadcert faults: cleanup at exit did not finish (${r.error?.message ?? `exit ${r.status}`}); run \`loadcert faults clear\`\n`);
}

/** Records an effect about to be applied (arming the watcher and exit hook first); returns the entry. */
export function track(fault: string, what: string, effect: LedgerEffect): LedgerEntry {
  arm();
  const entry = { ...effect, id: newEntryId(), fault, owner: selfOwner(), recordedAt: Date.now(), what } as LedgerEntry;
  recordEntry(entry);
  return entry;
}

/** Forgets an entry whose effect was undone (or never took effect). */
export function untrack(entry: LedgerEntry): void {
  removeEntry(entry.id);
}
