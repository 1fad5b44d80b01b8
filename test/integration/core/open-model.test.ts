import { test, after, before } from 'node:test';
import assert from 'node:assert/strict';
import { createDemoTarget } from '../../../src/target/server.ts';
import { runCli, tempOut, readSummary, fixture } from '../../helpers/cli.ts';

type Target = Awaited<ReturnType<typeof createDemoTarget>>;
let target: Target;
before(async () => { target = await createDemoTarget({ port: 0 }); });
after(async () => { await target.close(); });

test('open model at 500 req/s for 5 s sends 2,500 requests within 2 %', async () => {
  const out = tempOut();
  const r = await runCli(['run', fixture('open-500.ts'), '--base-url', target.url, '--out', out]);
  assert.equal(r.code, 0, r.stderr + r.stdout);
  const s = readSummary(out);
  const sent = s.metrics.http_reqs.values.count;
  assert.ok(Math.abs(sent - 2500) <= 50, `sent ${sent}, expected 2500 ± 50`);
  assert.equal(s.loadcert.status, 'completed');
  assert.equal(s.loadcert.verdict, 'CERTIFIED');
  assert.equal(s.metrics.dropped_iterations.values.count, 0, 'no iteration dropped');
  // k6 names and types
  assert.equal(s.metrics.http_req_duration.type, 'trend');
  assert.equal(s.metrics.http_req_failed.type, 'rate');
  assert.equal(s.metrics.http_reqs.type, 'counter');
  for (const k of ['avg', 'min', 'med', 'max', 'p(90)', 'p(95)', 'p(99)']) assert.ok(k in s.metrics.http_req_duration.values, k);
});
