// npm run bench:json-alloc: what `--out json` costs the timing thread. Bytes allocated per request by
// sendRequest (timing + its metric samples) without and with a started k6 JSON output on the store,
// measured as bench/http-alloc.bench.ts does (V8's sampling heap profiler, collected objects included);
// and the sample tap alone: bytes and this thread's CPU ns per sample over BENCH_SAMPLES calls.
// Not a test; figures of one run (noisy on a shared machine).
import { Session } from 'node:inspector/promises';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setImmediate as turn } from 'node:timers/promises';
import { startTarget } from './lib/procs.ts';
import { MetricRegistry } from '../src/metrics/registry.ts';
import { MetricStore } from '../src/metrics/store.ts';
import { tagSet } from '../src/metrics/tagset.ts';
import { HttpTagCache } from '../src/protocols/http/http-series.ts';
import { sendRequest, InflightRequests } from '../src/protocols/http/request.ts';
import { H1Pool } from '../src/protocols/http/h1/pool.ts';
import { sampleFileOutput } from '../src/results/sample-file-output.ts';
import type { SampledSeries } from '../src/contracts/output.ts';

const N = Number(process.env.BENCH_REQUESTS ?? 20_000);
const SAMPLES = Number(process.env.BENCH_SAMPLES ?? 2_000_000);
const dir = mkdtempSync(join(tmpdir(), 'loadcert-json-alloc-'));
const target = await startTarget();
const url = new URL(target.url);
const session = new Session();
session.connect();
type Node = { selfSize: number; children: Node[] };
const total = (n: Node): number => n.children.reduce((a, c) => a + total(c), n.selfSize);
/** CPU time of this thread so far, ns (Linux's schedstat: run time on the CPU). */
const threadNs = () => Number(readFileSync('/proc/thread-self/schedstat', 'utf8').split(' ')[0]);

/** Bytes allocated per call of `one` over n calls (after n warm-up calls), `par` at a time. */
async function perCall(n: number, par: number, one: () => Promise<unknown> | void): Promise<number> {
  const loop = async (k: number) => { let left = k; await Promise.all(Array.from({ length: par }, async () => { while (left-- > 0) await one(); })); };
  await loop(n);
  await session.post('HeapProfiler.startSampling', { samplingInterval: 256, includeObjectsCollectedByMajorGC: true, includeObjectsCollectedByMinorGC: true } as never);
  await loop(n);
  const { profile } = (await session.post('HeapProfiler.stopSampling')) as unknown as { profile: { head: Node } };
  return total(profile.head) / n;
}

