import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { MetricRegistry } from '../../../src/metrics/registry.ts';
import { MetricStore } from '../../../src/metrics/store.ts';
import { tagSet } from '../../../src/metrics/tagset.ts';
import { createHttpEngine } from '../../../src/protocols/http/engine.ts';
import type { HttpWorkload } from '../../../src/contracts/scenario-types.ts';
import type { Aggregate } from '../../../src/metrics/aggregates.ts';

// A target with exactly known delays: /ttfb waits before the response, /body sends headers and half the
// body at once and the rest later, /ok?ms waits then answers 200, /fail answers 500 at once.
let server: Server;
let url = '';
before(async () => {
  server = createServer((req, res) => {
    const u = new URL(req.url ?? '/', 'http://x');
    const ms = Number(u.searchParams.get('ms') ?? 0);
    if (u.pathname === '/ttfb' || u.pathname === '/ok') { setTimeout(() => res.end('x'.repeat(1000)), ms); return; }
    if (u.pathname === '/body') {
      res.writeHead(200, { 'content-length': '2000' });
      res.write('a'.repeat(1000));
      setTimeout(() => res.end('b'.repeat(1000)), ms);
      return;
    }
    res.statusCode = 500;
    res.end('no');
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
after(async () => { server.closeAllConnections(); await new Promise((r) => server.close(r)); });

async function run(w: HttpWorkload, connections?: number): Promise<MetricStore> {
  const store = new MetricStore(new MetricRegistry());
  const engine = createHttpEngine({ timeoutMs: 10_000, headers: {}, connections, isAllowedHost: () => true });
  assert.deepEqual(engine.validate(w, 'workloads.t', 'test'), []);
  engine.plan('t', w);
  const rw = engine.start(w, { sink: store, baseUrl: url, scenario: 't', workload: 't', baseTags: { scenario: 't' }, tagSet, signal: new AbortController().signal, warn: () => {} });
  await rw.done;
  store.flushSecond(0);
  return store;
}

const sum = (a: Aggregate | undefined) => { const v = a!.values(1); return v.avg * v.count; };
const med = (a: Aggregate | undefined) => a!.values(1).med;

describe('HTTP measurement', { timeout: 60_000 }, () => {
  test('latency runs from the intended start: a stall queued in the pool shows in duration and blocked, not in waiting', async () => {
    // 10 requests in 1 s, one connection, 300 ms each: they queue in the pool. Timed from the actual send,
    // every request would take about 300 ms; from its intended start, the later ones wait seconds.
    const s = await run({ executor: 'constant-arrival-rate', rate: 10, duration: '1s', preAllocatedVUs: 10, steps: [{ name: 'q', path: '/ok?ms=300' }] }, 1);
    const dur = s.query('http_req_duration', { name: 'q' })!.values(1);
    const waiting = s.query('http_req_waiting', { name: 'q' })!.values(1);
    const blocked = s.query('http_req_blocked', { name: 'q' })!.values(1);
    assert.equal(dur.count, 10);
    assert.ok(dur.max > 1500, `the last queued request's duration ${dur.max} ms includes its wait for the connection`);
    assert.ok(blocked.max > 1200, `blocked max ${blocked.max} ms is the pool queue`);
    assert.ok(waiting.max < 600, `waiting max ${waiting.max} ms is the server's own 300 ms, not the queue`);
  });

  test('each phase gets its own known delay, and the phases add up to the duration', async () => {
    const s = await run({ executor: 'per-vu-iterations', vus: 1, iterations: 3, steps: [{ name: 'ttfb', path: '/ttfb?ms=200' }, { name: 'body', path: '/body?ms=300' }] });
    const sel = (name: string) => ({ name, scenario: 't', expected_response: 'true' });
    const w = med(s.query('http_req_waiting', sel('ttfb')));
    assert.ok(w >= 195 && w < 260, `waiting ${w} ms for a 200 ms first-byte delay`);
    assert.ok(med(s.query('http_req_receiving', sel('ttfb'))) < 20, 'no receiving delay on /ttfb');
    const r = med(s.query('http_req_receiving', sel('body')));
    assert.ok(r >= 295 && r < 360, `receiving ${r} ms for a body finished 300 ms after its first byte`);
    assert.ok(med(s.query('http_req_waiting', sel('body'))) < 20, 'no first-byte delay on /body');
    for (const name of ['ttfb', 'body']) {
      const parts = ['http_req_blocked', 'http_req_sending', 'http_req_waiting', 'http_req_receiving'].reduce((a, m) => a + sum(s.query(m, sel(name))), 0);
      const total = sum(s.query('http_req_duration', sel(name)));
      assert.ok(Math.abs(parts - total) < 0.05 * 3, `${name}: blocked+sending+waiting+receiving ${parts} = duration ${total}`);
    }
    // One VU, one connection: the first request connects, the next five reuse it.
    const conn = s.query('http_req_connecting', { scenario: 't' })!.values(1);
    assert.equal(conn.count, 6, 'http_req_connecting{scenario:t} has a sample per request');
    assert.ok(conn.max > 0 && conn.med === 0, `one new connection (max ${conn.max} ms), then reuse (0)`);
    // Bytes from the socket: each /body response carries 2000 body bytes plus its status line and headers.
    const recv = s.query('data_received', sel('body'))!.values(1).count;
    assert.ok(recv > 3 * 2000 && recv < 3 * 2300, `data_received ${recv} bytes for three 2000-byte bodies with headers`);
    const sent = s.query('data_sent', sel('body'))!.values(1).count;
    assert.ok(sent > 3 * 40 && sent < 3 * 200, `data_sent ${sent} bytes for three GET requests`);
  });

  test('fast failures do not lower the expected_response:true p95', async () => {
    const s = await run({ executor: 'per-vu-iterations', vus: 2, iterations: 20, steps: [{ name: 'slowok', path: '/ok?ms=100' }, { name: 'fastfail', path: '/fail' }] });
    const good = s.query('http_req_duration', { expected_response: 'true' })!.values(1);
    const bad = s.query('http_req_duration', { expected_response: 'false' })!.values(1);
    assert.equal(good.count, 40);
    assert.equal(bad.count, 40);
    assert.ok(good['p(95)'] >= 95 && good.med >= 95, `expected_response:true p95 ${good['p(95)']} ms and median ${good.med} ms stay the slow route's`);
    assert.ok(s.query('http_req_duration')!.values(1).med < 95, 'while the untagged median is pulled down by the failures');
    assert.equal(s.query('http_req_failed', { expected_response: 'false', status: '500' })!.values(1).rate, 1);
  });
});
