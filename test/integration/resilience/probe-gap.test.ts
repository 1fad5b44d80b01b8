// Issue 25 item 4: a probe of a part that a declared fault cuts records the fault's expected data gap (a
// warning naming the fault), not a measurement failure; the same loss with no fault is still one (112).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createDemoTarget } from '../../../src/target/server.ts';
import { runCli, tempOut, readSummary, fixture } from '../../helpers/cli.ts';
import { hasRedis, skipUnless, startRedis, type TestRedis } from '../../helpers/services.ts';

type Target = Awaited<ReturnType<typeof createDemoTarget>>;
let target: Target;
let redis: TestRedis | undefined;
before(async () => { target = await createDemoTarget({ port: 0 }); });
after(async () => { await target.close(); await redis?.stop(); delete process.env.PROBE_REDIS_URL; delete process.env.PROBE_REDIS_MATCH; });

test('a Redis killed by a declared fault: the probe\'s gap is that fault\'s, not a measurement failure', { skip: skipUnless(hasRedis(), 'redis-server'), timeout: 90_000 }, async () => {
  redis = await startRedis();
  process.env.PROBE_REDIS_URL = redis.url;
  process.env.PROBE_REDIS_MATCH = `redis-server 127.0.0.1:${redis.port}`;
  const out = tempOut('loadcert-probe-gap-');
  const r = await runCli(['run', fixture('probe-fault.ts'), '--base-url', target.url, '--out', out]);
  const s = readSummary(out);
  const faults = s.loadcert.resilience?.faults ?? [];
  assert.equal(faults.find((f) => f.name === 'redisKill')?.status, 'applied', JSON.stringify(faults));
  assert.deepEqual((s.loadcert.measurementFailures ?? []).map((f) => f.cause), [], 'no measurement failure: the gap is the fault\'s');
  assert.ok((s.loadcert.warnings ?? []).some((w) => /expected data gap during fault redisKill: redis probe lost/.test(w)), JSON.stringify(s.loadcert.warnings));
  assert.equal(r.code, 0, r.stdout + r.stderr);
});
