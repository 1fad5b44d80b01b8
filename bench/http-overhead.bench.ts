// npm run bench:overhead: CPU per request of loadcert's measured request (sendRequest: phases, socket
// bytes, series handles) beside loadcert's HTTP/1.1 pool with an empty exchange, and beside a bare
// undici dispatch with an empty handler (the anchor), in one process, 50 concurrent loops against the
// demo target. Shows how much of the per-request cost is metrics and how much the client's. Not a test;
// ratios within one run only.
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

const N = Number(process.env.BENCH_REQUESTS ?? 40_000);
const target = await startTarget();
const origin = new URL(target.url).origin;

async function measure(one: () => Promise<unknown>): Promise<number> {
  let left = N;
  const c0 = process.cpuUsage();
  await Promise.all(Array.from({ length: 50 }, async () => { while (left-- > 0) await one(); }));
  const c = process.cpuUsage(c0);
  return (c.user + c.system) / N;
}

const bare = { raw: Infinity, h1: Infinity, lc: Infinity };
try {
  for (let round = 0; round < 3; round++) {
    const raw = new Pool(origin, { connections: 50, pipelining: 1 });
    const handler = (done: () => void) => ({ onConnect() {}, onHeaders: () => true, onData: () => true, onComplete: done, onError: done });
    bare.raw = Math.min(bare.raw, await measure(() => new Promise<void>((res) => raw.dispatch({ method: 'GET', path: '/api/ping' }, handler(res) as never))));
    await raw.close();
    const store = new MetricStore(new MetricRegistry());
    const tags = new HttpTagCache({ scenario: 'b' }, tagSet, store);
    const endpoint = tags.endpoint('ping', 'GET');
    const h1 = new H1Pool(new URL(origin), { connections: 50, timeoutMs: 10_000 });
    const head = requestHead('GET', '/api/ping', {}, h1.host, 0)!;
    bare.h1 = Math.min(bare.h1, await measure(() => new Promise<void>((res) => h1.send(emptyExchange(head, res)))));
    await h1.close();
    const pool = new H1Pool(new URL(origin), { connections: 50, timeoutMs: 10_000 });
    const inflight = new InflightRequests();
    bare.lc = Math.min(bare.lc, await measure(() => sendRequest(pool, { method: 'GET', path: '/api/ping', headers: {}, endpoint, readBody: false, timeoutMs: 10_000 }, performance.now(), tags, inflight)));
    await pool.close();
  }
} finally {
  target.stop();
}
console.log('| measure | CPU per request (best of 3) |');
console.log('|---|---|');
console.log(`| bare undici dispatch (anchor) | ${bare.raw.toFixed(1)} µs |`);
console.log(`| loadcert's HTTP/1.1 pool, empty exchange | ${bare.h1.toFixed(1)} µs (${(bare.raw / bare.h1).toFixed(2)}x fewer than undici) |`);
console.log(`| loadcert sendRequest (timing + metrics) | ${bare.lc.toFixed(1)} µs (metrics and timing ${(bare.lc - bare.h1).toFixed(1)} µs) |`);
