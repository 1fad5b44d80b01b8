// The Redis probe against a real redis-server started for this file: the hit ratio is from INFO deltas,
// ops/s and memory move under load, and a lost server is a measurement failure.
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { Redis } from 'ioredis';
import { RedisProbe, parseInfo, redisReading } from '../../../src/resources/redis-probe.ts';
import { hasRedis, skipUnless, startRedis, type TestRedis } from '../../helpers/services.ts';
import { recordingContext } from '../../helpers/recording-context.ts';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

test('INFO text parses into the reading; a missing field is named', () => {
  const info = parseInfo('# Stats\r\nkeyspace_hits:30\r\nkeyspace_misses:10\r\ntotal_commands_processed:99\r\nevicted_keys:2\r\n# Memory\r\nused_memory:1000\r\nmaxmemory:4000\r\nconnected_clients:3\r\n');
  assert.deepEqual(redisReading(info), { hits: 30, misses: 10, commands: 99, evicted: 2, usedMemory: 1000, maxMemory: 4000, clients: 3 });
  info.delete('maxmemory');
  assert.throws(() => redisReading(info), /INFO has no numeric maxmemory/);
});

describe('Redis probe (real server)', { skip: skipUnless(hasRedis(), 'redis-server'), timeout: 60_000 }, () => {
  let server: TestRedis;
  before(async () => { server = await startRedis(['--maxmemory', '64mb', '--maxmemory-policy', 'allkeys-lru']); });
  after(async () => { await server?.stop(); });

  test('hit ratio over the interval from deltas (a history of misses before the probe does not count), ops/s, memory', async () => {
    const c = new Redis(server.url);
    try {
      // before the probe: 500 misses, so the server's lifetime ratio stays far below 100 %
      for (let i = 0; i < 500; i++) await c.get(`absent${i}`);
      await c.set('k', 'v');
      const ctx = recordingContext();
      const probe = new RedisProbe(server.url, 200);
      await probe.start(ctx);
      for (let i = 0; i < 400; i++) { await c.get('k'); if (i % 50 === 0) await sleep(50); }
      await sleep(600);
      await probe.stop();
      const v = ctx.values;
      const hits = v.get('redis_keyspace_hit_percent') ?? [];
      assert.ok(hits.length > 0 && hits.every((h) => h === 100), `only hits while probed: ${hits}`);
      assert.deepEqual(v.get('redis_keyspace_hit_run_percent')?.at(-1), 100);
      const lifetime = redisReading(parseInfo(await c.info()));
      assert.ok(lifetime.hits / (lifetime.hits + lifetime.misses) < 0.5, 'the lifetime ratio is not what the probe reported');
      assert.ok(Math.max(...(v.get('redis_ops_per_second') ?? [0])) > 50, `ops/s ${v.get('redis_ops_per_second')}`);
      assert.equal(v.get('redis_maxmemory_bytes')?.at(-1), 64 * 1024 * 1024);
      assert.ok((v.get('redis_memory_percent')?.at(-1) ?? 0) > 0);
      assert.ok((v.get('redis_used_memory_bytes')?.at(-1) ?? 0) > 0);
      assert.equal(v.get('redis_connected_clients')?.at(-1), 1, 'the test client; the probe excluded');
      assert.equal(v.get('redis_evictions')?.at(-1), 0);
      assert.deepEqual(ctx.failures, []);
    } finally {
      c.disconnect();
    }
  });

  // last: it stops the server
  test('a server lost during the run: connection failures counted and one measurement failure naming it', async () => {
    const ctx = recordingContext();
    const probe = new RedisProbe(server.url, 200);
    await probe.start(ctx);
    await sleep(400);
    await server.stop();
    await sleep(1200);
    await probe.stop();
    assert.equal(ctx.failures.length, 1, JSON.stringify(ctx.failures));
    assert.equal(ctx.failures[0].source, 'redis');
    assert.match(ctx.failures[0].cause, /^redis probe lost Redis at redis:\/\/127\.0\.0\.1:\d+: .+: its metrics have a gap from /);
    assert.ok(Math.max(...(ctx.values.get('redis_connection_failures') ?? [0])) >= 2);
  });
});
