// Which metric sources a scenario declares: the one input of the applicability rule.
import type { ScenarioDefinition } from '../contracts/scenario-types.ts';
import type { MetricDef } from '../contracts/metric-types.ts';

/** The source of a metric definition ('workload' when the definition names none). */
export function sourceOf(def: Pick<MetricDef, 'source'> | undefined): string {
  return def?.source ?? 'workload';
}

/**
 * Sources the scenario declares, sorted: 'workload' and 'generator' always; each workload's protocol
 * ('http' when absent); 'open-model' for an arrival-rate workload; 'health' (the availability poller
 * always runs); 'host' unless `resources.host` is false; 'process' for `resources.processes` or a demo
 * target PID; 'docker' for `resources.docker`; 'postgres' and 'redis' for the probes `resources.postgres` and `resources.redis`;
 * 'capacity' only for the summary of a capacity search.
 */
export function declaredSources(scenario: Pick<ScenarioDefinition, 'workloads' | 'resources'>, extra: { demoTargetPid?: number; capacity?: boolean } = {}): string[] {
  const out = new Set<string>(['workload', 'generator', 'health']);
  if (extra.capacity) out.add('capacity');
  for (const w of Object.values(scenario.workloads ?? {})) {
    const x = w as { protocol?: string; executor?: string };
    out.add(x.protocol ?? 'http');
    if (typeof x.executor === 'string' && x.executor.endsWith('arrival-rate')) out.add('open-model');
  }
  const r = scenario.resources;
  if (r?.host !== false) out.add('host');
  if ((r?.processes?.length ?? 0) > 0 || extra.demoTargetPid !== undefined) out.add('process');
  if (r?.docker) out.add('docker');
  if (r?.postgres) out.add('postgres');
  if (r?.redis) out.add('redis');
  return [...out].sort();
}

/** What a source is, in words, for "not applicable" reasons. */
export function describeSource(source: string): string {
  switch (source) {
    case 'http': return 'an HTTP workload';
    case 'websocket': return 'a WebSocket workload';
    case 'signalr': return 'a SignalR workload';
    case 'open-model': return 'an arrival-rate (open model) workload';
    case 'capacity': return 'a capacity search (loadcert capacity)';
    case 'health': return 'health polling';
    case 'docker': return 'resources.docker';
    case 'process': return 'resources.processes';
    case 'postgres': return 'the PostgreSQL probe (resources.postgres)';
    case 'redis': return 'the Redis probe (resources.redis)';
    case 'host': return 'the host sampler (resources.host is false)';
    default: return `the ${source} source`;
  }
}
