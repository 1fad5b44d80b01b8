// Runs one HTTP workload against a base URL and returns the store and warnings (shared by the client tests).
import assert from 'node:assert/strict';
import { createServer, type Server, type RequestListener } from 'node:http';
import type { AddressInfo } from 'node:net';
import { MetricRegistry } from '../../../src/metrics/registry.ts';
import { MetricStore } from '../../../src/metrics/store.ts';
import { tagSet } from '../../../src/metrics/tagset.ts';
import { createHttpEngine, type HttpEngineSettings } from '../../../src/protocols/http/engine.ts';
import type { HttpWorkload } from '../../../src/contracts/scenario-types.ts';

/** A node:http server on 127.0.0.1 port 0 and its base URL. */
export async function startServer(handler: RequestListener): Promise<{ server: Server; url: string; close(): Promise<void> }> {
  const server = createServer(handler);
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return { server, url, close: async () => { server.closeAllConnections(); await new Promise((r) => server.close(r)); } };
}

/** Runs `w` (which must validate) to its end; `settings` over a default engine (timeout 5 s, loopback only). */
export async function runWorkload(w: HttpWorkload, baseUrl: string, settings: Partial<HttpEngineSettings> = {}): Promise<{ store: MetricStore; warnings: string[] }> {
  const store = new MetricStore(new MetricRegistry());
  const warnings: string[] = [];
  const engine = createHttpEngine({ timeoutMs: 5_000, headers: {}, isAllowedHost: (h) => h === '127.0.0.1' || h === 'localhost', ...settings });
  assert.deepEqual(engine.validate(w, 'workloads.t', 'test'), []);
  engine.plan('t', w);
  const rw = engine.start(w, { sink: store, baseUrl, scenario: 't', workload: 't', baseTags: { scenario: 't' }, tagSet, signal: new AbortController().signal, warn: (m) => warnings.push(m) });
  await rw.done;
  store.flushSecond(0);
  return { store, warnings };
}

/** Count of a counter/rate metric's samples matching `tags` (0 when none). */
export function count(store: MetricStore, metric: string, tags: Record<string, string>): number {
  const a = store.query(metric, tags);
  return a ? a.values(1).count : 0;
}
