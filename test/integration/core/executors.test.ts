import { test, after, before } from 'node:test';
import assert from 'node:assert/strict';
import { createDemoTarget } from '../../../src/target/server.ts';
import { MetricRegistry } from '../../../src/metrics/registry.ts';
import { MetricStore } from '../../../src/metrics/store.ts';
import { tagSet } from '../../../src/metrics/tagset.ts';
import { createHttpEngine } from '../../../src/protocols/http/engine.ts';
import type { HttpWorkload } from '../../../src/contracts/scenario-types.ts';

type Target = Awaited<ReturnType<typeof createDemoTarget>>;
let target: Target;
before(async () => { target = await createDemoTarget({ port: 0, latency: { list: { dist: 'fixed', ms: 100 }, get: { dist: 'fixed', ms: 1 } } }); });
after(async () => { await target.close(); });

async function run(w: HttpWorkload) {
  const store = new MetricStore(new MetricRegistry());
  const engine = createHttpEngine({ timeoutMs: 5000, headers: {}, isAllowedHost: () => true });
  assert.deepEqual(engine.validate(w, 'workloads.t', 'test'), []);
  const ac = new AbortController();
  const rw = engine.start(w, { sink: store, baseUrl: target.url, scenario: 't', workload: 't', baseTags: { scenario: 't' }, tagSet, signal: ac.signal, warn: () => {} });
  await rw.done;
  store.flushSecond(0);
  return store;
}

test('when no VU is free the open model drops the iteration and counts it', async () => {
  // 50/s against a 100 ms route needs about 5 VUs; 2 cannot keep up.
  const store = await run({ executor: 'constant-arrival-rate', rate: 50, duration: '2s', preAllocatedVUs: 1, maxVUs: 2, steps: [{ name: 'list', path: '/api/documents' }] });
  const dropped = store.query('dropped_iterations')!.values(1).count;
  const sent = store.query('http_reqs')!.values(1).count;
  assert.ok(dropped > 40, `dropped ${dropped}`);
  assert.ok(Math.abs(dropped + sent - 100) <= 2, `every scheduled iteration is either sent (${sent}) or dropped (${dropped})`);
});

test('per-vu-iterations runs exactly vus x iterations, steps in order with tags per step', async () => {
  const store = await run({ executor: 'per-vu-iterations', vus: 3, iterations: 2, steps: [{ name: 'one', path: '/health' }, { name: 'two', path: '/api/documents/1' }] });
  assert.equal(store.query('iterations')!.values(1).count, 6);
  assert.equal(store.query('http_reqs', { name: 'one' })!.values(1).count, 6);
  assert.equal(store.query('http_reqs', { name: 'two', method: 'GET', status: '200' })!.values(1).count, 6);
  const db = store.query('server_timing', { name: 'db', endpoint: 'two' });
  assert.ok(db && db.count === 6, 'Server-Timing db entries become server_timing{name:db}');
});

test('exec functions get a typed client, checks and sleep; failures are counted, never thrown', async () => {
  const store = await run({
    executor: 'per-vu-iterations', vus: 1, iterations: 2,
    exec: async ({ http, check, sleep }) => {
      const r = await http.get('/api/documents/1', { tags: { name: 'doc' } });
      check(r, { 'status 200': (x) => x.status === 200, 'has id': (x) => (x.json() as { id: unknown }).id !== undefined });
      const missing = await http.get('/api/documents/999999', { tags: { name: 'missing' } });
      check(missing, { 'is 404': (x) => x.status === 404 });
      await sleep(0.05);
      const created = await http.post('/api/documents', { title: 't', content: 'c' }, { tags: { name: 'create' }, expect: [201] });
      check(created, { created: (x) => x.status === 201 });
    },
  });
  assert.equal(store.query('checks')!.values(1).rate, 1);
  assert.equal(store.query('http_req_failed', { name: 'missing' })!.values(1).rate, 1, '404 is a failed request by default');
  assert.equal(store.query('http_req_failed', { name: 'create' })!.values(1).rate, 0);
});

