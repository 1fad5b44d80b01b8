// Connection-count ramps of realtime workloads: stages of targets (like k6 ramping-vus) turned into a
// target at any elapsed time, by the same rule as the closed-model executors (executors/stages.ts countAt).
import type { Duration, Stage } from '../../contracts/scenario-types.ts';
import { parseDuration } from '../../contracts/duration.ts';
import { countAt, stageCorners, toSeconds } from '../../executors/stages.ts';

/** A ramp: corner points [elapsed ms, count] joined linearly, and its length. */
export interface Ramp {
  readonly corners: ReadonlyArray<[number, number]>;
  readonly totalMs: number;
  /** This process's part of a whole count (its execution segment's scale); absent = the whole count. */
  readonly scale?: (count: number) => number;
}

/** Builds the ramp of a workload: `stages` (from `start`), or `count` held for `duration`. Assumes validated input. */
export function buildRamp(opts: { stages?: Stage[]; start?: number; count?: number; duration?: Duration }): Ramp {
  const corners: Array<[number, number]> = opts.stages && opts.stages.length
    ? stageCorners(opts.start ?? 0, opts.stages)
    : [[0, opts.count ?? 0], [parseDuration(opts.duration), opts.count ?? 0]];
  return { corners, totalMs: corners[corners.length - 1][0] };
}

/** Target connection count `elapsedMs` after the ramp started (countAt, the one ramp rule); 0 after the end. */
export function targetAt(ramp: Ramp, elapsedMs: number): number {
  if (elapsedMs >= ramp.totalMs) return 0;
  const whole = countAt(ramp.corners, elapsedMs);
  return ramp.scale ? ramp.scale(whole) : whole;
}

/** Corners of the ramp for the report: [elapsed seconds, count] pairs. */
export function rampCorners(ramp: Ramp): Array<[number, number]> {
  return toSeconds(ramp.corners);
}

