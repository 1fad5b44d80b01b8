// Helpers of the lifecycle tests: is a process alive, wait until it is gone, wait for a line of output.
import { existsSync, readFileSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';

/** True while `pid` runs (a zombie, exited but not reaped, counts as gone). */
export function alive(pid: number): boolean {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3) !== 'Z';
  } catch {
    return false;
  }
}

/** Resolves true once `pid` is gone, false if it still runs after `timeoutMs`. */
export async function gone(pid: number, timeoutMs: number): Promise<boolean> {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    if (!alive(pid)) return true;
    await sleep(100);
  }
  return !alive(pid);
}

/** Resolves with the first match of `re` in the file at `path` (polled), or throws after `timeoutMs`. */
export async function waitInFile(path: string, re: RegExp, timeoutMs: number): Promise<RegExpMatchArray> {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    const m = existsSync(path) ? readFileSync(path, 'utf8').match(re) : null;
    if (m) return m;
    await sleep(100);
  }
  throw new Error(`${re} did not appear in ${path} within ${timeoutMs} ms:\n${existsSync(path) ? readFileSync(path, 'utf8') : '(no file)'}`);
}

/** The demo target's pid from loadcert's "demo target started at URL (pid N)" line. */
export const DEMO_TARGET_PID = /demo target started at \S+ \(pid (\d+)\)/;
