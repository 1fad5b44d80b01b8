import type { ExecutorDefinition } from './definition.ts';
import { DEFAULTS } from '../config/defaults.ts';
import { parseDuration } from '../contracts/duration.ts';
import type { ConstantVUs } from '../contracts/scenario-types.ts';

/** The options of constant-vus. */
export type ConstantVUsOptions = Pick<ConstantVUs, 'vus' | 'duration'>;

/** k6 `constant-vus`: `vus` VUs (default 1) loop iterations back to back for `duration` (closed model). */
export const constantVUs: ExecutorDefinition<ConstantVUsOptions> = {
  name: 'constant-vus',
  options: ['vus', 'duration'],
  validate(w, issues, path) {
    issues.number(w.vus, `${path}.vus`, { int: true, min: 1 });
    issues.duration(w.duration, `${path}.duration`, true, true);
  },
  plan(w, gracefulStopMs) {
    const vus = w.vus ?? DEFAULTS.vus;
    return { model: 'closed', plan: { vusAt: () => vus, durationMs: parseDuration(w.duration), maxVUs: vus, gracefulStopMs } };
  },
  targets(w) {
    const d = parseDuration(w.duration);
    const vus = w.vus ?? DEFAULTS.vus;
    return { durationMs: d, targetVUs: [[0, vus], [d / 1000, vus]] };
  },
};
