// npm run bench:open-rate: one open-model rate (BENCH_RATE, default 10,000/s; BENCH_DURATION measured after a 5 s
// warm-up) BENCH_REPEATS times (default 3), loadcert pinned to core 1 and the demo target to core 0, with this
// checkout and, when BENCH_BEFORE=<dir of another checkout> is set, that one interleaved. Prints send lateness
// p99 (http_req_blocked), share sent and drops per run and their median. The staircase of `npm run bench`
// in one step. Not a test.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ROOT, loadcertRun, startTarget } from './lib/procs.ts';
import { median, medianText } from './lib/repeats.ts';

const rate = Number(process.env.BENCH_RATE ?? 10_000);
const duration = process.env.BENCH_DURATION ?? '5s';
const repeats = Number(process.env.BENCH_REPEATS ?? 3);
const roots: Array<[string, string]> = process.env.BENCH_BEFORE ? [['before', process.env.BENCH_BEFORE], ['after', ROOT]] : [['loadcert', ROOT]];
const target = await startTarget();
try {
  await loadcertRun('open.ts', target.url, mkdtempSync(join(tmpdir(), 'loadcert-bench-')), { BENCH_RATE: '2000', BENCH_DURATION: '2s' }); // target JIT warm-up
  const runs = roots.map(() => ({ late: [] as number[], sent: [] as number[], dropped: [] as number[] }));
  for (let k = 0; k < repeats; k++) for (const [i, [label, root]] of roots.entries()) {
    const m = (await loadcertRun('open.ts', target.url, mkdtempSync(join(tmpdir(), 'loadcert-bench-')), { BENCH_RATE: String(rate), BENCH_DURATION: duration }, root)).summary.metrics;
    const late = m['http_req_blocked{scenario:measure}'].values['p(99)'] as number;
    const sent = (m['http_reqs{scenario:measure}'].values.count as number) / (rate * Number.parseFloat(duration)) * 100;
    const dropped = (m['dropped_iterations{scenario:measure}']?.values.count as number | undefined) ?? 0;
    runs[i].late.push(late); runs[i].sent.push(sent); runs[i].dropped.push(dropped);
    console.error(`  run ${k + 1} ${label}: lateness p99 ${late.toFixed(2)} ms, sent ${sent.toFixed(2)} %, dropped ${dropped}`);
  }
  for (const [i, [label]] of roots.entries()) {
    const r = runs[i];
    console.log(`${label} ${rate}/s x ${repeats}: send lateness p99 median ${medianText(r.late, 2, ' ms')}, sent ${medianText(r.sent, 2, ' %')}, dropped median ${median(r.dropped)}`);
  }
} finally { target.stop(); }
