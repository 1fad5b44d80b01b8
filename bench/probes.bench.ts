// npm run bench:probes — the cost of the PostgreSQL and Redis probes on an idle throwaway PostgreSQL 15 and
// Redis: generator CPU (process.cpuUsage, % of one core), queries/commands per second they add to the
// servers (pg_stat_statements calls of the probe's marked statement; Redis total_commands_processed) and the
// CPU of the PostgreSQL backend serving the probe (/proc), at the default 1 s interval and at the fastest
// 100 ms. Anchor: the same window with no probe (the generator's idle CPU). Not a test: it prints a table.
import { readFileSync } from 'node:fs';
import { Redis } from 'ioredis';
import { PostgresProbe, PROBE_MARK } from '../src/resources/postgres-probe.ts';
import { RedisProbe } from '../src/resources/redis-probe.ts';
import { CLK_TCK } from '../src/resources/proc.ts';
import type { Sampler, SamplerContext } from '../src/contracts/sampler.ts';
import { startPostgres, startRedis } from '../test/helpers/services.ts';

const WINDOW_MS = Number(process.env.BENCH_WINDOW_MS ?? (process.env.BENCH_QUICK ? 5_000 : 20_000));
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function procCpuSeconds(pid: number): number {
  try {
    const rest = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
    return (Number(rest[11]) + Number(rest[12])) / CLK_TCK;
  } catch {
    return 0;
  }
}

const ctx: SamplerContext = { sink: { add() {} }, warn() {}, fail() {}, signal: new AbortController().signal };

const pgs = await startPostgres();
const redis = await startRedis();
const admin = await pgs.client('withstats');
const rc = new Redis(redis.url);
const probeCalls = async () => Number((await admin.query(`SELECT coalesce(sum(calls), 0) AS n FROM pg_stat_statements WHERE query LIKE '%${PROBE_MARK}%' AND query NOT LIKE '%coalesce(sum(calls), 0) AS n%'`)).rows[0].n);
const redisCommands = async () => Number(/total_commands_processed:(\d+)/.exec(await rc.info('stats'))![1]);

interface Row { what: string; cpuPct: number; pgQps?: number; pgBackendPct?: number; redisCps?: number }
const rows: Row[] = [];

async function measure(what: string, samplers: Sampler[]): Promise<void> {
  for (const s of samplers) await s.start(ctx);
  const backend = samplers.some((s) => s.name === 'postgres')
    ? Number((await admin.query("SELECT pid FROM pg_stat_activity WHERE application_name = 'loadcert-probe'")).rows[0]?.pid) : undefined;
  const [calls0, cmds0, back0] = [await probeCalls(), await redisCommands(), backend ? procCpuSeconds(backend) : 0];
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  await sleep(WINDOW_MS);
  const cpu = process.cpuUsage(cpu0);
  const secs = (performance.now() - t0) / 1000;
  const [calls1, cmds1, back1] = [await probeCalls(), await redisCommands(), backend ? procCpuSeconds(backend) : 0];
  for (const s of samplers) await s.stop();
  rows.push({
    what, cpuPct: ((cpu.user + cpu.system) / 1e6 / secs) * 100,
    pgQps: samplers.some((s) => s.name === 'postgres') ? (calls1 - calls0) / secs : undefined,
    pgBackendPct: backend ? ((back1 - back0) / secs) * 100 : undefined,
    // the bench's own INFO before and after counts 1; the probes' are the rest
    redisCps: samplers.some((s) => s.name === 'redis') ? (cmds1 - cmds0 - 1) / secs : undefined,
  });
}

try {
  await measure('no probe (anchor)', []);
  await measure('postgres + redis, 1 s', [new PostgresProbe(pgs.url('withstats'), 1000), new RedisProbe(redis.url, 1000)]);
  await measure('postgres + redis, 100 ms', [new PostgresProbe(pgs.url('withstats'), 100), new RedisProbe(redis.url, 100)]);
} finally {
  await admin.end();
  rc.disconnect();
  await pgs.stop();
  await redis.stop();
}

const f = (n: number | undefined, d = 2) => (n === undefined ? '-' : n.toFixed(d));
console.log(`probe cost over ${WINDOW_MS / 1000} s windows (idle servers)`);
console.log('| setting | generator CPU (% of a core) | PostgreSQL queries/s added | PostgreSQL backend CPU (%) | Redis commands/s added |');
console.log('|---|---|---|---|---|');
for (const r of rows) console.log(`| ${r.what} | ${f(r.cpuPct)} | ${f(r.pgQps)} | ${f(r.pgBackendPct)} | ${f(r.redisCps)} |`);
