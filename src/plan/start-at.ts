// --start-at: a wall-clock barrier so all segments start their load clock at the same instant.
import { ConfigError } from '../contracts/errors.ts';
import { setTimeout as sleep } from 'node:timers/promises';

/** Furthest ahead a start-at may be (10 minutes). */
export const START_AT_MAX_AHEAD_MS = 10 * 60_000;
/** How late a start-at may already be when the run reaches it (5 s: process start-up, preflight). */
export const START_AT_MAX_LATE_MS = 5_000;

/** Parses `--start-at <epoch ms>` and checks it is not more than 10 minutes ahead or 5 s past; ConfigError (104) otherwise. */
export function parseStartAt(text: string, now = Date.now()): number {
  const v = Number(text);
  const fail = (message: string) => new ConfigError([{ file: 'command line', path: '--start-at', message, fix: 'pass the start instant in epoch milliseconds, e.g. --start-at $(( $(date +%s%3N) + 15000 ))' }]);
  if (!/^\d+$/.test(text.trim()) || !Number.isSafeInteger(v)) throw fail(`"${text}" is not an epoch time in milliseconds`);
  if (v - now > START_AT_MAX_AHEAD_MS) throw fail(`${new Date(v).toISOString()} is more than ${START_AT_MAX_AHEAD_MS / 60_000} minutes ahead`);
  if (now - v > START_AT_MAX_LATE_MS) throw fail(`${new Date(v).toISOString()} passed ${Math.round((now - v) / 1000)} s ago (at most ${START_AT_MAX_LATE_MS / 1000} s late is accepted)`);
  return v;
}

/** Resolves at wall-clock `epochMs` (at once when it passed), or as soon as `signal` aborts. */
export async function waitUntil(epochMs: number, signal?: AbortSignal): Promise<void> {
  for (;;) {
    const left = epochMs - Date.now();
    if (left <= 0) return;
    try { await sleep(Math.min(left, 1000), undefined, { signal }); } catch { return; }
  }
}
