// The public API of the loadcert package: `import { defineScenario } from 'loadcert'`.
export { defineScenario } from './config/scenario-types.ts';
export type * from './config/scenario-types.ts';
export type { VuContext, HttpClient, HttpResponse, RequestParams } from './protocols/http-types.ts';
export type { ThresholdMap, ThresholdSpec } from './thresholds/types.ts';
export type { RunSummary, ThresholdResult } from './results/summary-types.ts';
export { runScenario, type RunOutcome } from './run/run-scenario.ts';
export type { RunOptions } from './run/prepare.ts';
export { createDemoTarget } from './target/server.ts';
export { ExitCode, LoadcertError, ConfigError } from './errors.ts';
