// Connection-count ramps: stages of targets (like k6 ramping-vus) turned into a target at any elapsed time.
import type { Duration, Stage } from '../../config/scenario-types.ts';
import { parseDuration } from '../../config/duration.ts';

/** A ramp with durations in ms: start count, then linear moves to each stage's target. */
export interface Ramp {
  readonly start: number;
  readonly stages: ReadonlyArray<{ readonly durationMs: number; readonly target: number }>;
  readonly totalMs: number;
}

/** Builds the ramp of a workload: `stages` (from `start`), or `count` held for `duration`. Assumes validated input. */
export function buildRamp(opts: { stages?: Stage[]; start?: number; count?: number; duration?: Duration }): Ramp {
  if (opts.stages && opts.stages.length) {
    const stages = opts.stages.map((s) => ({ durationMs: parseDuration(s.duration), target: s.target }));
    return { start: opts.start ?? 0, stages, totalMs: stages.reduce((a, s) => a + s.durationMs, 0) };
  }
  const n = opts.count ?? 0;
  const ms = parseDuration(opts.duration);
  return { start: n, stages: [{ durationMs: ms, target: n }], totalMs: ms };
}

/** Target connection count `elapsedMs` after the ramp started (rounded down, like k6); 0 after the end. */
export function targetAt(ramp: Ramp, elapsedMs: number): number {
  if (elapsedMs >= ramp.totalMs) return 0;
  let from = ramp.start;
  let t = elapsedMs;
  for (const s of ramp.stages) {
    if (t < s.durationMs) return Math.floor(from + ((s.target - from) * t) / s.durationMs);
    t -= s.durationMs;
    from = s.target;
  }
  return 0;
}

/** Corners of the ramp for the report: [elapsed seconds, count] pairs. */
export function rampCorners(ramp: Ramp): Array<[number, number]> {
  const out: Array<[number, number]> = [[0, ramp.start]];
  let t = 0;
  for (const s of ramp.stages) {
    t += s.durationMs;
    out.push([t / 1000, s.target]);
  }
  return out;
}

/** Highest target the ramp reaches. */
export function rampPeak(ramp: Ramp): number {
  return Math.max(ramp.start, ...ramp.stages.map((s) => s.target));
}
