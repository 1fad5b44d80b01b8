// npm run bench: loadcert's HTTP engine beside autocannon on the demo target, in one run.
// Not a test: prints figures and ratios; nothing asserts a wall-clock time.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CAN_PIN, ROOT, loadcertRun, pinned, runMeasured, startTarget } from './lib/procs.ts';

const quick = process.env.BENCH_QUICK === '1';
const out = () => mkdtempSync(join(tmpdir(), 'loadcert-bench-'));
const rows: Array<[string, string, string, string]> = [];
const row = (what: string, figure: string, anchor: string, goal: string) => { rows.push([what, figure, anchor, goal]); console.error(`  ${what}: ${figure} | ${anchor} | goal ${goal}`); };

const target = await startTarget();
console.error(`demo target ${target.url}; pinning ${CAN_PIN ? 'target core 0, generator core 1' : 'unavailable'}`);
try {
  // Warm the target up so JIT state is comparable for both tools.
  await loadcertRun('closed.ts', target.url, out(), { BENCH_VUS: '50', BENCH_DURATION: '3s' });

  // (1) Closed model, 50 connections, 10 s.
  const dur = quick ? '4' : '10';
  const [acCmd, acArgs] = pinned(1, process.execPath, [join(ROOT, 'node_modules/autocannon/autocannon.js'), '-c', '50', '-d', dur, '--json', `${target.url}/api/ping`]);
  const ac = await runMeasured(acCmd, acArgs);
  const acRps = JSON.parse(ac.stdout).requests.average as number;
  const closed = await loadcertRun('closed.ts', target.url, out(), { BENCH_VUS: '50', BENCH_DURATION: `${dur}s` });
  const lcRps = closed.summary.metrics.http_reqs.values.rate as number;
  row('closed model, 50 conns: req/s', lcRps.toFixed(0), `autocannon ${acRps.toFixed(0)} (ratio ${(lcRps / acRps).toFixed(2)})`, '>= 1.0');

  // (2) Open model: 500 req/s, then stepping up to the highest rate held.
  const steps = quick ? [500, 5000] : [500, 2000, 5000, 10_000, 15_000, 20_000, 25_000];
  let best = 0;
  for (const rate of steps) {
    const r = await loadcertRun('open.ts', target.url, out(), { BENCH_RATE: String(rate), BENCH_DURATION: '5s' });
    const m = r.summary.metrics;
    const achieved = m['http_reqs{scenario:measure}'].values.count / (rate * 5);
    const late = m['http_req_blocked{scenario:measure}'].values['p(99)'];
    const dropped = m['dropped_iterations{scenario:measure}']?.values.count ?? 0;
    row(`open model ${rate}/s (after 3 s warm-up): achieved/target, send lateness p99`, `${(achieved * 100).toFixed(2)} %, ${late.toFixed(2)} ms${dropped ? `, ${dropped} dropped` : ''}`, `schedule ${rate * 5} requests`, 'within 0.5 %, <= 2 ms at 20,000/s');
    if (achieved >= 0.995 && !dropped) best = rate; else break;
  }
  row('highest open-model rate held (within 0.5 %, no drops)', `${best}/s`, `autocannon closed-loop ceiling ${acRps.toFixed(0)}/s`, '20,000/s');

  // (3) Latency error on a 50 ms route.
  const slow = await loadcertRun('open.ts', target.url, out(), { BENCH_RATE: '100', BENCH_DURATION: quick ? '3s' : '10s', BENCH_PATH: '/slow?ms=50' });
  const p50 = slow.summary.metrics['http_req_duration{scenario:measure}'].values.med as number;
  const [slowCmd, slowArgs] = pinned(1, process.execPath, [join(ROOT, 'node_modules/autocannon/autocannon.js'), '-c', '10', '-d', quick ? '3' : '10', '--json', `${target.url}/slow?ms=50`]);
  const acSlow = JSON.parse((await runMeasured(slowCmd, slowArgs)).stdout).latency;
  row('latency error: p50 on a 50 ms route minus 50 ms', `${(p50 - 50).toFixed(2)} ms`, `autocannon p50 ${acSlow.p50} ms (whole ms only); the server timer itself fires late, in both`, '< 1 ms');

  // (4) Memory: peak RSS of a 100,000-request run vs a 1,000,000-request run.
  const small = quick ? 20_000 : 100_000;
  const large = quick ? 200_000 : 1_000_000;
  const a = await loadcertRun('iterations.ts', target.url, out(), { BENCH_ITERATIONS: String(small) });
  const b = await loadcertRun('iterations.ts', target.url, out(), { BENCH_ITERATIONS: String(large) });
  row(`peak RSS: ${small} vs ${large} requests`, `${(a.peakRssKb / 1024).toFixed(1)} MB -> ${(b.peakRssKb / 1024).toFixed(1)} MB (growth ${((b.peakRssKb - a.peakRssKb) / 1024).toFixed(1)} MB)`, `${b.summary.metrics.http_reqs.values.count} requests recorded`, 'growth < 20 MB');
} finally {
  target.stop();
}

console.log('\nloadcert HTTP benchmark' + (quick ? ' (BENCH_QUICK=1: shortened)' : ''));
console.log('| measure | loadcert | anchor | goal |');
console.log('|---|---|---|---|');
for (const r of rows) console.log(`| ${r.join(' | ')} |`);
