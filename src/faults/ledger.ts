// The fault ledger: one small JSON file per applied, not yet undone fault effect (an nft table, a paused or
// stopped container, a disconnected network, a frozen process), written BEFORE the effect is applied and
// removed once it is undone. Whoever finds an entry whose owner is dead (the watcher, an exit hook,
// `loadcert faults clear`) can undo it from the entry alone. Synchronous on purpose: 'exit' hooks use it.
import { mkdirSync, readFileSync, readdirSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';

/** Where the ledger lives: $LOADCERT_FAULT_LEDGER, else <os temp dir>/loadcert-faults (one file per entry). */
export function ledgerDir(env: NodeJS.ProcessEnv = process.env): string {
  return env.LOADCERT_FAULT_LEDGER?.trim() || join(tmpdir(), 'loadcert-faults');
}

/** The process that applied an effect: PID plus its start time (ticks since boot), so a reused PID is not taken for it. */
export interface LedgerOwner {
  readonly pid: number;
  readonly startTicks: number;
}

/** A network namespace named by a process in it and the namespace's inode (`net:[4026532...]`); absent = the host's. */
export interface NetnsRef {
  readonly pid: number;
  readonly inode: string;
}

/** How to reach the Docker engine that holds a container (what resolveEngine gave). */
export interface EngineRef {
  readonly socketPath?: string;
  readonly host?: string;
  readonly port?: number;
  readonly label: string;
}

/** A network a container was disconnected from, with what reconnecting needs. */
export interface DisconnectedNetwork {
  readonly id: string;
  readonly name: string;
  readonly aliases?: string[];
  readonly ipv4?: string;
}

/** What an entry's effect is, with what undoing it needs. */
export type LedgerEffect =
  | { readonly kind: 'nft'; readonly table: string; readonly netns?: NetnsRef }
  | { readonly kind: 'tc'; readonly devices: readonly string[]; readonly netns?: NetnsRef }
  | { readonly kind: 'container.pause'; readonly engine: EngineRef; readonly container: string; readonly name: string }
  | { readonly kind: 'container.stop'; readonly engine: EngineRef; readonly container: string; readonly name: string }
  | { readonly kind: 'container.disconnect'; readonly engine: EngineRef; readonly container: string; readonly name: string; readonly networks: readonly DisconnectedNetwork[] }
  | { readonly kind: 'process.freeze'; readonly pid: number; readonly startTicks: number; readonly name: string };

/** One recorded effect. */
export type LedgerEntry = LedgerEffect & {
  /** Unique id; the file is `<id>.json`. */
  readonly id: string;
  /** The fault's name. */
  readonly fault: string;
  readonly owner: LedgerOwner;
  /** Epoch ms when it was recorded. */
  readonly recordedAt: number;
  /** The effect in words, for reports ('nft table inet loadcert_faults_ab12 (port 5432) in container pg'). */
  readonly what: string;
};

/** A short random id usable in file and nft table names ([a-z0-9]). */
export function newEntryId(): string {
  return randomBytes(6).toString('hex');
}

/** Why the folder cannot be trusted (another user owns it: its entries could name any process or table), or undefined. */
function untrusted(dir: string): string | undefined {
  const uid = process.getuid?.();
  let owner: number;
  try { owner = statSync(dir).uid; } catch { return undefined; }
  return uid !== undefined && owner !== uid ? `${dir} is owned by uid ${owner}, not by this user (${uid}): set LOADCERT_FAULT_LEDGER to a folder of your own` : undefined;
}

/** Writes an entry (atomically: a temp file renamed); creates the folder (mode 0700) when missing; throws when another user owns it. */
export function recordEntry(entry: LedgerEntry, dir = ledgerDir()): void {
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const why = untrusted(dir);
  if (why) throw new Error(`cannot record the fault in the ledger: ${why}`);
  const tmp = join(dir, `.${entry.id}.tmp`);
  writeFileSync(tmp, `${JSON.stringify(entry)}\n`, { mode: 0o600 });
  renameSync(tmp, join(dir, `${entry.id}.json`));
}

/** Removes an entry (its effect was undone or is gone); a missing file is fine. */
export function removeEntry(id: string, dir = ledgerDir()): void {
  rmSync(join(dir, `${id}.json`), { force: true });
}

/** Every entry of the ledger, oldest first; unreadable files (or a folder another user owns) are returned apart (never thrown). */
export function listEntries(dir = ledgerDir()): { entries: LedgerEntry[]; unreadable: string[] } {
  const why = untrusted(dir);
  if (why) return { entries: [], unreadable: [why] };
  let names: string[];
  try {
    names = readdirSync(dir).filter((n) => n.endsWith('.json'));
  } catch {
    return { entries: [], unreadable: [] };
  }
  const entries: LedgerEntry[] = [];
  const unreadable: string[] = [];
  for (const n of names) {
    try {
      const e = JSON.parse(readFileSync(join(dir, n), 'utf8')) as LedgerEntry;
      if (typeof e?.id !== 'string' || typeof e.kind !== 'string' || typeof e.owner?.pid !== 'number') throw new Error('not an entry');
      entries.push(e);
    } catch {
      unreadable.push(join(dir, n));
    }
  }
  entries.sort((a, b) => a.recordedAt - b.recordedAt);
  return { entries, unreadable };
}

/** The start time (ticks since boot) of a running process, from /proc/PID/stat; undefined when it is gone or a zombie. */
export function processStartTicks(pid: number): number | undefined {
  let text: string;
  try { text = readFileSync(`/proc/${pid}/stat`, 'utf8'); } catch { return undefined; }
  const rest = text.slice(text.lastIndexOf(')') + 2).split(' ');
  if (rest[0] === 'Z' || rest[0] === 'X') return undefined; // exited, not yet reaped by its parent
  const v = Number(rest[19]);
  return Number.isFinite(v) ? v : undefined;
}

/** This process as an owner. */
export function selfOwner(): LedgerOwner {
  return { pid: process.pid, startTicks: processStartTicks(process.pid) ?? 0 };
}

/** True while the owner process still runs (same PID and same start time). */
export function ownerAlive(owner: LedgerOwner): boolean {
  const t = processStartTicks(owner.pid);
  return t !== undefined && t === owner.startTicks;
}
