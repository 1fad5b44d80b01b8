// npm run bench:capacity — `loadcert capacity` on a route with a known limit, beside an autocannon sweep of the same route (not a test).
//  1. Known truths: the demo target's GET /api/work behind C workers of S ms (truth C*1000/S req/s) in three
//     queueing shapes (unbounded queue; a backlog that outlives its load, --serve-abandoned; a bounded queue
//     shedding 503, --queue-limit), each searched with x2 steps and with x8 steps (a step at 2x the truth):
//     the capacity found at p95 < 250 ms and errors < 1 %, the cool-down waits, the time the search took.
//  2. The independent truth: autocannon on the same route in the same run, a closed-loop sweep of connections
//     keeping the highest 2xx throughput whose p97.5 (autocannon has no p95; p97.5 >= p95, the stricter side)
//     stays under 250 ms with < 1 % non-2xx. A table: found vs swept, within the resolution or not.
//  3. The reference stack (targets/enterprise-docs) when it is up (.stack/env from npm run stack:up): the same
//     search on BENCH_STACK_ROUTE with its bearer token; otherwise it says it skipped it.
// Loopback only; every step bounded. Environment: BENCH_QUICK=1 (shorter steps), BENCH_C (20), BENCH_S (50).
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { spawnDemoTarget } from '../src/target/spawn.ts';
import { capacityOf } from '../src/target/work-queue.ts';
import { runCapacity } from '../src/capacity/run-capacity.ts';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const QUICK = process.env.BENCH_QUICK === '1';
const C = Number(process.env.BENCH_C ?? 20);
const S = Number(process.env.BENCH_S ?? 50);
const P95_MS = 250;
const STEP = QUICK ? 3000 : 5000;
const WARMUP = 2000;
const RESOLUTION = 0.1;

/** A scenario file for one GET route at a target rate, with the p95 criterion (written to a temp folder). */
function scenarioFile(route: string, targetRps: number, headers: Record<string, string> = {}): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'loadcert-bench-capacity-'));
  const file = path.join(dir, 'capacity-bench.ts');
  writeFileSync(file, `export default ${JSON.stringify({
    name: 'capacity-bench', baseUrl: 'http://127.0.0.1:1', thresholdsFile: false, http: { headers },
    workloads: { route: { executor: 'constant-arrival-rate', rate: targetRps, duration: '10s', preAllocatedVUs: 20, maxVUs: 400, steps: [{ name: 'route', path: route }] } },
    thresholds: { http_req_duration: [{ threshold: `p(95)<${P95_MS}` }], http_req_failed: [{ threshold: 'rate<0.01' }] },
  }, null, 2)};\n`);
  return file;
}

interface Found { held: number | null; broke: number | null; steps: number; seconds: number; end: string; waits: number; maxOvershoot: number }

async function search(label: string, baseUrl: string, route: string, targetRps: number, headers?: Record<string, string>, o: { startRps?: number; growth?: number; maxRps?: number } = {}): Promise<Found> {
  const t0 = performance.now();
  const r = await runCapacity({
    scenarioFile: scenarioFile(route, targetRps, headers), baseUrl, outDir: mkdtempSync(path.join(tmpdir(), 'loadcert-bench-out-')),
    stepMs: STEP, warmupMs: WARMUP, resolution: RESOLUTION, budgetMs: QUICK ? 120_000 : 300_000, skipPreflight: true,
    startRps: o.startRps, growth: o.growth, maxRps: o.maxRps,
    summaryOut: { write: () => true } as unknown as NodeJS.WritableStream,
  });
  const c = r.capacity;
  const seconds = (performance.now() - t0) / 1000;
  console.log(`${label}: loadcert capacity held ${c.maxHeldRps ?? '-'}/s, broke at ${c.firstBrokeRps ?? '-'}/s (${c.limitedBy ? `${c.limitedBy.metric} ${c.limitedBy.expression}` : c.end}), ${c.steps.length} steps [${c.steps.map((x) => `${x.rps}:${x.outcome[0]}${x.cooldown && x.cooldown.probes > 1 ? `+${(x.cooldown.waitedMs / 1000).toFixed(1)}s` : ''}`).join(' ')}], search took ${seconds.toFixed(1)} s${c.generatorLimitRps ? `; GENERATOR LIMIT at ${c.generatorLimitRps}/s` : ''}${c.unrecovered ? `; did not recover after ${c.unrecovered.afterRps}/s` : ''}`);
  return { held: c.maxHeldRps, broke: c.firstBrokeRps, steps: c.steps.length, seconds, end: c.end, waits: c.steps.filter((x) => x.cooldown && x.cooldown.probes > 1).length, maxOvershoot: Math.max(0, ...c.steps.map((x) => x.rps)) };
}

