import type { ExecutorDefinition } from './definition.ts';
import { DEFAULTS } from '../config/defaults.ts';
import { parseDuration } from '../contracts/duration.ts';
import type { PerVuIterations } from '../contracts/scenario-types.ts';

/** The options of per-vu-iterations. */
export type PerVuIterationsOptions = Pick<PerVuIterations, 'vus' | 'iterations' | 'maxDuration'>;

/** k6 `per-vu-iterations`: each of `vus` VUs (default 1) runs exactly `iterations` (default 1) iterations, within `maxDuration` (default 10m, > 0). */
export const perVuIterations: ExecutorDefinition<PerVuIterationsOptions> = {
  name: 'per-vu-iterations',
  options: ['vus', 'iterations', 'maxDuration'],
  validate(w, issues, path) {
    issues.number(w.vus, `${path}.vus`, { int: true, min: 1 });
    issues.number(w.iterations, `${path}.iterations`, { int: true, min: 1 });
    issues.duration(w.maxDuration, `${path}.maxDuration`, false, true);
  },
  plan(w, gracefulStopMs) {
    const vus = w.vus ?? DEFAULTS.vus;
    return {
      model: 'closed',
      plan: { vusAt: () => vus, durationMs: parseDuration(w.maxDuration ?? DEFAULTS.maxDuration), maxVUs: vus, iterationsPerVU: w.iterations ?? DEFAULTS.iterations, gracefulStopMs },
    };
  },
  targets(w) {
    const d = parseDuration(w.maxDuration ?? DEFAULTS.maxDuration);
    const vus = w.vus ?? DEFAULTS.vus;
    return { durationMs: d, targetVUs: [[0, vus], [d / 1000, vus]] };
  },
};
