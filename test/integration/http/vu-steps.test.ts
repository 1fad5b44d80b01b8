// A VU's flow steps against a real node:http server on 127.0.0.1: each step sends its own method, path,
// headers and body (a VU reuses one request object for its steps, so nothing of one step may leak into
// the next), and a think time holds the next step back.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { MetricRegistry } from '../../../src/metrics/registry.ts';
import { MetricStore } from '../../../src/metrics/store.ts';
import { tagSet } from '../../../src/metrics/tagset.ts';
import { HttpTagCache } from '../../../src/protocols/http/http-series.ts';
import { OriginPools } from '../../../src/protocols/http/origin-pools.ts';
import { HttpVU, describeSteps, type HttpVuShared } from '../../../src/protocols/http/vu.ts';
import { defaultHeaders } from '../../../src/protocols/http/client/headers.ts';
import type { Flow } from '../../../src/contracts/scenario-types.ts';

const seen: Array<{ method: string; url: string; type: string | undefined; body: string; at: number }> = [];
const server = createServer((req, res) => {
  let body = '';
  req.on('data', (d) => { body += d; });
  req.on('end', () => {
    seen.push({ method: req.method!, url: req.url!, type: req.headers['content-type'], body, at: performance.now() });
    res.statusCode = req.url === '/missing' ? 404 : 200;
    res.end('ok');
  });
});
await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
after(() => { server.closeAllConnections(); server.close(); });

/** A VU running `flow` against the server, with its store (errors rethrown: none is expected). */
function vuOf(flow: Flow) {
  const store = new MetricStore(new MetricRegistry());
  store.startClock(Date.now());
  const tags = new HttpTagCache({ scenario: 't' }, tagSet, store);
  const pools = new OriginPools(url, { connections: 2, timeoutMs: 5000 }, () => true);
  after(() => pools.close());
  const shared: HttpVuShared = {
    flow, workload: 't', env: {}, pools, sink: store, tags,
    checkTags: (check) => tagSet({ check }), groupTags: (group) => tagSet({ group }),
    errors: { record: (err) => { throw err; } },
    defaultHeaders: defaultHeaders(false), timeoutMs: 5000, maxRedirects: 10, cookies: 'reset', batchPerHost: 6,
    client: { pools, tags, warn: () => {}, warnedLoops: new Set<string>() },
    mixCumulative: [], stepInfo: describeSteps(flow),
  };
  return { vu: new HttpVU(1, shared, new AbortController().signal), store };
}

test("each step sends its own method, path, body and content type, none of the step before's", { timeout: 15_000 }, async () => {
  seen.length = 0;
  const { vu, store } = vuOf({
    steps: [
      { name: 'create', method: 'POST', path: '/items', body: { n: 1 } },
      { name: 'list', path: '/items' },
      { name: 'note', method: 'PUT', path: (ctx) => `/items/${ctx.vu.iteration}`, body: 'plain' },
      { name: 'gone', method: 'DELETE', path: '/missing', expect: [404] },
    ],
  });
  for (let i = 0; i < 2; i++) await vu.run(performance.now());
  const expected = [
    { method: 'POST', url: '/items', type: 'application/json', body: '{"n":1}' },
    { method: 'GET', url: '/items', type: undefined, body: '' },
    { method: 'PUT', url: '/items/0', type: undefined, body: 'plain' },
    { method: 'DELETE', url: '/missing', type: undefined, body: '' },
  ];
  assert.deepEqual(seen.map(({ method, url: u, type, body }) => ({ method, url: u, type, body })), [...expected, ...expected.map((e) => (e.url === '/items/0' ? { ...e, url: '/items/1' } : e))]);
  store.flushRemaining();
  assert.equal(store.query('http_reqs')?.values(1).count, 8);
  assert.equal(store.query('http_req_failed', { name: 'gone' })?.values(1).rate, 0, "the last step's expect applied to it");
  for (const name of ['create', 'list', 'note']) assert.equal(store.query('http_req_failed', { name })?.values(1).rate, 0, `${name}: the default expectation, not another step's`);
});

test('a think time holds the next step back at least that long', { timeout: 15_000 }, async () => {
  seen.length = 0;
  const { vu } = vuOf({ steps: [{ name: 'a', path: '/a', thinkTime: '200ms' }, { name: 'b', path: '/b' }] });
  await vu.run(performance.now());
  assert.deepEqual(seen.map((s) => s.url), ['/a', '/b']);
  // an order of events, not a duration bound: b cannot reach the server before a's think time ended
  assert.ok(seen[1].at - seen[0].at >= 200, `b came ${seen[1].at - seen[0].at} ms after a`);
});
