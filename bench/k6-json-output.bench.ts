// npm run bench:json-out: does `--out json=FILE` (every sample written as k6's JSON) change what
// loadcert measures? The same open-model load (BENCH_RATE/s, default 10,000, 1 endpoint x 4 statuses)
// without and with the JSON file, alternated in each round; the ratio of their send lateness
// (http_req_blocked p99) is the figure (goal <= 1.2x: writing happens off the timing path). With the
// file: the sample lines written, the samples dropped (written + dropped = recorded), and the
// http_req_duration lines against summary.json's request count (every request's sample). Not a test.
import { createReadStream, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { binFlags, CAN_PIN, ROOT, pinned, runMeasured, startTarget } from './lib/procs.ts';

const rate = process.env.BENCH_RATE ?? '10000';
const duration = process.env.BENCH_DURATION ?? '10s';
const rounds = Number(process.env.BENCH_ROUNDS ?? 2);

type Run = { blocked: number; duration: number; reqs: number; saturated: boolean; bytes: number; dropped: string; points: number; durationPoints: number; allReqs: number };

/** Point lines in the k6 JSON file, and those of http_req_duration (streamed: the file is hundreds of MB). */
async function countPoints(file: string): Promise<{ points: number; durationPoints: number }> {
  let points = 0, durationPoints = 0, carry = '';
  for await (const chunk of createReadStream(file, { encoding: 'latin1', highWaterMark: 1 << 20 })) {
    const lines = (carry + chunk).split('\n');
    carry = lines.pop()!;
    for (const l of lines) if (l.startsWith('{"type":"Point"')) { points++; if (l.endsWith('"metric":"http_req_duration"}')) durationPoints++; }
  }
  return { points, durationPoints };
}
async function run(json: boolean): Promise<Run> {
  const dir = mkdtempSync(join(tmpdir(), 'loadcert-bench-'));
  const file = join(dir, 'k6.json');
  const extra = json ? ['--out', `json=${file}`] : [];
  const [cmd, args] = pinned(1, process.execPath, [...binFlags(), join(ROOT, 'bin/loadcert.mjs'), 'run', join(ROOT, 'bench/scenarios/endpoints.ts'), '--base-url', target.url, '--out', dir, ...extra, '--skip-preflight']);
  const r = await runMeasured(cmd, args, { BENCH_RATE: rate, BENCH_ENDPOINTS: '1', BENCH_DURATION: duration });
  if (r.code !== 0 && r.code !== 112) throw new Error(`loadcert exited ${r.code}: ${r.stderr.slice(-2000)}`);
  const s = JSON.parse(readFileSync(join(dir, 'summary.json'), 'utf8'));
  const m = s.metrics;
  const drop = (s.loadcert.warnings as string[]).map((w) => /dropped (\d+) samples/.exec(w)).find((x) => x);
  const counted = json ? await countPoints(file) : { points: 0, durationPoints: 0 };
  const bytes = json ? statSync(file).size : 0;
  rmSync(dir, { recursive: true, force: true });
  return {
    blocked: m['http_req_blocked{scenario:measure}'].values['p(99)'], duration: m['http_req_duration{scenario:measure}'].values['p(99)'],
    reqs: m['http_reqs{scenario:measure}'].values.count, saturated: r.code === 112,
    bytes, dropped: drop ? drop[1] : '0', ...counted, allReqs: m.http_reqs.values.count,
  };
}

const target = await startTarget();
console.error(`demo target ${target.url}; pinning ${CAN_PIN ? 'target core 0, generator core 1' : 'unavailable'}; ${rate}/s for ${duration}, ${rounds} rounds`);
const runs: Record<'off' | 'on', Run[]> = { off: [], on: [] };
try {
  for (let i = 0; i < rounds; i++) for (const json of [false, true]) {
    const r = await run(json);
    console.error(`  round ${i + 1}, json ${json ? 'on ' : 'off'}: blocked p99 ${r.blocked.toFixed(2)} ms, duration p99 ${r.duration.toFixed(2)} ms, ${r.reqs} requests${json ? `, ${(r.bytes / 1e6).toFixed(0)} MB written: ${r.points} samples written + ${r.dropped} dropped = sent, http_req_duration ${r.durationPoints} of ${r.allReqs} requests` : ''}${r.saturated ? ' (generator saturated)' : ''}`);
    runs[json ? 'on' : 'off'].push(r);
  }
} finally {
  target.stop();
}
const med = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const off = med(runs.off.map((r) => r.blocked)), on = med(runs.on.map((r) => r.blocked));
console.log(`\n--out json vs none (${rate}/s): http_req_blocked p99 ms, median of ${rounds} rounds`);
console.log('| without | with --out json | ratio | goal | samples dropped (with) |');
console.log('|---|---|---|---|---|');
console.log(`| ${off.toFixed(2)} | ${on.toFixed(2)} | ${(on / off).toFixed(2)}x | <= 1.2x | ${runs.on.map((r) => r.dropped).join(', ')} |`);
