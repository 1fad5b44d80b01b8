// Sampling intervals: parsing '1s' / 500 and a drift-free ticker that never throws and never overlaps.
import type { Duration } from '../contracts/scenario-types.ts';
import { parseDuration } from '../contracts/duration.ts';
import { DEFAULTS } from '../config/defaults.ts';

/** Default sampling interval in ms. */
export const DEFAULT_INTERVAL_MS = parseDuration(DEFAULTS.resourcesInterval);
/** Shortest interval accepted (ms): faster sampling costs CPU and the engine streams at 1 Hz anyway. */
export const MIN_INTERVAL_MS = 100;
/** Longest interval accepted (ms). */
export const MAX_INTERVAL_MS = 60_000;

/** Milliseconds of a duration (the one k6 grammar: 500, '500ms', '1s', '1m30s'); undefined when malformed or not positive. */
export function parseInterval(value: unknown): number | undefined {
  const ms = parseDuration(value as Duration);
  return ms > 0 ? ms : undefined;
}

/** Interval of resolved options in ms (default 1 s), clamped to the accepted range. */
export function intervalMs(value: unknown): number {
  const ms = parseInterval(value) ?? DEFAULT_INTERVAL_MS;
  return Math.min(MAX_INTERVAL_MS, Math.max(MIN_INTERVAL_MS, ms));
}

/** A running ticker; `stop()` clears its timer. */
export interface Ticker {
  stop(): void;
}

/**
 * Calls `tick` every `ms`, scheduled against the start time so it does not drift. A tick that is still
 * running when the next is due is skipped; errors (sync or async) go to `onError`, never out.
 */
export function startTicker(ms: number, tick: () => unknown, onError: (err: unknown) => void): Ticker {
  const start = performance.now();
  let n = 0;
  let timer: NodeJS.Timeout | undefined;
  let busy = false;
  let stopped = false;
  const schedule = (): void => {
    if (stopped) return;
    n++;
    let due = start + n * ms;
    const now = performance.now();
    if (due < now) { n = Math.ceil((now - start) / ms); due = start + n * ms; }
    timer = setTimeout(fire, Math.max(0, due - now));
    timer.unref();
  };
  const fire = (): void => {
    timer = undefined;
    if (!busy && !stopped) {
      busy = true;
      let result: unknown;
      try { result = tick(); } catch (err) { onError(err); }
      Promise.resolve(result).catch(onError).finally(() => { busy = false; });
    }
    schedule();
  };
  schedule();
  return {
    stop(): void {
      stopped = true;
      if (timer) clearTimeout(timer);
      timer = undefined;
    },
  };
}
