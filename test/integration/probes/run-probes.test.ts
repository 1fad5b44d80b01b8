// The probes in a real `loadcert run` on the demo target: unreachable servers make the run INCOMPLETE (112)
// naming each; real PostgreSQL and Redis under load give measured, applicable criteria.
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import { createDemoTarget } from '../../../src/target/server.ts';
import { runCli, startCli, tempOut, readSummary, fixture, ROOT } from '../../helpers/cli.ts';
import { freePort, hasRedis, postgresBin, skipUnless, startPostgres, startRedis, type TestPostgres, type TestRedis } from '../../helpers/services.ts';

type Target = Awaited<ReturnType<typeof createDemoTarget>>;
let target: Target;
before(async () => { target = await createDemoTarget({ port: 0 }); });
after(async () => { await target.close(); delete process.env.PROBE_PG_URL; delete process.env.PROBE_REDIS_URL; delete process.env.PROBE_DURATION; });

const thresholds = join(ROOT, 'test/fixtures/thresholds-probes.json');
const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

test('PostgreSQL and Redis declared but unreachable: one measurement failure each, criteria not measured, INCOMPLETE exit 112', { timeout: 60_000 }, async () => {
  const [pgPort, redisPort] = [await freePort(), await freePort()];
  process.env.PROBE_PG_URL = `postgresql://app:s3cret@127.0.0.1:${pgPort}/docs`;
  process.env.PROBE_REDIS_URL = `redis://:hunter2@127.0.0.1:${redisPort}`;
  const out = tempOut();
  const r = await runCli(['run', fixture('probes.ts'), '--base-url', target.url, '--out', out, '--thresholds', thresholds]);
  assert.equal(r.code, 112, r.stdout + r.stderr);
  const s = readSummary(out);
  assert.equal(s.loadcert.verdict, 'INCOMPLETE');
  const by = (src: string) => (s.loadcert.measurementFailures ?? []).find((f) => f.source === src);
  assert.match(by('postgres')?.cause ?? '', new RegExp(`postgres sampler failed to start: cannot read PostgreSQL at postgresql://app:\\*\\*\\*@127\\.0\\.0\\.1:${pgPort}/docs: .*ECONNREFUSED`));
  assert.match(by('redis')?.cause ?? '', new RegExp(`redis sampler failed to start: cannot read Redis at redis://:\\*\\*\\*@127\\.0\\.0\\.1:${redisPort}: .*ECONNREFUSED`));
  assert.doesNotMatch(r.stdout + r.stderr + readFileSync(join(out, 'summary.json'), 'utf8'), /s3cret|hunter2/);
  for (const m of ['postgres_statement_run_mean_ms', 'redis_keyspace_hit_run_percent']) assert.equal(s.thresholds.find((t) => t.metric === m)?.status, 'not measured', m);
  assert.ok(s.loadcert.sources?.includes('postgres') && s.loadcert.sources.includes('redis'));
});

describe('with real servers under load', { skip: skipUnless(postgresBin() !== undefined && hasRedis(), 'PostgreSQL and redis-server'), timeout: 120_000 }, () => {
  let pgs: TestPostgres;
  let redis: TestRedis;
  before(async () => { [pgs, redis] = await Promise.all([startPostgres(), startRedis()]); });
  after(async () => { await pgs?.stop(); await redis?.stop(); });

  test('the probes measure the database and the cache: criteria met, CERTIFIED, and the report shows them', async () => {
    process.env.PROBE_PG_URL = pgs.url('withstats');
    process.env.PROBE_REDIS_URL = redis.url;
    process.env.PROBE_DURATION = '5s';
    const db = await pgs.client('withstats');
    const cache = new Redis(redis.url);
    let stop = false;
    // load beside the run, bounded in count and time: 3 hits for each miss
    const load = (async () => {
      const until = Date.now() + 20_000;
      for (let i = 0; i < 5000 && !stop && Date.now() < until; i++) {
        await db.query('SELECT pg_sleep(0.002)');
        await cache.set(`k${i % 50}`, 'v');
        await cache.get(`k${i % 50}`);
        await cache.get(`k${i % 50}`);
        await cache.get(`k${i % 50}`);
        await cache.get(`missing${i}`);
      }
    })();
    const out = tempOut();
    const r = await runCli(['run', fixture('probes.ts'), '--base-url', target.url, '--out', out, '--thresholds', thresholds]);
    stop = true;
    await load;
    await db.end();
    cache.disconnect();
    assert.equal(r.code, 0, r.stdout + r.stderr);
    const s = readSummary(out);
    const st = (m: string) => s.thresholds.find((t) => t.metric === m);
    assert.equal(st('postgres_statement_run_mean_ms')?.status, 'met');
    assert.ok((st('postgres_statement_run_mean_ms')?.observed ?? 0) > 1, 'statements of 2 ms: the mean is measured, not zero');
    const hit = st('redis_keyspace_hit_run_percent')?.observed ?? 0;
    assert.ok(hit > 65 && hit < 85, `3 hits per miss during the run: about 75 %, got ${hit}`);
    // statements/s, not transactions/s: PostgreSQL 15 flushes a busy session's pg_stat_database counters late (README)
    assert.ok(s.metrics.postgres_statements_per_second?.values.max > 10, JSON.stringify(s.metrics.postgres_statements_per_second));
    assert.ok(s.metrics.postgres_transactions_per_second, 'transactions/s sampled');
    assert.ok(s.metrics.redis_ops_per_second?.values.max > 10, JSON.stringify(s.metrics.redis_ops_per_second));
    const html = readFileSync(join(out, 'report.html'), 'utf8');
    assert.match(html, /postgres_statement_run_mean_ms/);
    assert.match(html, /redis_keyspace_hit_run_percent/);
  });

  test('Redis lost during the run: a measurement failure naming it, the connection-failure alert raised, INCOMPLETE exit 112', async () => {
    const doomed = await startRedis();
    process.env.PROBE_PG_URL = pgs.url('withstats');
    process.env.PROBE_REDIS_URL = doomed.url;
    process.env.PROBE_DURATION = '5s';
    const out = tempOut();
    let stopped: Promise<void> | undefined;
    const { result } = startCli(['run', fixture('probes.ts'), '--base-url', target.url, '--out', out, '--thresholds', thresholds], (text) => {
      // once the load runs (the first progress line), the server goes away
      if (!stopped && /\[progress\]/.test(text)) stopped = sleep(1500).then(() => doomed.stop());
    });
    const r = await result;
    await stopped;
    await doomed.stop();
    assert.equal(r.code, 112, r.stdout + r.stderr);
    const s = readSummary(out);
    const f = (s.loadcert.measurementFailures ?? []).find((x) => x.source === 'redis');
    assert.match(f?.cause ?? '', new RegExp(`^redis probe lost Redis at redis://127\\.0\\.0\\.1:${doomed.port}: .+: its metrics have a gap from `), JSON.stringify(s.loadcert.measurementFailures));
    assert.match(s.loadcert.verdictReason ?? '', /measurement failure: redis probe lost Redis/);
    assert.ok(s.metrics.redis_connection_failures.values.max >= 1);
    assert.equal(s.metrics.postgres_connection_failures.values.max, 0, 'the database probe went on');
    assert.equal((s.loadcert.measurementFailures ?? []).filter((x) => x.source === 'postgres').length, 0);
  });
});
