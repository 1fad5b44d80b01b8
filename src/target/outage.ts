// The demo target's timed outage: after a signal (POST /__admin/outage?ms=N or DemoTarget.failFor), every
// API and health request answers 503 for exactly N ms, then the target is healthy again. It gives a fault
// a known recovery time (npm run bench:faults compares fault_recovery_seconds with it).
import { performance } from 'node:perf_hooks';
import { LoadcertError, ExitCode } from '../contracts/errors.ts';
import { canned, type Canned } from './respond.ts';

/** Longest outage one signal can start, ms (ten minutes). */
export const MAX_OUTAGE_MS = 600_000;

/** What an API or health request gets while the outage lasts. */
export const OUTAGE_RESPONSE: Canned = canned(503, '{"status":503,"error":"outage switched on by /__admin/outage"}', 'application/json; charset=utf-8', { 'cache-control': 'no-store' });

/** A window of failure on the monotonic clock; requests that arrive inside it fail, the first one after it is served. */
export class Outage {
  private startsAt = 0;
  private endsAt = 0;

  /** Fails requests from `now` for `ms` (0 ends an outage at once); replaces any outage under way. Throws LC_TARGET_FAULT (104) outside 0..MAX_OUTAGE_MS. */
  start(ms: number, now: number = performance.now()): void {
    if (!(Number.isInteger(ms) && ms >= 0 && ms <= MAX_OUTAGE_MS))
      throw new LoadcertError('LC_TARGET_FAULT', `outage ms must be an integer in 0..${MAX_OUTAGE_MS}, got ${ms}`, ExitCode.INVALID_CONFIG);
    this.startsAt = now;
    this.endsAt = ms === 0 ? 0 : now + ms;
  }

  /** Milliseconds the outage still lasts at `now` (0 = none). */
  remainingMs(now: number = performance.now()): number {
    return this.active(now) ? this.endsAt - now : 0;
  }

  /** True while a request arriving at `now` must fail. */
  active(now: number = performance.now()): boolean {
    return now >= this.startsAt && now < this.endsAt;
  }
}

/** True for the paths an outage fails: the API (/api/...) and the health endpoints; the admin routes stay up. */
export function outageCovers(path: string, healthPaths: readonly string[]): boolean {
  return path.startsWith('/api/') || path === '/api' || healthPaths.includes(path);
}
