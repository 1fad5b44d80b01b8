// The VU pool of the open-model executors (constant- and ramping-arrival-rate): preAllocatedVUs, maxVUs.
import type { IssueList } from '../config/checks.ts';

/** Checks preAllocatedVUs (required, >= 1) and maxVUs (optional, >= preAllocatedVUs) of an arrival-rate workload. */
export function validateVuPool(w: Record<string, unknown>, issues: IssueList, path: string): void {
  issues.number(w.preAllocatedVUs, `${path}.preAllocatedVUs`, { required: true, int: true, min: 1 });
  issues.number(w.maxVUs, `${path}.maxVUs`, { int: true, min: 1 });
  if (typeof w.maxVUs === 'number' && typeof w.preAllocatedVUs === 'number' && w.maxVUs < w.preAllocatedVUs)
    issues.add(`${path}.maxVUs`, `is below preAllocatedVUs (${w.preAllocatedVUs})`, 'set maxVUs >= preAllocatedVUs, or leave it out');
}

/** The pool of a valid workload: maxVUs defaults to preAllocatedVUs (k6). */
export function vuPool(w: { preAllocatedVUs: number; maxVUs?: number }): { preAllocatedVUs: number; maxVUs: number } {
  return { preAllocatedVUs: w.preAllocatedVUs, maxVUs: w.maxVUs ?? w.preAllocatedVUs };
}
