// Fault switches of the demo target, validated, and the stall timer that freezes the whole process.
import { performance } from 'node:perf_hooks';
import type { FaultState, StallFault } from './types.ts';
import { LoadcertError, ExitCode } from '../contracts/errors.ts';
import { MAX_LATENCY_MS } from './latency.ts';

/** Longest single stall, ms: a stall is a busy-wait, so it is kept bounded. */
export const MAX_STALL_MS = 30_000;

/** Largest latency multiplier of the latencyScale switch. */
export const MAX_LATENCY_SCALE = 100;

/** Fault switches with everything off. */
export function noFaults(): FaultState {
  return { healthUnauthorized: false, healthDown: false, stall: null, errorRate: 0, latencyMs: null, latencyScale: 1 };
}

function invalid(message: string): never {
  throw new LoadcertError('LC_TARGET_FAULT', message, ExitCode.INVALID_CONFIG);
}

/** Checks a partial fault state from code or from the admin API; throws LC_TARGET_FAULT (exit 104) listing the problem. */
export function validateFaults(input: unknown): Partial<FaultState> {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) invalid('faults must be a JSON object');
  const src = input as Record<string, unknown>;
  const out: Partial<FaultState> = {};
  for (const key of Object.keys(src)) {
    const v = src[key];
    switch (key) {
      case 'healthUnauthorized':
      case 'healthDown':
        if (typeof v !== 'boolean') invalid(`${key} must be true or false`);
        out[key] = v as boolean;
        break;
      case 'errorRate':
        if (typeof v !== 'number' || !(v >= 0 && v <= 1)) invalid('errorRate must be a number between 0 and 1');
        out.errorRate = v as number;
        break;
      case 'latencyMs':
        if (v !== null && (typeof v !== 'number' || !(v >= 0 && v <= MAX_LATENCY_MS))) invalid(`latencyMs must be null or 0..${MAX_LATENCY_MS}`);
        out.latencyMs = v as number | null;
        break;
      case 'latencyScale':
        if (typeof v !== 'number' || !(v > 0 && v <= MAX_LATENCY_SCALE)) invalid(`latencyScale must be a number above 0 and at most ${MAX_LATENCY_SCALE}`);
        out.latencyScale = v as number;
        break;
      case 'stall':
        out.stall = v === null ? null : validateStall(v);
        break;
      default:
        invalid(`unknown fault "${key}" (known: healthUnauthorized, healthDown, stall, errorRate, latencyMs, latencyScale)`);
    }
  }
  return out;
}

function validateStall(v: unknown): StallFault {
  const s = v as Partial<StallFault> | null;
  if (typeof s !== 'object' || s === null) invalid('stall must be null or { everyMs, forMs }');
  const { everyMs, forMs } = s as Partial<StallFault>;
  if (typeof forMs !== 'number' || !(forMs > 0 && forMs <= MAX_STALL_MS)) invalid(`stall.forMs must be in 1..${MAX_STALL_MS}`);
  if (typeof everyMs !== 'number' || !(everyMs > (forMs as number))) invalid('stall.everyMs must be a number above stall.forMs');
  return { everyMs: everyMs as number, forMs: forMs as number };
}

/** Blocks the event loop for `ms` (bounded by MAX_STALL_MS), like a GC pause or a frozen server. */
export function busyWait(ms: number): void {
  const end = performance.now() + Math.min(ms, MAX_STALL_MS);
  // Bounded: the clock is monotonic, so the loop ends at `end`.
  while (performance.now() < end) {
    /* spin */
  }
}

/** Runs the periodic stall of the current fault state; `apply` restarts it whenever the stall changes. */
export class StallTimer {
  private timer: NodeJS.Timeout | null = null;
  private current: StallFault | null = null;

  /** Starts, restarts or stops the stall to match `stall`. */
  apply(stall: StallFault | null): void {
    if (stall && this.current && stall.everyMs === this.current.everyMs && stall.forMs === this.current.forMs) return;
    this.stop();
    if (!stall) return;
    this.current = stall;
    const forMs = stall.forMs;
    this.timer = setInterval(() => busyWait(forMs), stall.everyMs);
    this.timer.unref();
  }

  /** Stops stalling. */
  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    this.current = null;
  }
}
