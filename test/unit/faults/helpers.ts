// Shared parts of the fault action tests: an action context, a private ledger folder, and a sleeping
// node process to signal or freeze.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { FaultActionContext } from '../../../src/faults/action.ts';

/** A context whose declared resources are `containers` and `processes`. */
export function faultCtx(o: Partial<FaultActionContext> = {}): FaultActionContext {
  return {
    name: 'f1', scenarioDir: process.cwd(), baseUrl: 'http://127.0.0.1:1', isAllowed: () => true,
    containers: [], processes: [], log: () => {}, ...o,
  };
}

let ledger: string | undefined;

/** Points the ledger of this test process (and the watcher and children it starts) at a folder of its own, one per process; returns it. */
export function privateLedger(): string {
  if (!ledger) {
    const dir = mkdtempSync(path.join(tmpdir(), 'loadcert-ledger-test-'));
    ledger = dir;
    // Removed at exit unless an entry is left (then it is evidence; the exit hook and watcher still use it).
    process.on('exit', () => { if (!readdirSync(dir).some((n) => n.endsWith('.json'))) rmSync(dir, { recursive: true, force: true }); });
  }
  process.env.LOADCERT_FAULT_LEDGER = ledger;
  return ledger;
}

/** A node process that sleeps until killed, with `marker` on its command line (for `match`). */
export function sleeper(marker: string): ChildProcess {
  return spawn(process.execPath, ['-e', 'setInterval(() => {}, 1000)', marker], { stdio: 'ignore' });
}

/** The state letter of /proc/PID/stat (R, S, T = stopped, Z, ...); undefined when gone. */
export function procState(pid: number): string | undefined {
  try {
    const text = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return text.slice(text.lastIndexOf(')') + 2)[0];
  } catch {
    return undefined;
  }
}

/** Polls `check` every 50 ms until it holds or `timeoutMs` passes; resolves whether it held. */
export async function eventually(check: () => boolean | Promise<boolean>, timeoutMs: number): Promise<boolean> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    if (await check()) return true;
    if (Date.now() > end) return false;
    await new Promise((r) => setTimeout(r, 50));
  }
}
