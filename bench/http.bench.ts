// npm run bench: loadcert's HTTP engine beside autocannon on the demo target, in one run.
// Not a test: prints figures and ratios; nothing asserts a wall-clock time.
// BENCH_BEFORE=<dir of another loadcert checkout, e.g. an export of main> runs every measure with it too,
// in the same run, so before/after/anchor share the machine's conditions. BENCH_QUICK=1 shortens it;
// BENCH_REPEATS=N runs each open-model rate N times (default 3; 1 with BENCH_QUICK).
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { binFlags, CAN_PIN, ROOT, loadcertRun, pinned, runMeasured, startTarget } from './lib/procs.ts';
import { median, medianText, spread } from './lib/repeats.ts';

const quick = process.env.BENCH_QUICK === '1';
const out = () => mkdtempSync(join(tmpdir(), 'loadcert-bench-'));
const roots: Array<[string, string]> = process.env.BENCH_BEFORE ? [['before', process.env.BENCH_BEFORE], ['after', ROOT]] : [['loadcert', ROOT]];
const rows: string[][] = [];
const row = (goal: string, figures: string[], anchor: string) => { rows.push([goal, ...figures, anchor]); console.error(`  ${goal}: ${figures.join(' | ')} | ${anchor}`); };
const autocannon = async (conns: number, seconds: string, path: string) => {
  const [cmd, args] = pinned(1, process.execPath, [join(ROOT, 'node_modules/autocannon/autocannon.js'), '-c', String(conns), '-d', seconds, '--json', `${target.url}${path}`]);
  return JSON.parse((await runMeasured(cmd, args)).stdout);
};

