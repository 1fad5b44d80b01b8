// npm run bench:endpoints: does the number of series change what loadcert measures? The same open-model
// load (BENCH_RATE/s, 4 statuses) spread over 1 endpoint name, then over 200, in one run; the ratio of
// their send lateness (http_req_blocked p99) and http_req_duration p99 is the figure. Not a test.
// BENCH_BEFORE=<dir of another loadcert checkout> adds the same pair run with that checkout (e.g. main).
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { binFlags, CAN_PIN, ROOT, pinned, runMeasured, startTarget } from './lib/procs.ts';

const rate = process.env.BENCH_RATE ?? '2000';
const duration = process.env.BENCH_DURATION ?? '10s';
const rounds = Number(process.env.BENCH_ROUNDS ?? 2);
const out = () => mkdtempSync(join(tmpdir(), 'loadcert-bench-'));

async function run(root: string, endpoints: number) {
  const dir = out();
  const [cmd, args] = pinned(1, process.execPath, [...binFlags(root), join(root, 'bin/loadcert.mjs'), 'run', join(ROOT, 'bench/scenarios/endpoints.ts'), '--base-url', target.url, '--out', dir, '--skip-preflight']);
  const r = await runMeasured(cmd, args, { BENCH_RATE: rate, BENCH_ENDPOINTS: String(endpoints), BENCH_DURATION: duration });
  // 112 with a saturated generator (a busy shared machine) still measured: kept, and flagged in the table.
  if (r.code !== 0 && r.code !== 112) throw new Error(`loadcert exited ${r.code}: ${r.stderr.slice(-2000)}`);
  const m = JSON.parse(readFileSync(join(dir, 'summary.json'), 'utf8')).metrics;
  return { blocked: m['http_req_blocked{scenario:measure}'].values['p(99)'] as number, duration: m['http_req_duration{scenario:measure}'].values['p(99)'] as number, reqs: m['http_reqs{scenario:measure}'].values.count as number, saturated: r.code === 112 };
}

const target = await startTarget();
console.error(`demo target ${target.url}; pinning ${CAN_PIN ? 'target core 0, generator core 1' : 'unavailable'}; ${rate}/s for ${duration}, ${rounds} rounds`);
const roots: Array<[string, string]> = [['this checkout', ROOT]];
if (process.env.BENCH_BEFORE) roots.unshift(['before (' + process.env.BENCH_BEFORE + ')', process.env.BENCH_BEFORE]);
const rows: string[] = [];
type Run = { blocked: number; duration: number; reqs: number; saturated: boolean };
try {
  // Alternate checkouts and 1 / 200 endpoints within each round so drift in the machine's load hits all
  // of them; report the median round of each.
  const runs = roots.map(() => ({ 1: [] as Run[], 200: [] as Run[] }));
  for (let i = 0; i < rounds; i++) for (const [j, [label, root]] of roots.entries()) for (const n of [1, 200] as const) {
    const r = await run(root, n);
    console.error(`  round ${i + 1}, ${label}, ${n} endpoint(s) x 4 statuses: blocked p99 ${r.blocked.toFixed(2)} ms, duration p99 ${r.duration.toFixed(2)} ms, ${r.reqs} requests${r.saturated ? ' (generator saturated)' : ''}`);
    runs[j][n].push(r);
  }
  const med = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  for (const [j, [label]] of roots.entries()) {
    const m = (n: 1 | 200) => ({ blocked: med(runs[j][n].map((r) => r.blocked)), duration: med(runs[j][n].map((r) => r.duration)) });
    const one = m(1), many = m(200);
    const sat = runs[j][1].concat(runs[j][200]).filter((r) => r.saturated).length;
    rows.push(`| ${label} | ${one.blocked.toFixed(2)} / ${one.duration.toFixed(2)} | ${many.blocked.toFixed(2)} / ${many.duration.toFixed(2)} | ${(many.blocked / one.blocked).toFixed(2)}x / ${(many.duration / one.duration).toFixed(2)}x | <= 1.2x | ${sat} |`);
  }
} finally {
  target.stop();
}
console.log(`\nseries count vs measurement (${rate}/s, 4 statuses per endpoint): p99 ms, http_req_blocked / http_req_duration, median of ${rounds} rounds`);
console.log('| loadcert | 1 endpoint | 200 endpoints | ratio 200/1 | goal | runs with generator saturated |');
console.log('|---|---|---|---|---|---|');
for (const r of rows) console.log(r);
