import type { ExecutorDefinition } from './definition.ts';
import { validateVuPool, vuPool } from './vu-pool.ts';
import { parseDuration } from '../config/duration.ts';
import { DEFAULTS } from '../config/defaults.ts';

/** k6 `constant-arrival-rate`: `rate` iterations per `timeUnit` for `duration` (open model). */
export const constantArrivalRate: ExecutorDefinition = {
  name: 'constant-arrival-rate',
  options: ['rate', 'timeUnit', 'duration', 'preAllocatedVUs', 'maxVUs'],
  validate(w, issues, path) {
    issues.number(w.rate, `${path}.rate`, { required: true, min: 0 });
    issues.duration(w.timeUnit, `${path}.timeUnit`);
    issues.duration(w.duration, `${path}.duration`, true);
    validateVuPool(w, issues, path);
  },
  plan(w, gracefulStopMs) {
    const unit = parseDuration((w.timeUnit as string) ?? DEFAULTS.timeUnit);
    const perMs = (w.rate as number) / unit;
    return {
      model: 'open',
      plan: {
        segments: [{ durationMs: parseDuration(w.duration as string), from: perMs, to: perMs }],
        ...vuPool(w),
        gracefulStopMs,
      },
    };
  },
  targets(w) {
    const d = parseDuration(w.duration as string);
    const perS = ((w.rate as number) * 1000) / parseDuration((w.timeUnit as string) ?? DEFAULTS.timeUnit);
    return { durationMs: d, targetRate: [[0, perS], [d / 1000, perS]] };
  },
};
