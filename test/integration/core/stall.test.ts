import { test, after, before } from 'node:test';
import assert from 'node:assert/strict';
import { createDemoTarget } from '../../../src/target/server.ts';
import { runCli, tempOut, readSummary, fixture } from '../../helpers/cli.ts';

// The target runs in this process and blocks its own event loop 500 ms of every second;
// loadcert runs in a child process, so its schedule is not blocked.
type Target = Awaited<ReturnType<typeof createDemoTarget>>;
let target: Target;
before(async () => { target = await createDemoTarget({ port: 0, faults: { stall: { everyMs: 1000, forMs: 500 } } }); });
after(async () => { await target.close(); });

test('a 500 ms stall every second shows in the open model p99 (no coordinated omission)', async () => {
  const out = tempOut();
  const r = await runCli(['run', fixture('stall-open.ts'), '--base-url', target.url, '--out', out, '--skip-preflight']);
  const s = readSummary(out);
  const p99 = s.metrics.http_req_duration.values['p(99)'];
  assert.ok(p99 >= 400, `open-model p99 ${p99} ms should show the 500 ms stall`);
  assert.equal(r.code, 99, 'its p(99)<400 threshold fails');
});

test('the same stall hides from a closed-model run of the same length', async () => {
  const out = tempOut();
  const r = await runCli(['run', fixture('stall-closed.ts'), '--base-url', target.url, '--out', out, '--skip-preflight']);
  const s = readSummary(out);
  const p99 = s.metrics.http_req_duration.values['p(99)'];
  assert.ok(p99 < 400, `closed-model p99 ${p99} ms stays under the stall (the bias open models avoid)`);
  assert.equal(r.code, 0, r.stdout);
});
