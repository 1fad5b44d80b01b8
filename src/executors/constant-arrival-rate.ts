import type { ExecutorDefinition } from './definition.ts';
import { parseDuration } from '../contracts/duration.ts';
import type { ConstantArrivalRate } from '../contracts/scenario-types.ts';

/** The options of constant-arrival-rate. */
export type ConstantArrivalRateOptions = Pick<ConstantArrivalRate, 'rate' | 'timeUnit' | 'duration' | 'preAllocatedVUs' | 'maxVUs'>;

/** k6 `constant-arrival-rate`: `rate` iterations per `timeUnit` for `duration` (open model). */
export const constantArrivalRate: ExecutorDefinition<ConstantArrivalRateOptions> = {
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
    const unit = parseDuration(w.timeUnit ?? '1s');
    const perMs = w.rate / unit;
    return {
      model: 'open',
      plan: {
        segments: [{ durationMs: parseDuration(w.duration), from: perMs, to: perMs }],
        preAllocatedVUs: w.preAllocatedVUs,
        maxVUs: w.maxVUs ?? w.preAllocatedVUs,
        gracefulStopMs,
      },
    };
  },
  targets(w) {
    const d = parseDuration(w.duration);
    const perS = (w.rate * 1000) / parseDuration(w.timeUnit ?? '1s');
    return { durationMs: d, targetRate: [[0, perS], [d / 1000, perS]] };
  },
};
