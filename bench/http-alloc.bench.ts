// npm run bench:alloc: bytes allocated per request (what the garbage collector must later sweep while
// responses are being timed): loadcert's sendRequest, the VU client a flow step goes through, its HTTP/1.1
// pool with an empty exchange, and a bare undici dispatch (the anchor), 50 concurrent loops against the demo target, measured with V8's sampling
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
import { OriginPools } from '../src/protocols/http/origin-pools.ts';
import { VuClient } from '../src/protocols/http/client/client.ts';
import { VuCookieJar } from '../src/protocols/http/client/cookie-jar.ts';
import { HttpVU, describeSteps, type HttpVuShared } from '../src/protocols/http/vu.ts';
import { defaultHeaders } from '../src/protocols/http/client/headers.ts';

const N = Number(process.env.BENCH_REQUESTS ?? 20_000);
const target = await startTarget();
const url = new URL(target.url);
const session = new Session();
session.connect();

type Node = { selfSize: number; children: Node[]; callFrame: { functionName: string; url: string; lineNumber: number } };
const total = (n: Node): number => n.children.reduce((a, c) => a + total(c), n.selfSize);
/** BENCH_TOP=N: also print each row's N frames that allocated most (self bytes per request); BENCH_STACKS=K: keyed by their last K frames. */
const TOP = Number(process.env.BENCH_TOP ?? 0);
const tops: string[] = [];

/** The `n` frames with the largest self size, as `bytes/request  function  file:line` lines. */
function topFrames(head: Node, n: number, per: number): string[] {
  const by = new Map<string, number>();
  const name = (f: Node['callFrame']) => `${f.functionName || '(anonymous)'}  ${f.url.replace(/^.*\/(node_modules|src|bench)\//, '$1/')}`;
  const walk = (x: Node, path: string[]) => {
    const here = [...path, name(x.callFrame)];
    const key = process.env.BENCH_STACKS ? here.slice(-Number(process.env.BENCH_STACKS)).join(' < ') : here[here.length - 1];
    by.set(key, (by.get(key) ?? 0) + x.selfSize);
    for (const c of x.children) walk(c, here);
  };
  walk(head, []);
  return [...by].sort((a, b) => b[1] - a[1]).slice(0, n).map(([k, v]) => `  ${(v / per).toFixed(0).padStart(6)}  ${k}`);
}

/** Bytes allocated per request by N requests of `one` (after N warm-up requests), 50 at a time; `one` is told which of the 50 loops calls it. */
async function perRequest(one: (loop: number) => Promise<unknown>): Promise<number> {
  const loop = async (n: number) => { let left = n; await Promise.all(Array.from({ length: 50 }, async (_, i) => { while (left-- > 0) await one(i); })); };
  await loop(N);
  await session.post('HeapProfiler.startSampling', { samplingInterval: 256, includeObjectsCollectedByMajorGC: true, includeObjectsCollectedByMinorGC: true } as never);
  await loop(N);
  const { profile } = (await session.post('HeapProfiler.stopSampling')) as unknown as { profile: { head: Node } };
  if (TOP) tops.push(topFrames(profile.head, TOP, N).join('\n'));
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

  // A flow step's path: the VU's client (redirects, cookies) above sendRequest, one client per loop as one per VU
  // (a VU sends its steps one after another, so its client never has two of them in flight).
  const pools = new OriginPools(target.url, { connections: 50, timeoutMs: 10_000 }, () => true);
  const shared = { pools, tags, warn: () => {}, warnedLoops: new Set<string>() };
  const resolved = pools.resolve('/api/ping');
  const hopEndpoint = (name: string, method: string) => tags.endpoint(name, method);
  const clients = Array.from({ length: 50 }, () => new VuClient(shared, new InflightRequests(), new VuCookieJar(), 6));
  rows.push(['VuClient.send, a flow step (+ redirect and cookie layers)', await perRequest((i) => clients[i].send({
    method: 'GET', path: resolved, headers, body: undefined, endpoint, hopEndpoint, expect: undefined, timeoutMs: 10_000, readBody: false, maxRedirects: 10, intendedAt: performance.now(),
  }, false))]);
  await pools.close();

  // The whole of a VU's iteration of a one-step flow, as the executor runs it (one VU per loop): the
  // flow-step row plus what the VU does around its steps.
  const flow = { steps: [{ name: 'ping', path: '/api/ping' }] };
  const vuPools = new OriginPools(target.url, { connections: 50, timeoutMs: 10_000 }, () => true);
  const vuShared: HttpVuShared = {
    flow, workload: 'b', env: {}, pools: vuPools, sink: store, tags,
    checkTags: (check) => tagSet({ check }), groupTags: (group) => tagSet({ group }),
    errors: { record: (err) => { throw err; } },
    defaultHeaders: defaultHeaders(true), timeoutMs: 10_000, maxRedirects: 10, cookies: 'reset', batchPerHost: 6,
    client: { pools: vuPools, tags, warn: () => {}, warnedLoops: new Set<string>() },
    mixCumulative: [], stepInfo: describeSteps(flow),
  };
  const vus = Array.from({ length: 50 }, (_, i) => new HttpVU(i + 1, vuShared, new AbortController().signal));
  rows.push(['HttpVU.run, an iteration of a one-step flow (the VU around the step)', await perRequest((i) => vus[i].run(performance.now()))]);
  await vuPools.close();
} finally {
  session.disconnect();
  target.stop();
}
console.log('| measure | bytes allocated per request |');
console.log('|---|---|');
for (const [name, bytes] of rows) console.log(`| ${name} | ${bytes.toFixed(0)} (${(bytes / rows[0][1]).toFixed(2)}x the anchor) |`);
if (TOP) rows.forEach(([name], i) => console.log(`\ntop ${TOP} allocating frames, bytes per request: ${name}\n${tops[i]}`));