test('ramping-vus follows its stages: VU k starts when the ramp reaches k, never more than the target, all of them through the hold', async () => {
  // 0 -> 4 VUs over 1 s, then 4 for 1 s: the ramp reaches VU k at k x 250 ms (stages.ts countAt).
  const first = new Map<number, number>();
  const iterations = new Map<number, number>();
  let running = 0;
  let peak = 0;
  const t0 = performance.now(); // before the executor's own start, so offsets here are never smaller than its own
  await run({
    executor: 'ramping-vus', startVUs: 0, stages: [{ duration: '1s', target: 4 }, { duration: '1s', target: 4 }],
    exec: async ({ vu, sleep }) => {
      if (!first.has(vu.id)) first.set(vu.id, performance.now() - t0);
      iterations.set(vu.id, (iterations.get(vu.id) ?? 0) + 1);
      peak = Math.max(peak, ++running);
      await sleep(0.01);
      running--;
    },
  });
  assert.deepEqual([...first.keys()].sort(), [1, 2, 3, 4], 'exactly the 4 VUs of the target ran');
  assert.ok(peak <= 4, `at most 4 iterations at once, saw ${peak}`);
  for (const [id, at] of first) assert.ok(at >= id * 250 - 1, `VU ${id} started at ${at.toFixed(0)} ms, before the ramp reached it (${id * 250} ms)`);
  // A VU that joined earlier looped longer: VU 1 has 750 ms of 10 ms iterations more than VU 4.
  assert.ok(iterations.get(1)! > iterations.get(4)!, `iterations per VU ${JSON.stringify([...iterations])}`);
});

test('a closed-model iteration without I/O does not starve the timers (the run still ends)', async () => {
  const store = await run({ executor: 'constant-vus', vus: 2, duration: '500ms', exec: async ({ check }) => { check(1, { one: () => true }); } });
  assert.ok(store.query('iterations')!.values(1).count > 10);
});

test('exec code that ignores the stop signal cannot hang the run', async () => {
  const t = performance.now();
  await run({ executor: 'constant-vus', vus: 1, duration: '300ms', gracefulStop: '100ms', exec: () => new Promise<void>(() => {}) });
  assert.ok(performance.now() - t < 30_000, 'the workload finished after the hard-stop grace');
});

test('a request cut by the stop is counted only in interrupted_operations, never as a failure or a latency', { timeout: 30_000 }, async () => {
  const store = await run({ executor: 'constant-arrival-rate', rate: 2, duration: '1s', preAllocatedVUs: 2, gracefulStop: '200ms', steps: [{ name: 'slow', path: '/slow?ms=3000' }] });
  const cut = store.query('interrupted_operations', { scenario: 't', protocol: 'http', op: 'request' });
  assert.ok(cut && cut.values(1).count >= 1, 'the cut requests are counted');
  assert.equal(store.query('http_req_failed', { name: 'slow' }), undefined, 'not failures of the system');
  assert.equal(store.query('http_req_duration', { name: 'slow' }), undefined, 'not latencies');
});

test('endpoint names are capped so ids in URLs cannot grow memory without bound', async () => {
  const warnings: string[] = [];
  const store = new MetricStore(new MetricRegistry());
  const engine = createHttpEngine({ timeoutMs: 5000, headers: {}, isAllowedHost: () => true });
  const ac = new AbortController();
  const rw = engine.start({ executor: 'per-vu-iterations', vus: 5, iterations: 50, exec: async ({ http, vu }) => { await http.get(`/api/documents/${vu.id * 1000 + vu.iteration}`); } },
    { sink: store, baseUrl: target.url, scenario: 't', workload: 't', baseTags: { scenario: 't' }, tagSet, signal: ac.signal, warn: (m) => warnings.push(m) });
  await rw.done;
  const names = new Set(store.seriesOf('http_reqs').map((s) => s.tags.tags.name));
  assert.ok(names.size <= 201, `${names.size} names`);
  assert.ok(names.has('GET (other names)'));
  assert.equal(warnings.length, 1);
});
