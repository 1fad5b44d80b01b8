// npm run bench:alloc: bytes allocated per request (what the garbage collector must later sweep while
// responses are being timed): loadcert's sendRequest, its HTTP/1.1 pool with an empty exchange, and a bare
// undici dispatch (the anchor), 50 concurrent loops against the demo target, measured with V8's sampling
// heap profiler counting objects already collected too. Not a test; figures of one run.
import { Session } from 'node:inspector/promises';
import { Pool } from 'undici';
import { startTarget } from './lib/procs.ts';
import { MetricRegistry } from '../src/metrics/registry.ts';
import { MetricStore } from '../src/metrics/store.ts';
import { tagSet } from '../src/metrics/tagset.ts';
import { H1Pool } from '../src/protocols/http/h1/pool.ts';
import { requestHead } from '../src/protocols/http/h1/request-head.ts';
import { emptyExchange } from './lib/empty-exchange.ts';
import { HttpTagCache } from '../src/protocols/http/http-series.ts';
import { sendRequest, InflightRequests } from '../src/protocols/http/request.ts';

const N = Number(process.env.BENCH_REQUESTS ?? 20_000);
const target = await startTarget();
const url = new URL(target.url);
const session = new Session();
session.connect();

type Node = { selfSize: number; children: Node[] };
const total = (n: Node): number => n.children.reduce((a, c) => a + total(c), n.selfSize);

/** Bytes allocated per request by N requests of `one` (after N warm-up requests), 50 at a time. */
async function perRequest(one: () => Promise<unknown>): Promise<number> {
  const loop = async (n: number) => { let left = n; await Promise.all(Array.from({ length: 50 }, async () => { while (left-- > 0) await one(); })); };
  await loop(N);
  await session.post('HeapProfiler.startSampling', { samplingInterval: 256, includeObjectsCollectedByMajorGC: true, includeObjectsCollectedByMinorGC: true } as never);
  await loop(N);
  const { profile } = (await session.post('HeapProfiler.stopSampling')) as unknown as { profile: { head: Node } };
  // the loop's own share (its promise per request) is in every figure alike
  return total(profile.head) / N;
}

const rows: Array<[string, number]> = [];
try {
  const raw = new Pool(url.origin, { connections: 50, pipelining: 1 });
  const handler = (done: () => void) => ({ onConnect() {}, onHeaders: () => true, onData: () => true, onComplete: done, onError: done });
  rows.push(['bare undici dispatch, empty handler (anchor)', await perRequest(() => new Promise<void>((res) => raw.dispatch({ method: 'GET', path: '/api/ping' }, handler(res) as never)))]);
  await raw.close();

  const h1 = new H1Pool(url, { connections: 50, timeoutMs: 10_000 });
  const head = requestHead('GET', '/api/ping', {}, h1.host, 0)!;
  rows.push(["loadcert's HTTP/1.1 pool, empty exchange", await perRequest(() => new Promise<void>((res) => h1.send(emptyExchange(head, res))))]);
  await h1.close();

  const store = new MetricStore(new MetricRegistry());
  store.startClock(Date.now());
  const tags = new HttpTagCache({ scenario: 'b' }, tagSet, store);
  const endpoint = tags.endpoint('ping', 'GET');
  const pool = new H1Pool(url, { connections: 50, timeoutMs: 10_000 });
  const inflight = new InflightRequests();
  const headers = {};
  rows.push(['loadcert sendRequest (timing + 10 metric samples)', await perRequest(() => sendRequest(pool, { method: 'GET', path: '/api/ping', headers, endpoint, readBody: false, timeoutMs: 10_000 }, performance.now(), tags, inflight))]);
  await pool.close();
} finally {
  session.disconnect();
  target.stop();
}
console.log('| measure | bytes allocated per request |');
console.log('|---|---|');
for (const [name, bytes] of rows) console.log(`| ${name} | ${bytes.toFixed(0)} (${(bytes / rows[0][1]).toFixed(2)}x the anchor) |`);
