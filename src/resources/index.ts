// Public API of the resource samplers for the runner: build them from scenario options, start and stop them safely.
import type { ResourceOptions, Sampler, SamplerContext } from '../contracts/sampler.ts';
import { intervalMs } from './interval.ts';
import { GeneratorSampler } from './generator-sampler.ts';
import { DEFAULT_DISKS, HostSampler } from './host-sampler.ts';
import { ProcessSampler, type ProcessTarget } from './process-sampler.ts';
import { DockerSampler } from './docker-sampler.ts';
import { PostgresProbe } from './postgres-probe.ts';
import { RedisProbe } from './redis-probe.ts';

export { RESOURCE_METRICS, CONTAINER_METRICS, PROCESS_METRICS, HOST_METRICS, GENERATOR_METRICS, POSTGRES_METRICS, REDIS_METRICS } from './metrics.ts';
export { validateResourceOptions } from './validate.ts';
export type { ResourceOptions, Sampler, SamplerContext } from '../contracts/sampler.ts';

/** Process tag of the embedded demo target when it is sampled by PID. */
export const DEMO_TARGET_PROCESS = 'demo-target';

/**
 * The samplers a run needs: always the generator; the host (unless `host: false`, disks default to '/');
 * a process sampler for `processes` plus the demo target's PID; Docker when `docker` is set; the PostgreSQL
 * and Redis probes when `postgres` / `redis` are set.
 * Options must have passed validateResourceOptions.
 */
export function createSamplers(opts: ResourceOptions | undefined, extra: { demoTargetPid?: number } = {}): Sampler[] {
  const ms = intervalMs(opts?.interval);
  const samplers: Sampler[] = [new GeneratorSampler(ms)];
  if (opts?.host !== false) {
    const disks = typeof opts?.host === 'object' && opts.host.disks?.length ? opts.host.disks : DEFAULT_DISKS;
    samplers.push(new HostSampler(disks, ms));
  }
  const targets: ProcessTarget[] = [...(opts?.processes ?? [])];
  if (extra.demoTargetPid !== undefined) targets.push({ pid: extra.demoTargetPid, name: DEMO_TARGET_PROCESS });
  if (targets.length) samplers.push(new ProcessSampler(targets, ms));
  if (opts?.docker) samplers.push(new DockerSampler({ ...opts.docker, intervalMs: ms }));
  if (opts?.postgres) samplers.push(new PostgresProbe(opts.postgres.connectionString, ms));
  if (opts?.redis) samplers.push(new RedisProbe(opts.redis.url, ms));
  return samplers;
}

/**
 * Starts every sampler in parallel; one that throws is a measurement failure (`ctx.fail`, else `ctx.warn`)
 * and left out. Resolves to a function that stops them all (never rejects, safe to call twice); a sampler
 * that does not stop cleanly is a warning.
 */
export async function startSamplers(samplers: readonly Sampler[], ctx: SamplerContext): Promise<() => Promise<void>> {
  await Promise.all(
    samplers.map(async (s) => {
      try {
        await s.start(ctx);
      } catch (err) {
        const cause = `${s.name} sampler failed to start: ${(err as Error).message}`;
        if (ctx.fail) ctx.fail({ source: s.name, kind: 'sampler', cause });
        else ctx.warn(cause);
      }
    }),
  );
  let stopping: Promise<void> | undefined;
  // every sampler is stopped, a failed one too (it may have started timers before it threw)
  return () => (stopping ??= Promise.all(samplers.map((s) => s.stop().catch((err: Error) => ctx.warn(`${s.name} sampler did not stop cleanly: ${err.message}`)))).then(() => {}));
}
