import type { ExecutorDefinition } from './definition.ts';
import type { RampingVUs } from '../contracts/scenario-types.ts';
import { countAt, stageCorners, toSeconds, validateStages } from './stages.ts';

/** The options of ramping-vus. */
export type RampingVUsOptions = Pick<RampingVUs, 'startVUs' | 'stages'>;

/**
 * k6 `ramping-vus`: the number of looping VUs moves linearly through `stages` from `startVUs` (closed
 * model). A VU above the target finishes its iteration and parks (k6's gracefulRampDown is not offered:
 * iterations are never cut on ramp-down).
 */
export const rampingVUs: ExecutorDefinition<RampingVUsOptions> = {
  name: 'ramping-vus',
  options: ['startVUs', 'stages'],
  validate(w, issues, path) {
    issues.number(w.startVUs, `${path}.startVUs`, { int: true, min: 0 });
    validateStages(w.stages, issues, `${path}.stages`);
    const targets = Array.isArray(w.stages) ? w.stages.map((s: unknown) => (s as { target?: unknown } | null)?.target) : [];
    const counts = [w.startVUs ?? 1, ...targets].filter((v): v is number => typeof v === 'number');
    if (counts.length === targets.length + 1 && Math.max(...counts) <= 0)
      issues.add(`${path}.stages`, 'never has a VU: startVUs and every stage target are 0 (k6 refuses this too)', 'give startVUs or a stage a target above 0');
  },
  plan(w, gracefulStopMs) {
    const corners = stageCorners(w.startVUs ?? 1, w.stages);
    const maxVUs = Math.max(...corners.map((c) => c[1]));
    return { model: 'closed', plan: { vusAt: (t) => countAt(corners, t), durationMs: corners[corners.length - 1][0], maxVUs, gracefulStopMs } };
  },
  targets(w) {
    const corners = stageCorners(w.startVUs ?? 1, w.stages);
    return { durationMs: corners[corners.length - 1][0], targetVUs: toSeconds(corners) };
  },
};
