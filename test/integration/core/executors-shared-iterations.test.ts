// shared-iterations against a real server: the total is exact, a free VU takes the next iteration, and
// segments split VUs and iterations as k6 does (SharedIterationsConfig: 22 over 12 VUs in thirds = 8, 7, 7).
import { test, after, before } from 'node:test';
import assert from 'node:assert/strict';
import { createDemoTarget } from '../../../src/target/server.ts';
import { MetricRegistry } from '../../../src/metrics/registry.ts';
import { MetricStore } from '../../../src/metrics/store.ts';
import { tagSet } from '../../../src/metrics/tagset.ts';
import { createHttpEngine } from '../../../src/protocols/http/engine.ts';
import { allSegments, parseSegmentPlan, type SegmentPlan } from '../../../src/plan/index.ts';
import type { HttpWorkload } from '../../../src/contracts/scenario-types.ts';

type Target = Awaited<ReturnType<typeof createDemoTarget>>;
let target: Target;
before(async () => { target = await createDemoTarget({ port: 0, latency: { get: { dist: 'fixed', ms: 1 } } }); });
after(async () => { await target.close(); });

async function run(w: HttpWorkload, segment?: SegmentPlan) {
  const store = new MetricStore(new MetricRegistry());
  const engine = createHttpEngine({ timeoutMs: 5000, headers: {}, isAllowedHost: () => true });
  assert.deepEqual(engine.validate(w, 'workloads.t', 'test'), []);
  const ac = new AbortController();
  const rw = engine.start(w, { sink: store, baseUrl: target.url, scenario: 't', workload: 't', baseTags: { scenario: 't' }, tagSet, signal: ac.signal, warn: () => {}, segment });
  await rw.done;
  store.flushSecond(0);
  return store;
}

const count = (store: MetricStore, metric: string): number => store.query(metric)?.values(1).count ?? 0;

test('shared-iterations runs exactly the total, and a free VU takes the next iteration', { timeout: 20_000 }, async () => {
  const byVU = new Map<number, number>();
  const store = await run({
    executor: 'shared-iterations', vus: 3, iterations: 30, maxDuration: '15s',
    exec: async ({ http, vu, sleep }) => {
      byVU.set(vu.id, (byVU.get(vu.id) ?? 0) + 1);
      await http.get('/api/documents/1');
      if (vu.id === 1) await sleep(0.3); // VU 1 is slow: the others take what it cannot
    },
  });
  assert.equal(count(store, 'iterations'), 30);
  assert.equal(count(store, 'http_reqs'), 30);
  const total = [...byVU.values()].reduce((a, b) => a + b, 0);
  assert.equal(total, 30);
  // VU 1 sleeps 300 ms per iteration while the two others need a few ms: it cannot take a third of them
  assert.ok((byVU.get(1) ?? 0) < 10, `the slow VU took ${byVU.get(1)} of 30 (per VU: ${JSON.stringify([...byVU])})`);
});

test('shared-iterations defaults to 1 VU and 1 iteration, as k6', { timeout: 20_000 }, async () => {
  const store = await run({ executor: 'shared-iterations', steps: [{ path: '/health' }] });
  assert.equal(count(store, 'iterations'), 1);
});

test('segments split shared iterations as k6: 22 over 12 VUs in thirds run 8, 7 and 7', { timeout: 20_000 }, async () => {
  const w: HttpWorkload = { executor: 'shared-iterations', vus: 12, iterations: 22, maxDuration: '15s', steps: [{ path: '/health' }] };
  const got: number[] = [];
  for (const seg of allSegments('0,1/3,2/3,1')) got.push(count(await run(w, seg), 'iterations'));
  assert.deepEqual(got, [8, 7, 7]);
});

test('segments with fewer VUs than segments still run every iteration once: the VU-less segment owns none', { timeout: 20_000 }, async () => {
  // 2 VUs over 3 segments: one segment gets no VU; cutting 9 iterations by the segments alone would give it 3 that nobody runs
  const w: HttpWorkload = { executor: 'shared-iterations', vus: 2, iterations: 9, maxDuration: '15s', steps: [{ path: '/health' }] };
  const got: number[] = [];
  for (const seg of allSegments('0,1/3,2/3,1')) got.push(count(await run(w, seg), 'iterations'));
  assert.equal(got.reduce((a, b) => a + b, 0), 9, `per segment: ${got}`);
  assert.equal(got.filter((n) => n === 0).length, 1, `per segment: ${got}`);
});

test('a segment with no VU of a shared-iterations workload has no iteration and ends at once', { timeout: 20_000 }, async () => {
  const seq = Array.from({ length: 14 }, (_, i) => (i === 0 ? '0' : i === 13 ? '1' : `${i}/13`)).join(',');
  const w: HttpWorkload = { executor: 'shared-iterations', vus: 12, iterations: 22, maxDuration: '15s', steps: [{ path: '/health' }] };
  const store = await run(w, parseSegmentPlan('12/13:1', seq));
  assert.equal(count(store, 'iterations'), 0);
});
