// A VU's client reuses one request object for its steps' requests (one after another): nothing of a
// finished request may leak into the next. Here a request that completed on a live server is followed,
// on the same object, by one refused before anything was written: the second must have no write, send
// or wait phases of its own.
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'node:net';
import { startServer, runWorkload, count } from './run-workload.ts';

let srv: Awaited<ReturnType<typeof startServer>>;
let closedPort = 0;
before(async () => {
  srv = await startServer((_req, res) => res.end('ok'));
  // A port that was just free: nothing listens on it, so a connect is refused.
  const probe = createServer();
  await new Promise<void>((r) => probe.listen(0, '127.0.0.1', () => r()));
  closedPort = (probe.address() as { port: number }).port;
  await new Promise<void>((r) => probe.close(() => r()));
});
after(() => srv.close());

describe('a VU client reusing its request object', { timeout: 30_000 }, () => {
  test('a refused request after a completed one records only its own phases', async () => {
    const { store } = await runWorkload({ executor: 'per-vu-iterations', vus: 1, iterations: 2, steps: [
      { name: 'ok', path: '/ok' }, { name: 'refused', path: `http://127.0.0.1:${closedPort}/x` },
    ] }, srv.url);
    assert.equal(count(store, 'http_reqs', { name: 'ok', status: '200' }), 2);
    assert.equal(count(store, 'http_reqs', { name: 'refused', error: 'ECONNREFUSED' }), 2);
    assert.equal(store.query('http_req_blocked', { name: 'refused' })?.count, 2, 'all of a never-written request is blocked');
    for (const phase of ['http_req_sending', 'http_req_waiting', 'http_req_receiving', 'http_req_connecting'])
      assert.equal(store.query(phase, { name: 'refused' }), undefined, `${phase}: no sample for a request never written`);
    assert.equal(count(store, 'data_sent', { name: 'refused' }), 0);
  });
});
