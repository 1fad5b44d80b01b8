// Bad input from issues 9 and 11, through the real command line: refused before the load with exit 104
// and every problem named, never a hang; and durations read as k6 reads them.
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { createDemoTarget } from '../../../src/target/server.ts';
import { runCli, tempOut, readSummary, fixture } from '../../helpers/cli.ts';

type Target = Awaited<ReturnType<typeof createDemoTarget>>;
let target: Target;

describe('bad input is refused before the load starts', { timeout: 120_000 }, () => {
  before(async () => { target = await createDemoTarget({ port: 0 }); });
  after(async () => { await target.close(); });

  test('rate 1e12 with 1e9 preAllocatedVUs: exit 104 naming the rate and the memory, nothing allocated', { timeout: 60_000 }, async () => {
    const r = await runCli(['run', fixture('huge-rate.ts'), '--base-url', target.url, '--out', tempOut()]);
    assert.equal(r.code, 104, r.stderr);
    assert.match(r.stderr, /workloads\.api\.rate: asks for 1,000,000,000,000 iterations per second/);
    assert.match(r.stderr, /workloads: needs about [\d,]+ MB of generator memory/);
  });

  test("timeUnit '0s': exit 104 naming timeUnit", { timeout: 60_000 }, async () => {
    const r = await runCli(['run', fixture('zero-time-unit.ts'), '--base-url', target.url, '--out', tempOut()]);
    assert.equal(r.code, 104, r.stderr);
    assert.match(r.stderr, /workloads\.api\.timeUnit: must be longer than 0/);
  });

  test('--out under /proc and a --baseline that is no run: both listed, exit 104, no folder left behind', { timeout: 60_000 }, async () => {
    const parent = tempOut();
    const out = join(parent, 'a', 'b');
    const r1 = await runCli(['run', fixture('short.ts'), '--base-url', target.url, '--out', '/proc/loadcert-nope/x', '--baseline', join(parent, 'no-such-run')]);
    assert.equal(r1.code, 104, r1.stderr);
    assert.match(r1.stderr, /--out: results cannot be written: cannot create \/proc\/loadcert-nope/);
    assert.match(r1.stderr, /--baseline: no results in .*no-such-run/);
    const r2 = await runCli(['run', fixture('short.ts'), '--base-url', target.url, '--out', out, '--baseline', parent]);
    assert.equal(r2.code, 104, r2.stderr);
    assert.match(r2.stderr, /--baseline: no results in/);
    assert.equal(existsSync(join(parent, 'a')), false, 'the folders created for --out are removed when the run does not start');
  });

  test("a unit-less '1000' duration is 1 s (k6), not 1000 s", { timeout: 60_000 }, async () => {
    const out = tempOut();
    const r = await runCli(['run', fixture('unitless-duration.ts'), '--base-url', target.url, '--out', out, '--skip-preflight']);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(readSummary(out).loadcert.workloads[0].duration, 1);
  });
});
