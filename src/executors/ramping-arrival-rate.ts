import type { ExecutorDefinition } from './definition.ts';
import { validateVuPool, vuPool } from './vu-pool.ts';
import type { RampingArrivalRate } from '../contracts/scenario-types.ts';
import { parseDuration } from '../contracts/duration.ts';
import { stageCorners, toSeconds, validateStages } from './stages.ts';
import { DEFAULTS } from '../config/defaults.ts';

/** The options of ramping-arrival-rate. */
export type RampingArrivalRateOptions = Pick<RampingArrivalRate, 'startRate' | 'timeUnit' | 'stages' | 'preAllocatedVUs' | 'maxVUs'>;

/** k6 `ramping-arrival-rate`: the iteration rate moves linearly through `stages` from `startRate` (open model). */
export const rampingArrivalRate: ExecutorDefinition<RampingArrivalRateOptions> = {
  name: 'ramping-arrival-rate',
  options: ['startRate', 'timeUnit', 'stages', 'preAllocatedVUs', 'maxVUs'],
  validate(w, issues, path) {
    issues.number(w.startRate, `${path}.startRate`, { min: 0 });
    issues.duration(w.timeUnit, `${path}.timeUnit`, false, true);
    validateStages(w.stages, issues, `${path}.stages`);
    validateVuPool(w, issues, path);
  },
  plan(w, gracefulStopMs) {
    const unit = parseDuration(w.timeUnit ?? DEFAULTS.timeUnit);
    const corners = stageCorners(w.startRate ?? 0, w.stages);
    const segments = [];
    for (let i = 1; i < corners.length; i++)
      segments.push({ durationMs: corners[i][0] - corners[i - 1][0], from: corners[i - 1][1] / unit, to: corners[i][1] / unit });
    return {
      model: 'open',
      plan: { segments, ...vuPool(w), gracefulStopMs },
    };
  },
  targets(w) {
    const unit = parseDuration(w.timeUnit ?? DEFAULTS.timeUnit);
    const corners = stageCorners(w.startRate ?? 0, w.stages);
    return { durationMs: corners[corners.length - 1][0], targetRate: toSeconds(corners, 1000 / unit) };
  },
};
