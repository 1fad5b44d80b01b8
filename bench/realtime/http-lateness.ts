// Hook for benchmark (3): the HTTP open-model schedule's send lateness p99 in this process.
// It drives loadcert's HTTP engine (constant-arrival-rate) and reads http_req_blocked, the lateness of
// each request's actual send after its intended start. Returns null when the HTTP engine is not usable.
import { MetricRegistry } from '../../src/metrics/registry.ts';
import { MetricStore } from '../../src/metrics/store.ts';
import { tagSet } from '../../src/metrics/tagset.ts';

/** Send lateness of an open-model HTTP schedule: p50/p99 in ms and requests sent. */
export interface LatenessResult {
  p50: number;
  p99: number;
  requests: number;
}

/** Runs `rate` req/s of GET `path` for `seconds` against `baseUrl` through the HTTP engine; null when unavailable. */
export async function measureHttpLateness(baseUrl: string, rate: number, seconds: number, path = '/health'): Promise<LatenessResult | null> {
  try {
    const { createHttpEngine } = await import('../../src/protocols/http/engine.ts');
    const engine = createHttpEngine({ timeoutMs: 10_000, headers: {}, isAllowedHost: () => true });
    const store = new MetricStore(new MetricRegistry(engine.metrics));
    const run = engine.start(
      { executor: 'constant-arrival-rate', rate, timeUnit: '1s', duration: `${seconds}s`, preAllocatedVUs: 50, maxVUs: 200, steps: [{ name: 'probe', path }] },
      { sink: store, baseUrl, scenario: 'bench', workload: 'http', baseTags: { scenario: 'http' }, tagSet, signal: new AbortController().signal, warn: () => undefined },
    );
    await Promise.race([run.done, new Promise((r) => setTimeout(r, (seconds + 15) * 1000))]);
    const blocked = store.query('http_req_blocked')?.values(1);
    if (!blocked) return null;
    return { p50: blocked.med, p99: blocked['p(99)'], requests: store.query('http_reqs')?.values(1).count ?? 0 };
  } catch (err) {
    process.stderr.write(`http lateness hook not usable: ${(err as Error).message}\n`);
    return null;
  }
}
