import type { ExecutorDefinition } from './definition.ts';
import { parseDuration } from '../config/duration.ts';
import { DEFAULTS } from '../config/defaults.ts';

/** k6 `per-vu-iterations`: each of `vus` VUs runs exactly `iterations` iterations, within `maxDuration` (default 10m). */
export const perVuIterations: ExecutorDefinition = {
  name: 'per-vu-iterations',
  options: ['vus', 'iterations', 'maxDuration'],
  validate(w, issues, path) {
    issues.number(w.vus, `${path}.vus`, { required: true, int: true, min: 1 });
    issues.number(w.iterations, `${path}.iterations`, { required: true, int: true, min: 1 });
    issues.duration(w.maxDuration, `${path}.maxDuration`);
  },
  plan(w, gracefulStopMs) {
    const vus = w.vus as number;
    return {
      model: 'closed',
      plan: { vusAt: () => vus, durationMs: parseDuration((w.maxDuration as string) ?? DEFAULTS.maxDuration), maxVUs: vus, iterationsPerVU: w.iterations as number, gracefulStopMs },
    };
  },
  targets(w) {
    const d = parseDuration((w.maxDuration as string) ?? DEFAULTS.maxDuration);
    return { durationMs: d, targetVUs: [[0, w.vus as number], [d / 1000, w.vus as number]] };
  },
};
