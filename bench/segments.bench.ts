// npm run bench:segments: one loadcert process in-process vs --workers 1 (the worker path's overhead,
// goal <= 5 %) vs --workers N, and N execution-segment processes started together and merged
// (loadcert merge), beside autocannon --workers 1 / N, on the demo target, in one run.
// Not a test: prints figures and ratios; nothing asserts a wall-clock time. BENCH_QUICK=1 shortens it,
// BENCH_RATE sets the open-model rate (default 5000/s), BENCH_SEGMENTS the number of processes (default 2).
import { mkdtempSync, readFileSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { ROOT, binFlags, runMeasured, startTarget } from './lib/procs.ts';

const quick = process.env.BENCH_QUICK === '1';
const rate = Number(process.env.BENCH_RATE ?? (quick ? 2000 : 5000));
const n = Number(process.env.BENCH_SEGMENTS ?? 2);
const duration = quick ? '4s' : '10s';
const out = () => mkdtempSync(join(tmpdir(), 'loadcert-bench-seg-'));
const bin = join(ROOT, 'bin/loadcert.mjs');
const scenario = join(ROOT, 'bench/scenarios/open.ts');
const env = { BENCH_RATE: String(rate), BENCH_DURATION: duration };
const read = (dir: string) => JSON.parse(readFileSync(join(dir, 'summary.json'), 'utf8'));
const figures = (s: { metrics: Record<string, { values: Record<string, number> }> }) => {
  const m = s.metrics;
  const count = m['http_reqs{scenario:measure}'].values.count;
  const expected = rate * (parseFloat(duration));
  return { count, achieved: count / expected, lateP99: m['http_req_blocked{scenario:measure}'].values['p(99)'], dropped: m['dropped_iterations{scenario:measure}'].values.count };
};
const show = (f: ReturnType<typeof figures>) => `${(f.achieved * 100).toFixed(2)} % of ${rate}/s held, lateness p99 ${f.lateP99.toFixed(2)} ms, ${f.dropped} dropped`;
const autocannon = async (workers: number) => {
  const args = [join(ROOT, 'node_modules/autocannon/autocannon.js'), '-c', '50', '-d', quick ? '4' : '10', '--json', ...(workers > 1 ? ['--workers', String(workers)] : []), `${target.url}/api/ping`];
  return JSON.parse((await runMeasured(process.execPath, args)).stdout).requests.average as number;
};

const target = await startTarget();
console.error(`demo target ${target.url}; ${cpus().length} cores; open model ${rate}/s for ${duration}; ${n} segment processes`);
try {
  const single = out();
  const r1 = await runMeasured(process.execPath, [...binFlags(), bin, 'run', scenario, '--base-url', target.url, '--out', single, '--skip-preflight'], env);
  if (![0, 99, 112].includes(r1.code!)) throw new Error(`loadcert exited ${r1.code}: ${r1.stderr.slice(-1500)}`);
  const one = figures(read(single));
  const withWorkers = async (w: number) => {
    const dir = out();
    const r = await runMeasured(process.execPath, [...binFlags(), bin, 'run', scenario, '--base-url', target.url, '--out', dir, '--skip-preflight', '--workers', String(w)], env);
    if (![0, 99, 112].includes(r.code!)) throw new Error(`--workers ${w} exited ${r.code}: ${r.stderr.slice(-1500)}`);
    return figures(read(dir));
  };
  const w1 = await withWorkers(1);
  const wN = await withWorkers(n);

  const seq = ['0', ...Array.from({ length: n - 1 }, (_, i) => `${i + 1}/${n}`), '1'];
  const startAt = Date.now() + 20_000;
  const dirs = seq.slice(1).map(() => out());
  const runs = await Promise.all(seq.slice(1).map((to, i) => runMeasured(process.execPath, [...binFlags(), bin, 'run', scenario, '--base-url', target.url, '--out', dirs[i], '--skip-preflight',
    '--execution-segment', `${seq[i]}:${to}`, '--execution-segment-sequence', seq.join(','), '--start-at', String(startAt)], env)));
  runs.forEach((r) => { if (![0, 99, 112].includes(r.code!)) throw new Error(`segment exited ${r.code}: ${r.stderr.slice(-1500)}`); });
  const merged = out();
  const m = await runMeasured(process.execPath, [bin, 'merge', ...dirs, '--out', merged]);
  if (![0, 99, 112].includes(m.code!)) throw new Error(`merge exited ${m.code}: ${m.stderr.slice(-1500)}`);
  const many = figures(read(merged));

  const ac1 = await autocannon(1);
  const acN = await autocannon(n);
  console.log('\n| measure | figure |\n|---|---|');
  console.log(`| 1 process, in-process | ${show(one)} |`);
  console.log(`| --workers 1 | ${show(w1)}; held ratio to in-process ${(w1.achieved / one.achieved).toFixed(3)} (goal >= 0.95) |`);
  console.log(`| --workers ${n} | ${show(wN)}; held ratio to in-process ${(wN.achieved / one.achieved).toFixed(3)} |`);
  console.log(`| ${n} segment processes, merged | ${show(many)}; count ${many.count} vs 1 process ${one.count} |`);
  console.log(`| autocannon -c 50, closed model, req/s | --workers 1: ${ac1.toFixed(0)}; --workers ${n}: ${acN.toFixed(0)} (${(acN / ac1).toFixed(2)}x) |`);
} finally {
  target.stop();
}
