// npm run bench:store: what the metric store costs the thread that takes timestamps, without network noise.
// In one process per case: the HTTP series of 1 or 200 endpoints x 4 statuses (pre-resolved handles, 10
// samples per request as src/protocols/http/request.ts records them) fed at BENCH_RATE requests/s from a
// 1-ms timer, the per-second sliced fold, the ndjson writer and the progress read, as a run does. The
// figure is the timer's lateness (what http_req_blocked measures) p99 / max and the GC pauses; ratio
// 200/1 within one checkout. BENCH_BEFORE=<dir of another checkout> runs that checkout's store too. Not a test.
// This checkout runs twice: folding on the timing thread ("fold here", the path before the fold thread) and
// handing seconds to the fold thread as a run does; "work ms/s" is the timing thread's fold or hand-off time
// per second (MetricStore.workMs; not measured in checkouts that lack it).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PerformanceObserver, constants } from 'node:perf_hooks';
import { ROOT } from './lib/procs.ts';
import { benchRoots, checkoutStore, childCase } from './lib/checkout-store.ts';

const rate = Number(process.env.BENCH_RATE ?? 2000);
const seconds = Number(process.env.BENCH_SECONDS ?? 10);
const rounds = Number(process.env.BENCH_ROUNDS ?? 3);

interface Result { lateP99: number; lateMax: number; gcMs: number; gcMaxMs: number; cpuMs: number; scavenges: number; requests: number; workMsPerS: number }

/** One case in this process: `root`'s store, `endpoints` names x 4 statuses; `foldHere`: no fold thread. */
async function child(root: string, endpoints: number, foldHere: boolean): Promise<Result> {
  const { MetricStore, MetricRegistry, tagSet, HttpTagCache, imp } = await checkoutStore(root);
  const { NdjsonWriter } = await imp('src/results/ndjson-writer.ts');
  const store = new MetricStore(new MetricRegistry());
  if (!foldHere) {
    const { foldOffThread } = await imp('src/run/fold-thread.ts');
    await foldOffThread(store, (m: string) => console.error(m)).ready;
  }
  const cache = new HttpTagCache({ scenario: 'measure' }, tagSet, store);
  const eps = Array.from({ length: endpoints }, (_, i) => cache.endpoint(`e${i}`, 'GET'));
  const statuses = [[200, true], [404, false], [400, false], [405, false]] as const;
  const dir = mkdtempSync(join(tmpdir(), 'loadcert-storebench-'));
  const writer = new NdjsonWriter(join(dir, 'timeseries.ndjson'));
  store.onPoint((p: { series: Record<string, { count?: number }> }) => { writer.write(p); void p.series.http_reqs?.count; void p.series.ws_connections; });
  let gcMs = 0, gcMaxMs = 0, scavenges = 0;
  const obs = new PerformanceObserver((l) => {
    for (const e of l.getEntries()) {
      gcMs += e.duration;
      if (e.duration > gcMaxMs) gcMaxMs = e.duration;
      if ((e as unknown as { detail?: { kind?: number } }).detail?.kind === constants.NODE_PERFORMANCE_GC_MINOR) scavenges++;
    }
  });
  obs.observe({ entryTypes: ['gc'] });
  // CPU time is the figure least moved by other processes on a shared machine; lateness and GC pauses are wall-clock
  const cpu0 = process.cpuUsage();
  const epoch = Date.now(), t0 = performance.now();
  store.startClock(epoch, t0);
  const late: number[] = [];
  let sent = 0, k = 0, nextSecond = 1;
  await new Promise<void>((done) => {
    const tick = (intended: number) => {
      const now = performance.now();
      late.push(now - intended);
      // the requests due by now, each recording like a response does
      const due = Math.floor(((now - t0) / 1000) * rate);
      for (; sent < due; sent++) {
        const [status, ok] = statuses[k & 3];
        const s = eps[(k >> 2) % endpoints].status(status, ok);
        k++;
        s.reqs.add(1); s.failed.add(ok ? 0 : 1); s.duration.add(1 + (k % 7)); s.blocked.add(0.1); s.connecting.add(0);
        s.sending.add(0.02); s.waiting.add(0.8 + (k % 5) / 10); s.receiving.add(0.05); s.sent.add(120); s.received.add(240);
      }
      if (now - t0 >= nextSecond * 1000) void store.flushSecondSliced(epoch + (nextSecond++ - 1) * 1000);
      if (now - t0 >= seconds * 1000) { done(); return; }
      const at = performance.now();
      setTimeout(tick, 1, at + 1); // lateness of each timer on its own (missed ticks are not owed)
    };
    tick(t0);
  });
  const cpu = process.cpuUsage(cpu0);
  store.flushRemaining();
  obs.disconnect();
  writer.close();
  rmSync(dir, { recursive: true, force: true });
  const warm = late.slice(Math.floor(late.length / 5)).sort((a, b) => a - b); // first 20 %: series being created
  const workMsPerS = typeof store.workMs === 'number' ? store.workMs / seconds : NaN;
  return { lateP99: warm[Math.floor(warm.length * 0.99)], lateMax: warm[warm.length - 1], gcMs, gcMaxMs, cpuMs: (cpu.user + cpu.system) / 1000, scavenges, requests: sent, workMsPerS };
}

