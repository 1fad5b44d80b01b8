// npm run bench:stack — capacity of the enterprise-docs reference stack on this machine (not a test).
//  1. Open model: steps the request rate on one API route, each request measured from its intended
//     send time (no coordinated omission), and keeps the highest rate that meets the release criteria
//     (p95 < 2 s, errors < 0.5 %, mean db time from Server-Timing < 100 ms, 95 % of the rate served). Latency counts from the
//     intended send time, so a generator falling behind shows in it; its lateness is reported beside.
//  2. wrk on the same route in the same run (closed loop, its maximum throughput) when wrk is installed.
//  3. SignalR: steps the number of concurrent hub users (WebSockets, JSON), each in a 10-user document
//     group editing once a second, and keeps the highest count with every user connected, broadcast
//     p95 < 2 s and no failed invocation.
// Loopback only; every step is bounded in time and count. Needs `npm run stack:up` first.
// Environment: BENCH_ROUTE (default /api/documents?page=5&pageSize=20), BENCH_STEP_SECONDS (5),
// BENCH_RATES (comma list), BENCH_USERS (comma list), BENCH_WRK_CONNECTIONS (50), BENCH_SKIP (wrk,signalr).
import { readFileSync, existsSync } from 'node:fs';
import { execFileSync, spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Pool } from 'undici';
import { HttpTransportType, HubConnectionBuilder, LogLevel, type HubConnection } from '@microsoft/signalr';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const ENV_FILE = process.env.LOADCERT_STACK_ENV_FILE ?? path.join(ROOT, '.stack', 'env');
const STEP_S = Number(process.env.BENCH_STEP_SECONDS ?? 5);
const ROUTE = process.env.BENCH_ROUTE ?? '/api/documents?page=5&pageSize=20';
const RATES = (process.env.BENCH_RATES ?? '100,200,300,500,700,1000,1400,1800,2400,3000').split(',').map(Number);
const USERS = (process.env.BENCH_USERS ?? '50,100,200,400,800,1600').split(',').map(Number);
const SKIP = new Set((process.env.BENCH_SKIP ?? '').split(','));
const CRITERIA = { p95Ms: 2000, errorRate: 0.005, dbMeanMs: 100, heldShare: 0.95 };
/** Send lateness (p99) above which a step is flagged as limited by the generator sharing the cores. */
const LATE_FLAG_MS = 100;

function readEnv(): Record<string, string> {
  if (!existsSync(ENV_FILE)) {
    console.error(`bench:stack needs the stack: ${ENV_FILE} is missing (run npm run stack:up)`);
    process.exit(2);
  }
  const env: Record<string, string> = {};
  for (const line of readFileSync(ENV_FILE, 'utf8').split('\n')) {
    const m = /^([A-Z0-9_]+)=(.*)$/.exec(line.trim());
    if (m) env[m[1]] = m[2];
  }
  return env;
}

const pct = (sorted: number[], p: number): number =>
  sorted.length === 0 ? NaN : sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const fmt = (n: number, d = 1) => (Number.isFinite(n) ? n.toFixed(d) : '-');

interface StepResult {
  rate: number;
  sent: number;
  ok: number;
  errors: number;
  achieved: number;
  p50: number;
  p95: number;
  p99: number;
  dbMean: number;
  lateP99: number;
  pass: boolean;
}

