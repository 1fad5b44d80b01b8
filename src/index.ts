// The public API of the loadcert package: `import { defineScenario } from 'loadcert'`.
export { defineScenario } from './contracts/scenario-types.ts';
export type * from './contracts/scenario-types.ts';
export type { VuContext, HttpClient, HttpResponse, RequestParams } from './contracts/vu-context.ts';
export type { ThresholdMap, ThresholdSpec } from './contracts/threshold-types.ts';
export type { RunSummary, ThresholdResult } from './contracts/summary-types.ts';
export type { FaultDefinition, FaultRequest, FaultExecContext, FaultPhase, FaultRecord, FaultResult, ResilienceSummary } from './contracts/fault-types.ts';
import { runScenario as runWith, type RunOutcome } from './run/run-scenario.ts';
import type { RunOptions } from './run/prepare.ts';
import { workloadsFor } from './workers/worker-set.ts';
export type { RunOutcome, RunOptions };

/** Runs a scenario end to end, as `loadcert run` does (`workers: N` runs it in N segment workers). */
export function runScenario(opts: RunOptions): Promise<RunOutcome> {
  return runWith(opts, workloadsFor);
}
export { createDemoTarget } from './target/server.ts';
export { ExitCode, LoadcertError, ConfigError } from './contracts/errors.ts';
