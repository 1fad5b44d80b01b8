import type { ExecutorDefinition } from './definition.ts';
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
    issues.number(w.preAllocatedVUs, `${path}.preAllocatedVUs`, { required: true, int: true, min: 1 });
    issues.number(w.maxVUs, `${path}.maxVUs`, { int: true, min: 1 });
    if (typeof w.maxVUs === 'number' && typeof w.preAllocatedVUs === 'number' && w.maxVUs < w.preAllocatedVUs)
      issues.add(`${path}.maxVUs`, `is below preAllocatedVUs (${w.preAllocatedVUs})`, 'set maxVUs >= preAllocatedVUs, or leave it out');
  },
  plan(w, gracefulStopMs) {
    const unit = parseDuration((w.timeUnit as string) ?? DEFAULTS.timeUnit);
    const perMs = (w.rate as number) / unit;
    return {
      model: 'open',
      plan: {
        segments: [{ durationMs: parseDuration(w.duration as string), from: perMs, to: perMs }],
        preAllocatedVUs: w.preAllocatedVUs as number,
        maxVUs: (w.maxVUs as number) ?? (w.preAllocatedVUs as number),
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
