import type { ConfigIssue } from '../contracts/errors.ts';
import type { ScenarioDefinition } from '../contracts/scenario-types.ts';
import type { MetricDef } from '../contracts/metric-types.ts';
import type { ResourceOptions, SamplerContext } from '../contracts/sampler.ts';
import { createSamplers, RESOURCE_METRICS, startSamplers, validateResourceOptions } from '../resources/index.ts';

/** Metrics every sampler may emit (registered so thresholds on them validate). */
export function resourceMetrics(): readonly MetricDef[] {
  return RESOURCE_METRICS;
}

/** Problems of the scenario's `resources` section. */
export function validateResources(s: ScenarioDefinition, file: string): ConfigIssue[] {
  return s.resources === undefined ? [] : validateResourceOptions(s.resources, file).map((i) => ({ ...i, path: i.path.startsWith('resources') ? i.path : `resources${i.path ? `.${i.path}` : ''}` }));
}

/** Starts the samplers of a run (see startSamplers: one that fails to start is a measurement failure; the run goes on). */
export async function startResources(opts: ResourceOptions | undefined, ctx: SamplerContext, demoTargetPid?: number): Promise<{ stop(): Promise<void> }> {
  const stop = await startSamplers(createSamplers(opts, { demoTargetPid }), ctx);
  return { stop };
}
