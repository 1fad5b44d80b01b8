// The PostgreSQL probe against a real PostgreSQL 15 started for this file: values move under load,
// pg_stat_statements present or not, and a server that is unreachable or lost is a measurement failure.
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import type pg from 'pg';
import { PostgresProbe } from '../../../src/resources/postgres-probe.ts';
import { startSamplers } from '../../../src/resources/index.ts';
import { recordingContext } from '../../helpers/recording-context.ts';
import { freePort, postgresBin, skipUnless, startPostgres, type TestPostgres } from '../../helpers/services.ts';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const maxOf = (xs: number[] | undefined) => Math.max(-Infinity, ...(xs ?? []));

describe('PostgreSQL probe (real server)', { skip: skipUnless(postgresBin() !== undefined, 'PostgreSQL'), timeout: 120_000 }, () => {
  let server: TestPostgres;
  before(async () => { server = await startPostgres(); });
  after(async () => { await server?.stop(); });

  test('under load: transactions/s, statement time, active and waiting connections, deadlocks and cache hits move', async () => {
    const ctx = recordingContext();
    const probe = new PostgresProbe(server.url('withstats'), 200);
    const a = await server.client('withstats');
    const b = await server.client('withstats');
    const c = await server.client('withstats');
    try {
      await a.query('CREATE TABLE t (id int PRIMARY KEY, v int)');
      await a.query('INSERT INTO t SELECT g, 0 FROM generate_series(1, 1000) g');
      await probe.start(ctx);
      assert.equal(probe.statements, true);
      // statements of about 20 ms each, run for about 1.5 s on one connection
      for (let i = 0; i < 60; i++) await a.query('SELECT pg_sleep(0.02), count(*) FROM t');
      // a lock wait: b holds the table, c waits for it for more than one interval
      await b.query('BEGIN');
      await b.query('LOCK TABLE t IN ACCESS EXCLUSIVE MODE');
      const waiting = c.query('SELECT count(*) FROM t');
      await sleep(700);
      await b.query('COMMIT');
      await waiting;
      await deadlock(b, c);
      // PostgreSQL 15 flushes a backend's statistics when it goes idle at least 1 s after its last flush
      // (an idle backend otherwise only after 10 s): one more statement each makes the deadlock visible
      await sleep(1100);
      await Promise.all([b.query('SELECT 1'), c.query('SELECT 1')]);
      await sleep(800);
    } finally {
      await probe.stop();
      for (const x of [a, b, c]) await x.end();
    }
    const v = ctx.values;
    assert.deepEqual(ctx.failures, []);
    assert.ok(maxOf(v.get('postgres_transactions_per_second')) >= 10, `transactions/s ${v.get('postgres_transactions_per_second')}`);
    const mean = v.get('postgres_statement_mean_ms') ?? [];
    assert.ok(maxOf(mean) >= 15 && maxOf(mean) < 200, `mean statement time of 20 ms statements: ${mean}`);
    const runMean = v.get('postgres_statement_run_mean_ms') ?? [];
    assert.ok(runMean.length && runMean.at(-1)! > 5 && runMean.at(-1)! < 200, `whole-run mean statement time: ${runMean}`);
    assert.ok(maxOf(v.get('postgres_statements_per_second')) >= 10, `statements/s ${v.get('postgres_statements_per_second')}`);
    assert.ok(maxOf(v.get('postgres_connections_active')) >= 1, 'a connection was seen running a statement');
    assert.ok(maxOf(v.get('postgres_connections_waiting')) >= 1, `a connection was seen waiting for a lock: ${v.get('postgres_connections_waiting')}`);
    assert.ok(maxOf(v.get('postgres_connections_total')) >= 3);
    assert.equal(maxOf(v.get('postgres_max_connections')), 40);
    assert.ok(maxOf(v.get('postgres_connections_percent')) >= (4 / 40) * 100);
    assert.equal(maxOf(v.get('postgres_deadlocks')), 1, `one deadlock since start: ${v.get('postgres_deadlocks')}`);
    const hits = v.get('postgres_cache_hit_percent') ?? [];
    assert.ok(hits.length > 0 && hits.every((h) => h >= 0 && h <= 100), `cache hit % ${hits}`);
    assert.equal(maxOf(v.get('postgres_connection_failures')), 0);
  });

  test('a database without pg_stat_statements: a warning saying how to add it; statement time not measured, the rest is', async () => {
    const ctx = recordingContext();
    const probe = new PostgresProbe(server.url('postgres'), 200);
    await probe.start(ctx);
    const c = await server.client('postgres');
    for (let i = 0; i < 20; i++) await c.query('SELECT pg_sleep(0.01)');
    await sleep(1200);
    await c.end();
    await probe.stop();
    assert.equal(probe.statements, false);
    assert.match(ctx.warnings.join('\n'), /pg_stat_statements is not available in PostgreSQL at postgresql:\/\/postgres@127\.0\.0\.1:\d+\/postgres.*not measured.*shared_preload_libraries.*CREATE EXTENSION/);
    assert.equal(ctx.values.get('postgres_statement_mean_ms'), undefined);
    assert.ok((ctx.values.get('postgres_transactions_per_second') ?? []).length > 0);
  });

  test('an unreachable server: startSamplers records a measurement failure naming the probe and the address, without the password', async () => {
    const ctx = recordingContext();
    const port = await freePort();
    const stop = await startSamplers([new PostgresProbe(`postgresql://app:s3cret@127.0.0.1:${port}/docs`, 200)], ctx);
    await stop();
    assert.equal(ctx.failures.length, 1);
    assert.equal(ctx.failures[0].source, 'postgres');
    assert.match(ctx.failures[0].cause, new RegExp(`postgres sampler failed to start: cannot read PostgreSQL at postgresql://app:\\*\\*\\*@127\\.0\\.0\\.1:${port}/docs: .*ECONNREFUSED`));
    assert.doesNotMatch(ctx.failures[0].cause, /s3cret/);
  });

  // last: it kills the server
  test('a server lost during the run: connection failures counted and one measurement failure naming the cause', async () => {
    const ctx = recordingContext();
    const probe = new PostgresProbe(server.url('withstats'), 200);
    await probe.start(ctx);
    await sleep(500);
    await server.kill();
    await sleep(1500);
    await probe.stop();
    assert.equal(ctx.failures.length, 1, JSON.stringify(ctx.failures));
    assert.match(ctx.failures[0].cause, /^postgres probe lost PostgreSQL at postgresql:\/\/postgres@127\.0\.0\.1:\d+\/withstats: .+: its metrics have a gap from /);
    assert.ok(maxOf(ctx.values.get('postgres_connection_failures')) >= 2, `failures go on counting while it is down: ${ctx.values.get('postgres_connection_failures')}`);
  });
});

/** Makes `b` and `c` deadlock on two rows of t; PostgreSQL cancels one of them. */
async function deadlock(b: pg.Client, c: pg.Client): Promise<void> {
  await b.query('BEGIN');
  await c.query('BEGIN');
  await b.query('UPDATE t SET v = 1 WHERE id = 1');
  await c.query('UPDATE t SET v = 1 WHERE id = 2');
  const r = await Promise.allSettled([b.query('UPDATE t SET v = 2 WHERE id = 2'), c.query('UPDATE t SET v = 2 WHERE id = 1')]);
  assert.equal(r.filter((x) => x.status === 'rejected').length, 1, 'one side was chosen as the deadlock victim');
  await b.query('ROLLBACK');
  await c.query('ROLLBACK');
}