/** One open-model step: `rate` req/s for STEP_S seconds, latency from each intended send time. */
async function openStep(pool: Pool, auth: string, rate: number): Promise<StepResult> {
  const total = Math.round(rate * STEP_S);
  const interval = 1000 / rate;
  const latencies: number[] = [];
  const late: number[] = [];
  let errors = 0;
  let dbSum = 0;
  let dbCount = 0;
  let inFlight = 0;
  const maxInFlight = 4000;
  const pending: Promise<void>[] = [];
  const t0 = performance.now() + 20;
  let i = 0;
  const send = (intended: number) => {
    late.push(performance.now() - intended);
    if (inFlight >= maxInFlight) {
      errors++;
      return;
    }
    inFlight++;
    pending.push(
      pool
        .request({ path: ROUTE, method: 'GET', headers: { authorization: auth }, headersTimeout: 10_000, bodyTimeout: 10_000 })
        .then(async (res) => {
          await res.body.dump();
          latencies.push(performance.now() - intended);
          if (res.statusCode >= 400) errors++;
          const timing = String(res.headers['server-timing'] ?? '');
          const db = /(?:^|,)\s*db;[^,]*dur=([\d.]+)/.exec(timing);
          if (db) {
            dbSum += Number(db[1]);
            dbCount++;
          }
        })
        .catch(() => {
          errors++;
        })
        .finally(() => {
          inFlight--;
        }),
    );
  };
  while (i < total) {
    const now = performance.now();
    while (i < total && t0 + i * interval <= now) send(t0 + i++ * interval);
    if (i < total) await sleep(Math.max(0, Math.min(2, t0 + i * interval - performance.now())));
  }
  await Promise.all(pending);
  const elapsed = (performance.now() - t0) / 1000;
  latencies.sort((a, b) => a - b);
  late.sort((a, b) => a - b);
  const r: StepResult = {
    rate,
    sent: total,
    ok: total - errors,
    errors,
    achieved: (total - errors) / elapsed,
    p50: pct(latencies, 50),
    p95: pct(latencies, 95),
    p99: pct(latencies, 99),
    dbMean: dbCount ? dbSum / dbCount : NaN,
    lateP99: pct(late, 99),
    pass: false,
  };
  r.pass = r.p95 < CRITERIA.p95Ms && r.errors / total < CRITERIA.errorRate && r.dbMean < CRITERIA.dbMeanMs && r.achieved >= rate * CRITERIA.heldShare;
  return r;
}

async function openModel(base: string, token: string): Promise<number> {
  console.log(`\n## Open model on GET ${ROUTE} (${STEP_S} s per step; criteria p95 < ${CRITERIA.p95Ms} ms, errors < 0.5 %, db mean < ${CRITERIA.dbMeanMs} ms, at least 95 % of the rate served; 'late' marks send lateness p99 > ${LATE_FLAG_MS} ms)`);
  console.log('| target req/s | achieved | p50 ms | p95 ms | p99 ms | db mean ms | errors | send late p99 ms | verdict |');
  console.log('|---|---|---|---|---|---|---|---|---|');
  const pool = new Pool(base, { connections: 256, pipelining: 1 });
  let best = 0;
  try {
    await openStep(pool, `Bearer ${token}`, 100); // warm-up (JIT, connection pools), not reported
    for (const rate of RATES) {
      const r = await openStep(pool, `Bearer ${token}`, rate);
      console.log(`| ${rate} | ${fmt(r.achieved)} | ${fmt(r.p50)} | ${fmt(r.p95)} | ${fmt(r.p99)} | ${fmt(r.dbMean, 2)} | ${r.errors} | ${fmt(r.lateP99)}${r.lateP99 > LATE_FLAG_MS ? ' late' : ''} | ${r.pass ? 'pass' : 'FAIL'} |`);
      if (!r.pass) break;
      best = rate;
      await sleep(1000);
    }
  } finally {
    await pool.close();
  }
  console.log(`Highest open-model rate within the criteria: ${best} req/s`);
  return best;
}

function runWrk(base: string, token: string): void {
  if (spawnSync('wrk', ['--version']).error) {
    console.log('\n## wrk: not installed (apt-get install wrk); skipped');
    return;
  }
  const conns = process.env.BENCH_WRK_CONNECTIONS ?? '50';
  const args = ['-t1', `-c${conns}`, `-d${STEP_S + 3}s`, '--latency', '--timeout', '10s', '-H', `Authorization: Bearer ${token}`, base + ROUTE];
  const out = execFileSync('wrk', args, { encoding: 'utf8', timeout: (STEP_S + 30) * 1000 });
  const rps = /Requests\/sec:\s+([\d.]+)/.exec(out)?.[1];
  const p50 = /\s50%\s+(\S+)/.exec(out)?.[1];
  const p99 = /\s99%\s+(\S+)/.exec(out)?.[1];
  const non2xx = /Non-2xx or 3xx responses:\s+(\d+)/.exec(out)?.[1] ?? '0';
  console.log(`\n## wrk 1 thread, ${conns} connections, ${STEP_S + 3} s, same route (closed loop)`);
  console.log(`wrk: ${rps} req/s, p50 ${p50}, p99 ${p99}, non-2xx ${non2xx}`);
}

interface UserStep {
  users: number;
  connected: number;
  edits: number;
  received: number;
  expected: number;
  p50: number;
  p95: number;
  failures: number;
  pass: boolean;
}

