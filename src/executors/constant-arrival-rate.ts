import type { ExecutorDefinition } from './definition.ts';
import { validateVuPool, vuPool } from './vu-pool.ts';
import { DEFAULTS } from '../config/defaults.ts';
import { parseDuration } from '../contracts/duration.ts';
import type { ConstantArrivalRate } from '../contracts/scenario-types.ts';

/** The options of constant-arrival-rate. */
export type ConstantArrivalRateOptions = Pick<ConstantArrivalRate, 'rate' | 'timeUnit' | 'duration' | 'preAllocatedVUs' | 'maxVUs'>;

/** k6 `constant-arrival-rate`: `rate` iterations per `timeUnit` for `duration` (open model). */
export const constantArrivalRate: ExecutorDefinition<ConstantArrivalRateOptions> = {
  name: 'constant-arrival-rate',
  options: ['rate', 'timeUnit', 'duration', 'preAllocatedVUs', 'maxVUs'],
  validate(w, issues, path) {
    issues.number(w.rate, `${path}.rate`, { required: true, above: 0 });
    issues.duration(w.timeUnit, `${path}.timeUnit`, false, true);
    issues.duration(w.duration, `${path}.duration`, true, true);
    validateVuPool(w, issues, path);
  },
  plan(w, gracefulStopMs) {
    const unit = parseDuration(w.timeUnit ?? DEFAULTS.timeUnit);
    const perMs = w.rate / unit;
    return {
      model: 'open',
      plan: {
        segments: [{ durationMs: parseDuration(w.duration), from: perMs, to: perMs }],
        ...vuPool(w),
        gracefulStopMs,
      },
    };
  },
  targets(w) {
    const d = parseDuration(w.duration);
    const perS = (w.rate * 1000) / parseDuration(w.timeUnit ?? DEFAULTS.timeUnit);
    return { durationMs: d, targetRate: [[0, perS], [d / 1000, perS]] };
  },
};