const rows: Array<[string, string]> = [];
const outs: Array<ReturnType<typeof sampleFileOutput>> = [];
try {
  for (const json of [false, true]) {
    const store = new MetricStore(new MetricRegistry());
    const now = Date.now();
    store.startClock(now);
    if (json) {
      const out = sampleFileOutput({ name: 'json output', path: join(dir, 'req.json'), kind: 'json' });
      out.start!({ outDir: dir, startEpoch: now, startPerf: performance.now(), warn() {} });
      store.tap = out.samples;
      outs.push(out);
    }
    const tags = new HttpTagCache({ scenario: 'b' }, tagSet, store);
    const endpoint = tags.endpoint('ping', 'GET');
    const pool = new H1Pool(url, { connections: 50, timeoutMs: 10_000 });
    const inflight = new InflightRequests();
    const headers = {};
    const bytes = await perCall(N, 50, () => sendRequest(pool, { method: 'GET', path: '/api/ping', headers, endpoint, readBody: false, timeoutMs: 10_000 }, performance.now(), tags, inflight));
    rows.push([`sendRequest, ${json ? 'with' : 'without'} --out json`, `${bytes.toFixed(0)} bytes/request`]);
    await pool.close();
  }
  // The tap alone: 16 series, 1,000 samples per event-loop turn, 200,000 samples per fresh output (fewer
  // than its ring holds: no sample is dropped however slow the writer); against the same loop calling an empty tap.
  const series: SampledSeries[] = Array.from({ length: 16 }, (_, i) => ({ def: { name: `m${i % 4}`, type: 'trend', contains: 'time', description: '' }, tags: { key: `k${i}`, tags: { scenario: 'b', name: `n${i}` } } }));
  const empty = { sample(_s: SampledSeries, _v: number, _t: number) {} };
  for (const which of ['empty tap (the loop itself)', 'tap of --out json'] as const) {
    let current: ReturnType<typeof sampleFileOutput> | undefined;
    const fresh = () => {
      if (which.startsWith('empty')) return empty;
      current = sampleFileOutput({ name: 'json output', path: join(dir, `tap${outs.length}.json`), kind: 'json' });
      current.start!({ outDir: dir, startEpoch: Date.now(), startPerf: performance.now(), warn() {} });
      outs.push(current);
      return current.samples;
    };
    let tap = fresh();
    // values and times from typed arrays (a double computed in the loop would be boxed for the call and
    // counted here); one loop per tap (a loop shared by both taps would call through a polymorphic site)
    const vals = new Float64Array(1000).map((_, k) => k * 0.37);
    let i = 0;
    const loops = {
      empty: () => { for (let k = 0; k < 1000; k++, i++) tap.sample(series[i & 15], vals[k], vals[k]); return turn(); },
      json: () => { for (let k = 0; k < 1000; k++, i++) tap.sample(series[i & 15], vals[k], vals[k]); return turn(); },
    };
    const burst = which.startsWith('empty') ? loops.empty : loops.json;
    const bytes = (await perCall(100, 1, burst)) / 1000;
    let ns = 0, others = 0;
    const warnings: string[] = [];
    // an output's own cost (its thread's start: loading the writer's modules) without samples, subtracted below
    let idle = 0;
    if (current) for (let r = 0; r < 3; r++) {
      const o = sampleFileOutput({ name: 'json output', path: join(dir, `idle${r}.json`), kind: 'json' });
      const p0 = process.cpuUsage(), t0 = threadNs();
      o.start!({ outDir: dir, startEpoch: Date.now(), startPerf: performance.now(), warn() {} });
      await new Promise((r) => setTimeout(r, 300));
      await o.stop!({ status: 'completed', warn: () => {} });
      const p = process.cpuUsage(p0);
      idle += ((p.user + p.system) * 1000 - (threadNs() - t0)) / 3;
    }
    for (let r = 0; r < SAMPLES / 200_000; r++) {
      tap = fresh();
      const p0 = process.cpuUsage(), t0 = threadNs();
      for (let k = 0; k < 200; k++) await burst();
      ns += threadNs() - t0;
      // the writer's share: the whole process's CPU until the file is closed, less this thread's
      const t1 = threadNs();
      await current?.stop!({ status: 'completed', warn: (m) => warnings.push(m) });
      const p = process.cpuUsage(p0);
      others += (p.user + p.system) * 1000 - (threadNs() - t1) - (t1 - t0) - idle;
    }
    rows.push([which, `${bytes.toFixed(2)} bytes/sample, ${(ns / SAMPLES).toFixed(0)} ns CPU/sample on this thread${current ? `; other threads (the writer, GC helpers, I/O pool; less an output's start and stop without samples) ${(others / SAMPLES).toFixed(0)} ns/sample${warnings.length ? `; ${warnings.length} of ${SAMPLES / 200_000} outputs dropped samples: ${warnings[0]}` : ''}` : ''}`]);
  }
} finally {
  for (const o of outs.slice(0, 2)) await o.stop!({ status: 'completed', warn: (m) => console.error(m) });
  session.disconnect();
  target.stop();
  rmSync(dir, { recursive: true, force: true });
}
console.log('| measure | figure |');
console.log('|---|---|');
for (const [name, v] of rows) console.log(`| ${name} | ${v} |`);
