// npm run bench:capacity — `loadcert capacity` on a route with a known limit, beside an autocannon sweep of the same route (not a test).
//  1. The demo target's GET /api/work behind C workers of S ms (truth C*1000/S req/s): the capacity found at
//     p95 < 250 ms, its distance from the truth, and the time the search took.
//  2. autocannon on the same route in the same run: a closed-loop sweep of connections, keeping the highest
//     throughput whose p97.5 (autocannon has no p95; p97.5 >= p95, so this is the stricter side) stays under 250 ms.
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

async function search(label: string, baseUrl: string, route: string, targetRps: number, headers?: Record<string, string>): Promise<void> {
  const t0 = performance.now();
  const r = await runCapacity({
    scenarioFile: scenarioFile(route, targetRps, headers), baseUrl, outDir: mkdtempSync(path.join(tmpdir(), 'loadcert-bench-out-')),
    stepMs: STEP, warmupMs: WARMUP, resolution: 0.1, budgetMs: QUICK ? 90_000 : 240_000, skipPreflight: true,
    summaryOut: { write: () => true } as unknown as NodeJS.WritableStream,
  });
  const c = r.capacity;
  console.log(`${label}: loadcert capacity held ${c.maxHeldRps ?? '-'}/s, broke at ${c.firstBrokeRps ?? '-'}/s (${c.limitedBy ? `${c.limitedBy.metric} ${c.limitedBy.expression}` : c.end}), ${c.steps.length} steps, search took ${((performance.now() - t0) / 1000).toFixed(1)} s${c.generatorLimitRps ? `; GENERATOR LIMIT at ${c.generatorLimitRps}/s` : ''}`);
}

async function sweep(label: string, url: string, headers: Record<string, string> = {}): Promise<void> {
  let best = { conns: 0, rps: 0, p975: 0 };
  const t0 = performance.now();
  for (const connections of [5, 10, 20, 40, 80]) {
    // autocannon in its own process (as bench/http.bench.ts), so it does not share loadcert's event loop
    const args = [path.join(ROOT, 'node_modules/autocannon/autocannon.js'), '-c', String(connections), '-d', String(STEP / 1000), '--json',
      ...Object.entries(headers).flatMap(([k, v]) => ['-H', `${k}=${v}`]), url];
    const r = JSON.parse((await promisify(execFile)(process.execPath, args, { maxBuffer: 1 << 24 })).stdout) as { requests: { average: number }; latency: { p97_5: number } };
    const p975 = r.latency.p97_5;
    console.log(`  autocannon ${String(connections).padStart(3)} connections: ${r.requests.average.toFixed(0)} req/s, p97.5 ${p975} ms`);
    if (p975 < P95_MS && r.requests.average > best.rps) best = { conns: connections, rps: r.requests.average, p975 };
    if (p975 >= P95_MS) break;
  }
  console.log(`${label}: autocannon sweep: highest throughput with p97.5 < ${P95_MS} ms: ${best.rps.toFixed(0)} req/s at ${best.conns} connections (sweep took ${((performance.now() - t0) / 1000).toFixed(1)} s)`);
}

const truth = capacityOf({ maxConcurrency: C, serviceMs: S });
const target = await spawnDemoTarget(['--port', '0', '--max-concurrency', String(C), '--service-ms', String(S)]);
try {
  console.log(`demo target GET /api/work: ${C} workers x ${S} ms = truth ${truth} req/s; criterion p95 < ${P95_MS} ms`);
  await search('demo target', target.url, '/api/work', truth / 4);
  await sweep('demo target', `${target.url}/api/work`);
} finally {
  await target.stop();
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
