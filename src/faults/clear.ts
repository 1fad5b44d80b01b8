// Undoing what the ledger records: every entry of one owner (its exit hook, its watcher), or every leftover
// of dead owners (`loadcert faults clear`). An entry is removed once its effect is undone or gone.
import { ledgerDir, listEntries, ownerAlive, removeEntry, type LedgerEntry, type LedgerOwner } from './ledger.ts';
import { undoEntry } from './undo-entry.ts';

/** What became of one entry: undone now, already gone, undo failed (entry kept), or skipped (its owner still runs). */
export interface ClearResult {
  readonly entry: LedgerEntry;
  readonly status: 'undone' | 'gone' | 'failed' | 'skipped';
  readonly message: string;
}

/** Which entries to undo. */
export interface ClearOptions {
  /** Only this owner's entries (whether it runs or not); default: every owner that no longer runs. */
  readonly owner?: LedgerOwner;
  /** Also undo entries whose owner still runs (`faults clear --force`). */
  readonly force?: boolean;
  readonly dir?: string;
  readonly signal?: AbortSignal;
}

/** Undoes the selected entries, newest first; never throws (a failed undo is a result, and its entry stays). */
export async function clearLedger(o: ClearOptions = {}): Promise<{ results: ClearResult[]; unreadable: string[] }> {
  const dir = o.dir ?? ledgerDir();
  const { entries, unreadable } = listEntries(dir);
  const results: ClearResult[] = [];
  for (const e of entries.reverse()) {
    if (o.owner && (e.owner.pid !== o.owner.pid || e.owner.startTicks !== o.owner.startTicks)) continue;
    if (!o.owner && !o.force && ownerAlive(e.owner)) {
      results.push({ entry: e, status: 'skipped', message: `${e.what} (fault ${e.fault}): loadcert pid ${e.owner.pid} still runs and will undo it (use --force to undo it now)` });
      continue;
    }
    try {
      const r = await undoEntry(e, o.signal);
      removeEntry(e.id, dir);
      results.push({ entry: e, status: r.status, message: `${r.message} (fault ${e.fault})` });
    } catch (err) {
      results.push({ entry: e, status: 'failed', message: `${(err as Error).message} (fault ${e.fault}; entry kept in ${dir})` });
    }
  }
  return { results, unreadable };
}