const childOf = childCase();
if (childOf) {
  const foldHere = childOf[0] !== ROOT || process.env.BENCH_FOLD_HERE === '1' || !existsSync(join(childOf[0], 'src/run/fold-thread.ts'));
  console.log(JSON.stringify(await child(childOf[0], childOf[1], foldHere)));
} else {
  const roots: Array<[string, string, boolean]> = benchRoots().map(([l, r]) => [l, r, true]);
  // this checkout: first folding on the timing thread, then with the fold thread
  roots.splice(roots.length - 1, 1, ['this checkout, fold here', ROOT, true], ['this checkout, fold thread', ROOT, false]);
  const runs = roots.map(() => ({ 1: [] as Result[], 200: [] as Result[] }));
  console.error(`${rate} requests/s x 10 samples for ${seconds}s, ${rounds} rounds, 1 vs 200 endpoints x 4 statuses`);
  for (let i = 0; i < rounds; i++) for (const [j, [label, root, here]] of roots.entries()) for (const n of [1, 200] as const) {
    const r = spawnSync(process.execPath, ['--import', 'tsx', join(ROOT, 'bench/store-timing.bench.ts')], { cwd: ROOT, env: { ...process.env, BENCH_CHILD: JSON.stringify([root, n]), BENCH_FOLD_HERE: here ? '1' : '0' }, encoding: 'utf8' });
    if (r.status !== 0) throw new Error(`case ${label} ${n} failed: ${r.stderr}`);
    const res = JSON.parse(r.stdout.trim().split('\n').at(-1)!) as Result;
    console.error(`  round ${i + 1}, ${label}, ${n} endpoint(s): lateness p99 ${res.lateP99.toFixed(2)} ms, max ${res.lateMax.toFixed(1)} ms, GC ${res.gcMs.toFixed(0)} ms (longest ${res.gcMaxMs.toFixed(1)} ms, ${res.scavenges} scavenges), CPU ${res.cpuMs.toFixed(0)} ms, timing-thread store work ${res.workMsPerS.toFixed(2)} ms/s`);
    runs[j][n].push(res);
  }
  const med = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  console.log(`\nstore cost on the timing thread (${rate}/s, 1-ms timer, ${seconds} s): lateness p99 ms | GC ms total / longest | process CPU ms, median of ${rounds} rounds`);
  console.log('| store | 1 endpoint: lateness p99 | GC | CPU | 200 x 4: lateness p99 | GC | CPU | ratio p99 200/1 (goal <= 1.2x) | ratio CPU 200/1 | 200 x 4: timing-thread work ms/s |');
  console.log('|---|---|---|---|---|---|---|---|---|---|');
  for (const [j, [label]] of roots.entries()) {
    const m = (n: 1 | 200, f: keyof Result) => med(runs[j][n].map((r) => r[f]));
    console.log(`| ${label} | ${m(1, 'lateP99').toFixed(2)} | ${m(1, 'gcMs').toFixed(0)} / ${m(1, 'gcMaxMs').toFixed(1)} | ${m(1, 'cpuMs').toFixed(0)} | ${m(200, 'lateP99').toFixed(2)} | ${m(200, 'gcMs').toFixed(0)} / ${m(200, 'gcMaxMs').toFixed(1)} | ${m(200, 'cpuMs').toFixed(0)} | ${(m(200, 'lateP99') / m(1, 'lateP99')).toFixed(2)}x | ${(m(200, 'cpuMs') / m(1, 'cpuMs')).toFixed(2)}x | ${m(200, 'workMsPerS').toFixed(2)} |`);
  }
}
