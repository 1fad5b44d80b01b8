import type { IssueList } from '../config/checks.ts';
import { join } from '../config/checks.ts';
import { parseDuration } from '../contracts/duration.ts';
import type { Stage } from '../contracts/scenario-types.ts';

/** Validates a k6 `stages` array: at least one stage, each with a duration and a target >= 0 (`target` narrows it: whole numbers, a maximum). */
export function validateStages(stages: unknown, issues: IssueList, path: string, target: { int?: boolean; max?: number } = {}): void {
  if (!Array.isArray(stages) || stages.length === 0) {
    issues.add(path, 'must be a non-empty array of { duration, target }', "write stages: [{ duration: '30s', target: 100 }]");
    return;
  }
  stages.forEach((s, i) => {
    const p = join(path, i);
    if (typeof s !== 'object' || s === null) return issues.add(p, 'must be an object { duration, target }', "write { duration: '30s', target: 100 }");
    issues.unknownKeys(s, ['duration', 'target'], p);
    issues.duration((s as Stage).duration, join(p, 'duration'), true);
    issues.number((s as Stage).target, join(p, 'target'), { required: true, min: 0, ...target });
  });
}

/** Corner points [elapsed ms, value] of a ramp starting at `start` through `stages`. */
export function stageCorners(start: number, stages: readonly Stage[]): Array<[number, number]> {
  const out: Array<[number, number]> = [[0, start]];
  let t = 0;
  for (const s of stages) {
    t += parseDuration(s.duration);
    out.push([t, s.target]);
  }
  return out;
}

/** Linear interpolation of corner points at `t` (holds the last value after the end). */
export function valueAt(corners: ReadonlyArray<[number, number]>, t: number): number {
  for (let i = 1; i < corners.length; i++) {
    const [t1, v1] = corners[i];
    const [t0, v0] = corners[i - 1];
    if (t <= t1) return t1 === t0 ? v1 : v0 + ((v1 - v0) * (t - t0)) / (t1 - t0);
  }
  return corners[corners.length - 1][1];
}

/**
 * The one ramp rule for whole counts (VUs of ramping-vus, connections and users of realtime workloads),
 * k6's ramping-vus: within a stage the count moves one unit at a time toward the stage's target and
 * reaches each unit when the linear ramp does (truncated toward the stage's start value, so 0 -> 10
 * over 10 s is 4 at 4.9 s and 10 -> 0 is 6 at 4.9 s); holds the last value after the end.
 */
export function countAt(corners: ReadonlyArray<[number, number]>, t: number): number {
  for (let i = 1; i < corners.length; i++) {
    const [t1, v1] = corners[i];
    const [t0, v0] = corners[i - 1];
    if (t >= t1) continue;
    if (t1 === t0) return v1;
    const moved = Math.floor((Math.abs(v1 - v0) * (t - t0)) / (t1 - t0) + 1e-9); // epsilon: 0.1 * 30 must give 3
    return v0 + Math.sign(v1 - v0) * moved;
  }
  return corners[corners.length - 1][1];
}

/** Converts ms corners to the summary's [seconds, value] corners. */
export function toSeconds(corners: ReadonlyArray<[number, number]>, scale = 1): Array<[number, number]> {
  return corners.map(([t, v]) => [t / 1000, v * scale]);
}
