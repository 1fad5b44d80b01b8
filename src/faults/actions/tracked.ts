// Apply and undo of an effect the ledger tracks: recorded before it is applied, reverted and forgotten
// when applying fails half-way, and forgotten only once undone (a failed undo keeps it for `faults clear`).
import { track, untrack } from '../cleanup-guard.ts';
import type { LedgerEffect, LedgerEntry } from '../ledger.ts';
import { undoEntry } from '../undo-entry.ts';

/** Records the effect, then runs `apply`; when `apply` rejects, reverts whatever took effect and rethrows. */
export async function applyTracked(fault: string, what: string, effect: LedgerEffect, apply: () => Promise<void>): Promise<LedgerEntry> {
  const entry = track(fault, what, effect);
  try {
    await apply();
  } catch (err) {
    try {
      await undoEntry(entry);
      untrack(entry);
    } catch (undoErr) {
      throw new Error(`${(err as Error).message}; reverting what took effect also failed: ${(undoErr as Error).message} (run \`loadcert faults clear\`)`);
    }
    throw err;
  }
  return entry;
}

/** Reverts a tracked effect and forgets it; rejects (keeping the entry) when it could not be reverted. */
export async function undoTracked(entry: LedgerEntry, signal: AbortSignal): Promise<void> {
  await undoEntry(entry, signal);
  untrack(entry);
}
