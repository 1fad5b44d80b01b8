// A workload's `env` (k6's scenarios.<name>.env): seen by its own VUs in ctx.env over the process
// environment, never by another workload running at the same time, and never written into process.env.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, runWorkload } from './run-workload.ts';
import { createHttpEngine } from '../../../src/protocols/http/engine.ts';
import type { HttpWorkload } from '../../../src/contracts/scenario-types.ts';

test('each workload sees its own env over the process environment, while both run interleaved', { timeout: 20_000 }, async () => {
  const srv = await startServer((req, res) => { setTimeout(() => res.end('ok'), 5); });
  process.env.LC_TEST_SHARED = 'from-process';
  process.env.LC_TEST_OVER = 'process';
  try {
    const seen: Record<'a' | 'b', Array<Record<string, string | undefined>>> = { a: [], b: [] };
    let frozen: unknown;
    const workload = (name: 'a' | 'b', env: Record<string, string>): HttpWorkload => ({
      executor: 'per-vu-iterations', vus: 2, iterations: 4, env,
      exec: async ({ http, env: e }) => {
        await http.get('/x');
        // read after an await: the other workload's iterations ran in between
        seen[name].push({ shared: e.LC_TEST_SHARED, over: e.LC_TEST_OVER, onlyA: e.LC_TEST_ONLY_A, processOver: process.env.LC_TEST_OVER });
        if (name === 'a' && frozen === undefined) { try { (e as Record<string, string>).LC_TEST_OVER = 'changed'; frozen = false; } catch (err) { frozen = err; } }
      },
    });
    await Promise.all([
      runWorkload(workload('a', { LC_TEST_OVER: 'a', LC_TEST_ONLY_A: '1' }), srv.url),
      runWorkload(workload('b', { LC_TEST_OVER: 'b' }), srv.url),
    ]);
    assert.equal(seen.a.length, 8);
    assert.equal(seen.b.length, 8);
    for (const s of seen.a) assert.deepEqual(s, { shared: 'from-process', over: 'a', onlyA: '1', processOver: 'process' });
    for (const s of seen.b) assert.deepEqual(s, { shared: 'from-process', over: 'b', onlyA: undefined, processOver: 'process' });
    assert.ok(frozen instanceof TypeError, 'ctx.env is read-only');
    assert.equal(process.env.LC_TEST_OVER, 'process', 'process.env untouched');
  } finally {
    delete process.env.LC_TEST_SHARED;
    delete process.env.LC_TEST_OVER;
    await srv.close();
  }
});

test('env is validated: an object of strings, each bad value named with its fix', () => {
  const engine = createHttpEngine({ timeoutMs: 1000, headers: {}, isAllowedHost: () => true });
  const base: HttpWorkload = { executor: 'per-vu-iterations', steps: [{ path: '/' }] };
  assert.deepEqual(engine.validate({ ...base, env: { A: 'x', B: '' } }, 'workloads.api', 'scenario.ts'), []);
  const notObject = engine.validate({ ...base, env: 123 } as unknown as HttpWorkload, 'workloads.api', 'scenario.ts');
  assert.equal(notObject.length, 1);
  assert.equal(notObject[0].file, 'scenario.ts');
  assert.equal(notObject[0].path, 'workloads.api.env');
  assert.ok(notObject[0].fix);
  const notString = engine.validate({ ...base, env: { PORT: 8080, OK: 'y' } } as unknown as HttpWorkload, 'workloads.api', 'scenario.ts');
  assert.deepEqual(notString.map((i) => i.path), ['workloads.api.env.PORT']);
  assert.match(notString[0].fix, /quote/);
});
