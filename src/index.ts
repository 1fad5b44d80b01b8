// The public API of the loadcert package: `import { defineScenario } from 'loadcert'`.
export { defineScenario } from './contracts/scenario-types.ts';
export type * from './contracts/scenario-types.ts';
export type { VuContext, HttpClient, HttpResponse, RequestParams } from './contracts/vu-context.ts';
export type { ThresholdMap, ThresholdSpec } from './contracts/threshold-types.ts';
export type { RunSummary, ThresholdResult } from './contracts/summary-types.ts';
export { runScenario, type RunOutcome } from './run/run-scenario.ts';
export type { RunOptions } from './run/prepare.ts';
export { createDemoTarget } from './target/server.ts';
export { ExitCode, LoadcertError, ConfigError } from './contracts/errors.ts';
