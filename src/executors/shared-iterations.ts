import type { ExecutorDefinition } from './definition.ts';
import { DEFAULTS } from '../config/defaults.ts';
import { parseDuration } from '../contracts/duration.ts';
import type { SharedIterations } from '../contracts/scenario-types.ts';

/** The options of shared-iterations. */
export type SharedIterationsOptions = Pick<SharedIterations, 'vus' | 'iterations' | 'maxDuration'>;

/**
 * k6 `shared-iterations`: `vus` VUs (default 1) share `iterations` (default 1) iterations; each VU takes the
 * next one as soon as it is free, until all are taken or `maxDuration` (default 10m) ends. As k6, fewer
 * iterations than VUs is refused (a VU would have nothing to do).
 */
export const sharedIterations: ExecutorDefinition<SharedIterationsOptions> = {
  name: 'shared-iterations',
  options: ['vus', 'iterations', 'maxDuration'],
  validate(w, issues, path) {
    const okVUs = issues.number(w.vus, `${path}.vus`, { int: true, min: 1 });
    const okIterations = issues.number(w.iterations, `${path}.iterations`, { int: true, min: 1 });
    issues.duration(w.maxDuration, `${path}.maxDuration`, false, true);
    const vus = (w.vus as number | undefined) ?? DEFAULTS.vus;
    const iterations = (w.iterations as number | undefined) ?? DEFAULTS.iterations;
    if (okVUs && okIterations && iterations < vus)
      issues.add(`${path}.iterations`, `(${iterations}) is below vus (${vus}), as k6 refuses`, `set iterations >= ${vus}, or lower vus`);
  },
  plan(w, gracefulStopMs) {
    const vus = w.vus ?? DEFAULTS.vus;
    return {
      model: 'closed',
      plan: { vusAt: () => vus, durationMs: parseDuration(w.maxDuration ?? DEFAULTS.maxDuration), maxVUs: vus, sharedIterations: w.iterations ?? DEFAULTS.iterations, gracefulStopMs },
    };
  },
  targets(w) {
    const d = parseDuration(w.maxDuration ?? DEFAULTS.maxDuration);
    const vus = w.vus ?? DEFAULTS.vus;
    return { durationMs: d, targetVUs: [[0, vus], [d / 1000, vus]] };
  },
};
