// The HTTP engine's plan() is pure, and start() sizes the shared connection pool from the run's
// workloads it is given (ctx.peers), not from how often plan() was called before.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { MetricRegistry } from '../../../src/metrics/registry.ts';
import { MetricStore } from '../../../src/metrics/store.ts';
import { tagSet } from '../../../src/metrics/tagset.ts';
import { createHttpEngine } from '../../../src/protocols/http/engine.ts';
import type { HttpWorkload } from '../../../src/contracts/scenario-types.ts';

test('http engine: plan() remembers nothing; the pool is sized for every peer workload, so a later, larger one is not squeezed', async () => {
  let inFlight = 0, maxInFlight = 0;
  const server = createServer((_req, res) => {
    maxInFlight = Math.max(maxInFlight, ++inFlight);
    setTimeout(() => { inFlight--; res.end('ok'); }, 100);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  try {
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const engine = createHttpEngine({ timeoutMs: 5000, headers: {}, isAllowedHost: () => true });
    const small: HttpWorkload = { executor: 'per-vu-iterations', vus: 1, iterations: 1, steps: [{ path: '/' }] };
    const large: HttpWorkload = { executor: 'per-vu-iterations', vus: 4, iterations: 2, steps: [{ path: '/' }] };
    const first = engine.plan('large', large);
    for (let i = 0; i < 3; i++) assert.deepEqual(engine.plan('large', large), first, 'the same plan however often it is asked');
    const store = new MetricStore(new MetricRegistry());
    const ac = new AbortController();
    const ctx = (workload: string) => ({ sink: store, baseUrl: url, scenario: 't', workload, baseTags: { scenario: workload }, tagSet, signal: ac.signal, warn: () => {}, peers: [small, large] });
    // the small workload starts first and creates the shared pool: 1 + 4 connections, so the large one's 4 VUs run side by side
    const a = engine.start(small, ctx('small'));
    const b = engine.start(large, ctx('large'));
    await Promise.all([a.done, b.done]);
    store.flushSecond(0);
    assert.equal(store.query('http_reqs')!.values(1).count, 9);
    assert.ok(maxInFlight >= 4, `the large workload's 4 VUs had ${maxInFlight} request(s) in flight at most: the pool was sized for the first workload alone`);
  } finally {
    server.closeAllConnections();
    await new Promise<void>((r) => server.close(() => r()));
  }
});