async function signalrStep(base: string, token: string, users: number): Promise<UserStep> {
  const connections: HubConnection[] = [];
  const latencies: number[] = [];
  let failures = 0;
  let received = 0;
  const groupSize = 10;
  const run = `b${Date.now().toString(36)}`;
  const connectOne = async (u: number) => {
    const c = new HubConnectionBuilder()
      .withUrl(`${base}/hubs/documents`, { transport: HttpTransportType.WebSockets, accessTokenFactory: () => token })
      .configureLogging(LogLevel.None)
      .build();
    c.serverTimeoutInMilliseconds = 60_000;
    c.on('DocumentEdited', (e: { serverTime: number; delta: { sentAt: number } }) => {
      received++;
      latencies.push(Date.now() - e.delta.sentAt);
    });
    try {
      await c.start();
      await c.invoke('JoinDocument', `${run}-${Math.floor(u / groupSize)}`);
      connections.push(c);
    } catch {
      failures++;
    }
  };
  for (let u = 0; u < users; u += 25) await Promise.all(Array.from({ length: Math.min(25, users - u) }, (_, k) => connectOne(u + k)));
  const connected = connections.length;
  let edits = 0;
  let expected = 0;
  const groupMembers = new Map<string, number>();
  connections.forEach((_, k) => groupMembers.set(`${Math.floor(k / groupSize)}`, (groupMembers.get(`${Math.floor(k / groupSize)}`) ?? 0) + 1));
  const timers: NodeJS.Timeout[] = [];
  const endAt = Date.now() + STEP_S * 1000;
  connections.forEach((c, k) => {
    const doc = `${run}-${Math.floor(k / groupSize)}`;
    const members = groupMembers.get(`${Math.floor(k / groupSize)}`) ?? 1;
    const tick = () => {
      if (Date.now() >= endAt) return;
      edits++;
      expected += members;
      c.invoke('EditDocument', doc, { sentAt: Date.now(), user: k }).catch(() => failures++);
      timers.push(setTimeout(tick, 1000));
    };
    timers.push(setTimeout(tick, Math.random() * 1000));
  });
  await sleep(STEP_S * 1000 + 2000);
  timers.forEach(clearTimeout);
  await Promise.all(connections.map((c) => c.stop().catch(() => undefined)));
  latencies.sort((a, b) => a - b);
  const r: UserStep = { users, connected, edits, received, expected, p50: pct(latencies, 50), p95: pct(latencies, 95), failures, pass: false };
  r.pass = connected === users && failures === 0 && r.p95 < CRITERIA.p95Ms && received >= expected * 0.995;
  return r;
}

async function signalr(base: string, token: string): Promise<number> {
  console.log(`\n## SignalR users (WebSockets, JSON, 10 users per document group, one edit per user per second, ${STEP_S} s per step)`);
  console.log('| users | connected | edits sent | broadcasts received / expected | broadcast p50 ms | p95 ms | failures | verdict |');
  console.log('|---|---|---|---|---|---|---|---|');
  let best = 0;
  for (const users of USERS) {
    const r = await signalrStep(base, token, users);
    console.log(`| ${users} | ${r.connected} | ${r.edits} | ${r.received} / ${r.expected} | ${fmt(r.p50)} | ${fmt(r.p95)} | ${r.failures} | ${r.pass ? 'pass' : 'FAIL'} |`);
    if (!r.pass) break;
    best = users;
    await sleep(1000);
  }
  console.log(`Highest concurrent SignalR users within the criteria: ${best}`);
  return best;
}

const env = readEnv();
const base = env.BASE_URL;
const token = env.API_TOKEN;
if (!/^http:\/\/(127\.\d+\.\d+\.\d+|localhost|\[::1\])(:\d+)?$/.test(base)) {
  console.error(`refusing a non-loopback target: ${base}`);
  process.exit(2);
}
const health = await fetch(`${base}/health`).catch(() => null);
if (health?.status !== 200) {
  console.error(`${base}/health does not answer 200: is the stack up?`);
  process.exit(2);
}
console.log(`# bench:stack against ${base} on ${process.platform} with ${(await import('node:os')).cpus().length} cores (load average ${(await import('node:os')).loadavg().map((l) => l.toFixed(2)).join(' ')})`);
const bestRate = await openModel(base, token);
if (!SKIP.has('wrk')) runWrk(base, token);
const bestUsers = SKIP.has('signalr') ? 0 : await signalr(base, token);
console.log(`\nSummary: open model ${bestRate} req/s within the criteria on GET ${ROUTE}; ${bestUsers} concurrent SignalR users.`);