/** The independent truth: autocannon (closed loop, its own process) over growing connections; the highest throughput with p97.5 < the line and < 1 % non-2xx. */
async function sweep(label: string, url: string, headers: Record<string, string> = {}): Promise<number> {
  let best = { conns: 0, rps: 0, p975: 0 };
  const t0 = performance.now();
  for (const connections of [5, 10, 20, 40, 80]) {
    // autocannon in its own process (as bench/http.bench.ts), so it does not share loadcert's event loop
    const args = [path.join(ROOT, 'node_modules/autocannon/autocannon.js'), '-c', String(connections), '-d', String(STEP / 1000), '--json',
      ...Object.entries(headers).flatMap(([k, v]) => ['-H', `${k}=${v}`]), url];
    const r = JSON.parse((await promisify(execFile)(process.execPath, args, { maxBuffer: 1 << 24 })).stdout) as { requests: { average: number; total: number }; latency: { p97_5: number }; non2xx?: number };
    const p975 = r.latency.p97_5;
    const bad = (r.non2xx ?? 0) / Math.max(1, r.requests.total);
    const ok = p975 < P95_MS && bad < 0.01;
    // the throughput of 2xx answers only: a shedding system's 503s are not capacity
    const good = r.requests.average * (1 - bad);
    console.log(`  autocannon ${String(connections).padStart(3)} connections: ${good.toFixed(0)} good req/s, p97.5 ${p975} ms, non-2xx ${(bad * 100).toFixed(1)} %`);
    if (ok && good > best.rps) best = { conns: connections, rps: good, p975 };
    if (!ok) break;
  }
  console.log(`${label}: autocannon sweep: highest throughput with p97.5 < ${P95_MS} ms and < 1 % non-2xx: ${best.rps.toFixed(0)} req/s at ${best.conns} connections (sweep took ${((performance.now() - t0) / 1000).toFixed(1)} s)`);
  return best.rps;
}

/** One known-truth case: a demo target shape, a search (or several with different steps), the sweep of the same route in the same run. */
interface Row { shape: string; search: string; truth: number; sweep: number; f: Found }
const rows: Row[] = [];

async function knownTruth(shape: string, args: string[], searches: Array<{ label: string; startRps: number; growth: number }>): Promise<void> {
  const truth = capacityOf({ maxConcurrency: C, serviceMs: S });
  const target = await spawnDemoTarget(['--port', '0', '--max-concurrency', String(C), '--service-ms', String(S), ...args]);
  try {
    console.log(`\ndemo target GET /api/work, ${shape}: ${C} workers x ${S} ms = truth ${truth} req/s; criteria p95 < ${P95_MS} ms, errors < 1 %`);
    const found: Array<{ label: string; f: Found }> = [];
    for (const s of searches) found.push({ label: s.label, f: await search(`${shape}, ${s.label}`, target.url, '/api/work', truth / 4, undefined, { startRps: s.startRps, growth: s.growth, maxRps: truth * 4 }) });
    const swept = await sweep(shape, `${target.url}/api/work`);
    for (const x of found) rows.push({ shape, search: x.label, truth, sweep: swept, f: x.f });
  } finally {
    await target.stop();
  }
}

const QUEUE = C; // the bounded queue holds as many as the workers: past it, 503 at once
await knownTruth('worker pool, unbounded queue', [], [
  { label: 'x2 steps from target/4', startRps: C * 1000 / S / 4, growth: 2 },
  { label: 'x8 steps (overshoot 2x)', startRps: C * 1000 / S / 4, growth: 8 },
]);
await knownTruth('worker pool, backlog outlives its load (--serve-abandoned)', ['--serve-abandoned'], [
  { label: 'x8 steps (overshoot 2x)', startRps: C * 1000 / S / 4, growth: 8 },
]);
await knownTruth(`fixed pool, bounded queue of ${QUEUE} shedding 503 (--queue-limit)`, ['--queue-limit', String(QUEUE)], [
  { label: 'x2 steps from target/4', startRps: C * 1000 / S / 4, growth: 2 },
  { label: 'x8 steps (overshoot 2x)', startRps: C * 1000 / S / 4, growth: 8 },
]);

console.log(`\nKnown truths (resolution ${RESOLUTION * 100} %: within = held >= sweep / (1 + resolution) and held <= sweep x (1 + resolution))`);
console.log('| queueing shape | search | truth C/S | sweep (closed loop) | held | first broke | highest step | steps | cool-down waits | search s | within |');
console.log('|---|---|---|---|---|---|---|---|---|---|---|');
for (const r of rows) {
  const within = r.f.held !== null && r.f.held >= r.sweep / (1 + RESOLUTION) && r.f.held <= r.sweep * (1 + RESOLUTION);
  console.log(`| ${r.shape} | ${r.search} | ${r.truth} | ${r.sweep.toFixed(0)} | ${r.f.held ?? '-'} | ${r.f.broke ?? '-'} | ${r.f.maxOvershoot} (${(r.f.maxOvershoot / r.sweep).toFixed(1)}x) | ${r.f.steps} | ${r.f.waits} | ${r.f.seconds.toFixed(0)} | ${within ? 'yes' : 'NO'} |`);
}

const envFile = process.env.LOADCERT_STACK_ENV_FILE ?? path.join(ROOT, '.stack', 'env');
if (!existsSync(envFile)) {
  console.log(`reference stack: skipped (${envFile} is missing: run npm run stack:up first)`);
} else {
  const env: Record<string, string> = Object.fromEntries(readFileSync(envFile, 'utf8').split('\n').map((l) => /^([A-Z0-9_]+)=(.*)$/.exec(l.trim())).filter((m) => m).map((m) => [m![1], m![2]]));
  const route = process.env.BENCH_STACK_ROUTE ?? '/api/documents?page=5&pageSize=20';
  const headers: Record<string, string> = env.API_TOKEN ? { authorization: `Bearer ${env.API_TOKEN}` } : {};
  await search(`reference stack ${route}`, env.BASE_URL, route, 100, headers);
  await sweep(`reference stack ${route}`, `${env.BASE_URL}${route}`, headers);
}
