// Workloads whose every iteration threw: whatever the criteria say, such a workload did not run its scenario.
import type { BrokenWorkload } from '../contracts/summary-types.ts';

/** Counter total of `metric` for the samples tagged `scenario: workload` (0 when none). */
export type WorkloadCount = (metric: string, workload: string) => number;

/**
 * The workloads among `names` that ran at least one iteration and whose every iteration threw
 * (iteration_errors >= iterations). Each is a failure of the run, decided by decideVerdict.
 */
export function brokenWorkloads(names: readonly string[], count: WorkloadCount): BrokenWorkload[] {
  const out: BrokenWorkload[] = [];
  for (const workload of names) {
    const iterations = count('iterations', workload);
    const errors = count('iteration_errors', workload);
    if (iterations > 0 && errors >= iterations) out.push({ workload, iterations, errors });
  }
  return out;
}
