import type { ExecutorDefinition } from './definition.ts';
import { DEFAULTS } from '../config/defaults.ts';
import { parseDuration } from '../contracts/duration.ts';
import type { PerVuIterations } from '../contracts/scenario-types.ts';

/** The options of per-vu-iterations. */
export type PerVuIterationsOptions = Pick<PerVuIterations, 'vus' | 'iterations' | 'maxDuration'>;

/** k6 `per-vu-iterations`: each of `vus` VUs runs exactly `iterations` iterations, within `maxDuration` (default 10m). */
export const perVuIterations: ExecutorDefinition<PerVuIterationsOptions> = {
  name: 'per-vu-iterations',
  options: ['vus', 'iterations', 'maxDuration'],
  validate(w, issues, path) {
    issues.number(w.vus, `${path}.vus`, { required: true, int: true, min: 1 });
    issues.number(w.iterations, `${path}.iterations`, { required: true, int: true, min: 1 });
    issues.duration(w.maxDuration, `${path}.maxDuration`);
  },
  plan(w, gracefulStopMs) {
    const vus = w.vus;
    return {
      model: 'closed',
      plan: { vusAt: () => vus, durationMs: parseDuration(w.maxDuration ?? DEFAULTS.maxDuration), maxVUs: vus, iterationsPerVU: w.iterations, gracefulStopMs },
    };
  },
  targets(w) {
    const d = parseDuration(w.maxDuration ?? DEFAULTS.maxDuration);
    return { durationMs: d, targetVUs: [[0, w.vus], [d / 1000, w.vus]] };
  },
};