const target = await startTarget();
console.error(`demo target ${target.url}; pinning ${CAN_PIN ? 'target core 0, generator core 1' : 'unavailable'}; ${roots.map((r) => `${r[0]}=${r[1]}`).join(', ')}`);
try {
  // Warm the target up so JIT state is comparable for every tool.
  await loadcertRun('closed.ts', target.url, out(), { BENCH_VUS: '50', BENCH_DURATION: '3s' });

  // (1) Closed model, 50 connections: autocannon before and after the loadcert runs, anchor = their mean.
  const dur = quick ? '4' : '10';
  const ac1 = (await autocannon(50, dur, '/api/ping')).requests.average as number;
  const closed: number[] = [];
  for (const [, root] of roots) closed.push((await loadcertRun('closed.ts', target.url, out(), { BENCH_VUS: '50', BENCH_DURATION: `${dur}s` }, root)).summary.metrics.http_reqs.values.rate);
  const ac2 = (await autocannon(50, dur, '/api/ping')).requests.average as number;
  const acRps = (ac1 + ac2) / 2;
  row('closed model, 50 conns, req/s (ratio to autocannon) >= 1.0x', closed.map((r) => `${r.toFixed(0)} (${(r / acRps).toFixed(2)}x)`), `autocannon ${acRps.toFixed(0)} (${ac1.toFixed(0)}, ${ac2.toFixed(0)})`);

  // (1b) CPU time per request, closed model (less sensitive to other load on the machine than req/s):
  // (CPU of an N-request run - CPU of a 100-request run) / (N - 100), loadcert vs autocannon, via /usr/bin/time.
  const cpuN = quick ? 20_000 : 100_000;
  const cpuOf = async (cmd: string, args: string[], env: Record<string, string> = {}) => {
    const r = await runMeasured('/usr/bin/time', ['-f', 'CPU %U %S', ...pinned(1, cmd, args).flat()], env);
    const m = /CPU ([\d.]+) ([\d.]+)\s*$/.exec(r.stderr);
    if (!m) throw new Error(`no CPU time in: ${r.stderr.slice(-500)}`);
    return Number(m[1]) + Number(m[2]);
  };
  const acCpu = async (n: number) => cpuOf(process.execPath, [join(ROOT, 'node_modules/autocannon/autocannon.js'), '-c', '50', '-a', String(n), `${target.url}/api/ping`]);
  const acPerReq = ((await acCpu(cpuN)) - (await acCpu(100))) / (cpuN - 100) * 1e6;
  const lcPerReq: string[] = [];
  for (const [, root] of roots) {
    const run = (n: number) => cpuOf(process.execPath, [...binFlags(root), join(root, 'bin/loadcert.mjs'), 'run', join(ROOT, 'bench/scenarios/iterations.ts'), '--base-url', target.url, '--out', out(), '--skip-preflight'], { BENCH_ITERATIONS: String(n) });
    const us = ((await run(cpuN)) - (await run(100))) / (cpuN - 100) * 1e6;
    lcPerReq.push(`${us.toFixed(1)} µs (autocannon/loadcert ${(acPerReq / us).toFixed(2)}x)`);
  }
  row(`CPU per request, closed model, ${cpuN} requests (startup subtracted)`, lcPerReq, `autocannon ${acPerReq.toFixed(1)} µs`);

  // (2) Open model: stepping up to the highest rate held within 0.5 % with no drops; lateness at 10,000/s.
  // Each rate runs REPEATS times (the checkouts interleaved, so they share the machine's moments); the
  // median decides whether the rate was held, so one noisy run cannot decide the figure; the spread is printed.
  const steps = quick ? [5000, 10_000] : [5000, 10_000, 15_000, 20_000, 25_000];
  const repeats = Number(process.env.BENCH_REPEATS ?? (quick ? 1 : 3));
  const best = roots.map(() => 0);
  const held = roots.map(() => 0);
  const lateAt10k = roots.map(() => 'n/a');
  for (const rate of steps) {
    const runs = roots.map(() => ({ achieved: [] as number[], late: [] as number[], dropped: [] as number[] }));
    for (let k = 0; k < repeats; k++) {
      for (let i = 0; i < roots.length; i++) {
        const r = await loadcertRun('open.ts', target.url, out(), { BENCH_RATE: String(rate), BENCH_DURATION: '5s' }, roots[i][1]);
        const m = r.summary.metrics;
        runs[i].achieved.push(m['http_reqs{scenario:measure}'].values.count / (rate * 5));
        runs[i].late.push(m['http_req_blocked{scenario:measure}'].values['p(99)'] as number);
        runs[i].dropped.push(m['dropped_iterations{scenario:measure}']?.values.count ?? 0);
      }
    }
    for (let i = 0; i < roots.length; i++) {
      const { achieved, late, dropped } = runs[i];
      console.error(`    ${roots[i][0]} ${rate}/s over ${repeats} runs, median (spread: runs): sent ${medianText(achieved.map((a) => a * 100), 2, ' %')}, lateness p99 ${medianText(late, 2, ' ms')}, dropped ${medianText(dropped, 0)}`);
      if (rate === 10_000) lateAt10k[i] = `${median(late).toFixed(2)} ms (spread ${spread(late).toFixed(2)})`;
      if (median(achieved) >= 0.995 && median(dropped) === 0 && best[i] === held[i]) best[i] = held[i] = rate; // held (median) every step up to here
      else held[i] = -1;
    }
  }
  row(`highest open-model rate held (median of ${repeats}: within 0.5 %, no drops) >= 20,000/s`, best.map((b) => `${b}/s`), `autocannon closed-loop ceiling ${acRps.toFixed(0)}/s`);
  row(`open-model send lateness p99 at 10,000/s, median of ${repeats} <= 2 ms`, lateAt10k, '-');

  // (3) Latency error on a 50 ms route. The demo target answers /slow?ms=50 at 50 ms, never earlier, and reports
  // the time it measured in Server-Timing `app`: "p50 - 50 ms" is loadcert's error plus the server's, "p50 - server p50"
  // is what loadcert adds on top of the server's own handling time. Anchors: autocannon (whole ms only) and a bare
  // node:http client loop at the same rate (bench/lib/bare-http-client.ts), both pinned like loadcert.
  const slowSecs = quick ? 3 : 10;
  const p50s: string[] = [];
  for (const [, root] of roots) {
    const slow = await loadcertRun('open.ts', target.url, out(), { BENCH_RATE: '100', BENCH_DURATION: `${slowSecs}s`, BENCH_PATH: '/slow?ms=50', BENCH_SERVER_TIMING: 'app' }, root);
    const m = slow.summary.metrics;
    const p50 = m['http_req_duration{scenario:measure}'].values.med as number;
    const server = m['server_timing{scenario:measure,name:app}']?.values.med as number | undefined;
    const blocked = m['http_req_blocked{scenario:measure}'].values.med as number; // send lateness: part of an open-model duration
    p50s.push(`${(p50 - 50).toFixed(2)} ms (p50 - server p50: ${server === undefined ? 'n/a' : `${(p50 - server).toFixed(2)} ms`}; send lateness p50 ${blocked.toFixed(2)} ms)`);
  }
  const [bareCmd, bareArgs] = pinned(1, process.execPath, ['--import', 'tsx', join(ROOT, 'bench/lib/bare-http-client.ts'), `${target.url}/slow?ms=50`, '100', String(slowSecs)]);
  const bare = JSON.parse((await runMeasured(bareCmd, bareArgs)).stdout) as { p50: number; serverP50: number | null };
  const bareServer = bare.serverP50 === null ? 'no Server-Timing app' : `p50 - server p50: ${(bare.p50 - bare.serverP50).toFixed(2)} ms; server p50 ${bare.serverP50.toFixed(3)} ms`;
  const acSlow = (await autocannon(10, String(slowSecs), '/slow?ms=50')).latency;
  row('p50 on a 50 ms route minus 50 ms < 1 ms', p50s,
    `bare node:http client ${(bare.p50 - 50).toFixed(2)} ms (${bareServer}); autocannon p50 ${acSlow.p50} ms (whole ms only)`);

  // (4) Memory: peak RSS of a 100,000-request run vs a 1,000,000-request run.
  const small = quick ? 20_000 : 100_000;
  const large = quick ? 200_000 : 1_000_000;
  const mem: string[] = [];
  for (const [, root] of roots) {
    const a = await loadcertRun('iterations.ts', target.url, out(), { BENCH_ITERATIONS: String(small) }, root);
    const b = await loadcertRun('iterations.ts', target.url, out(), { BENCH_ITERATIONS: String(large) }, root);
    mem.push(`${(a.peakRssKb / 1024).toFixed(1)} -> ${(b.peakRssKb / 1024).toFixed(1)} MB (+${((b.peakRssKb - a.peakRssKb) / 1024).toFixed(1)})`);
  }
  row(`peak RSS growth ${small} -> ${large} requests < 20 MB`, mem, '-');
} finally {
  target.stop();
}

console.log('\nloadcert HTTP benchmark' + (quick ? ' (BENCH_QUICK=1: shortened)' : ''));
console.log(`| goal | ${roots.map((r) => r[0]).join(' | ')} | anchor (same run) |`);
console.log(`|---|${roots.map(() => '---|').join('')}---|`);
for (const r of rows) console.log(`| ${r.join(' | ')} |`);
