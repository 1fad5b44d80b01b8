import type { ConfigIssue } from '../errors.ts';
import type { ScenarioDefinition } from '../config/scenario-types.ts';
import type { MetricDef } from '../metrics/types.ts';
import type { ResourceOptions, SamplerContext } from '../resources/types.ts';
import { createSamplers, RESOURCE_METRICS, validateResourceOptions } from '../resources/index.ts';

/** Metrics every sampler may emit (registered so thresholds on them validate). */
export function resourceMetrics(): readonly MetricDef[] {
  return RESOURCE_METRICS;
}

/** Problems of the scenario's `resources` section. */
export function validateResources(s: ScenarioDefinition, file: string): ConfigIssue[] {
  return s.resources === undefined ? [] : validateResourceOptions(s.resources, file).map((i) => ({ ...i, path: i.path.startsWith('resources') ? i.path : `resources${i.path ? `.${i.path}` : ''}` }));
}

/** Starts the samplers of a run; a sampler that fails to start is a measurement failure (the run goes on, it cannot be CERTIFIED). */
export async function startResources(opts: ResourceOptions | undefined, ctx: SamplerContext, demoTargetPid?: number): Promise<{ stop(): Promise<void> }> {
  const samplers = createSamplers(opts, { demoTargetPid });
  const started: typeof samplers = [];
  for (const s of samplers) {
    try {
      await s.start(ctx);
      started.push(s);
    } catch (err) {
      const cause = `sampler ${s.name} could not start: ${(err as Error).message}`;
      if (ctx.fail) ctx.fail({ source: s.name, kind: 'sampler', cause });
      else ctx.warn(cause);
    }
  }
  return {
    async stop() {
      await Promise.all(started.map((s) => s.stop().catch((err: Error) => ctx.warn(`sampler ${s.name} did not stop cleanly: ${err.message}`))));
    },
  };
}
