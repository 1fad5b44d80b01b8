// npm run bench:memory: what each trend series of the metric store holds in memory, and what folding a
// second costs. In one process per case (node --expose-gc): the HTTP series of 1 or 200 endpoints x 4
// statuses (pre-resolved handles, 10 samples per request as a response records them, latencies drawn from
// a fixed-seed log-normal) recorded for BENCH_SECONDS simulated seconds at BENCH_RATE requests/s, each
// second folded with flushSecond. Memory is heapUsed + arrayBuffers after a full GC (typed-array
// histograms live outside heapUsed), minus the same before the store existed. BENCH_BEFORE=<dir of
// another checkout> runs that checkout's store too. Not a test.
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { ROOT } from './lib/procs.ts';
import { benchRoots, checkoutStore, childCase } from './lib/checkout-store.ts';

const rate = Number(process.env.BENCH_RATE ?? 2000);
const seconds = Number(process.env.BENCH_SECONDS ?? 300);

interface Result { trendSeries: number; bytes: number; recordNs: number; foldUsAvg: number; foldUsMax: number; samples: number }

/** Live bytes (heap and array buffers) after a full collection. */
function live(): number {
  const gc = (globalThis as { gc?: () => void }).gc!;
  gc(); gc();
  const m = process.memoryUsage();
  return m.heapUsed + m.arrayBuffers;
}

/** One case in this process: `root`'s store, `endpoints` names x 4 statuses. */
async function child(root: string, endpoints: number): Promise<Result> {
  const { MetricStore, MetricRegistry, tagSet, HttpTagCache, imp } = await checkoutStore(root);
  let seed = 12345;
  const rnd = () => { seed = (seed * 1103515245 + 12345) & 0x7fffffff; return seed / 0x80000000; };
  // log-normal around `median` ms with sigma 0.6
  const ms = (median: number) => median * Math.exp(0.6 * Math.sqrt(-2 * Math.log(rnd() || 1e-12)) * Math.cos(2 * Math.PI * rnd()));
  const before = live();
  const registry = new MetricRegistry();
  const store = new MetricStore(registry);
  const cache = new HttpTagCache({ scenario: 'measure' }, tagSet, store);
  const eps = Array.from({ length: endpoints }, (_, i) => cache.endpoint(`e${i}`, 'GET'));
  const statuses = [[200, true], [404, false], [400, false], [405, false]] as const;
  const epoch = Date.now();
  let k = 0, recordMs = 0, foldMs = 0, foldMax = 0;
  for (let sec = 0; sec < seconds; sec++) {
    const t0 = performance.now();
    for (let r = 0; r < rate; r++, k++) {
      const [status, ok] = statuses[k & 3];
      const s = eps[(k >> 2) % endpoints].status(status, ok);
      const waiting = ms(2);
      s.reqs.add(1); s.failed.add(ok ? 0 : 1); s.blocked.add(ms(0.1)); s.connecting.add(0); s.sending.add(ms(0.02));
      s.waiting.add(waiting); s.receiving.add(ms(0.05)); s.duration.add(waiting + 0.07); s.sent.add(120); s.received.add(240);
    }
    const t1 = performance.now();
    store.flushSecond(epoch + sec * 1000);
    const t2 = performance.now();
    recordMs += t1 - t0; foldMs += t2 - t1; foldMax = Math.max(foldMax, t2 - t1);
  }
  const bytes = live() - before;
  let trendSeries = 0;
  for (const name of store.metricsWithData()) if (registry.get(name)?.type === 'trend') trendSeries += store.seriesOf(name).length;
  void store; // kept alive through the measurement above
  return { trendSeries, bytes, recordNs: (recordMs * 1e6) / (k * 10), foldUsAvg: (foldMs * 1000) / seconds, foldUsMax: foldMax * 1000, samples: k * 10 };
}

const childOf = childCase();
if (childOf) {
  console.log(JSON.stringify(await child(...childOf)));
} else {
  const roots = benchRoots();
  console.error(`${rate} requests/s x 10 samples for ${seconds} simulated seconds, 1 vs 200 endpoints x 4 statuses`);
  console.log(`\nstore memory and fold cost (${rate}/s, ${seconds} s simulated, ${rate * seconds} requests): memory = heapUsed + arrayBuffers after GC`);
  console.log('| store | endpoints | trend series | KB per trend series (whole store / trend series) | total MB | record ns/sample | fold µs/second avg / max |');
  console.log('|---|---|---|---|---|---|---|');
  for (const [label, root] of roots) for (const n of [1, 200]) {
    const r = spawnSync(process.execPath, ['--expose-gc', '--import', 'tsx', join(ROOT, 'bench/series-memory.bench.ts')], { cwd: ROOT, env: { ...process.env, BENCH_CHILD: JSON.stringify([root, n]) }, encoding: 'utf8' });
    if (r.status !== 0) throw new Error(`case ${label} ${n} failed: ${r.stderr}`);
    const x = JSON.parse(r.stdout.trim().split('\n').at(-1)!) as Result;
    console.log(`| ${label} | ${n} x 4 | ${x.trendSeries} | ${(x.bytes / x.trendSeries / 1024).toFixed(1)} | ${(x.bytes / 1048576).toFixed(1)} | ${x.recordNs.toFixed(0)} | ${x.foldUsAvg.toFixed(0)} / ${x.foldUsMax.toFixed(0)} |`);
  }
}
