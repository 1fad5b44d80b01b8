import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseSegmentPlan, parseStartAt } from '../../../src/plan/index.ts';
import { ConfigError } from '../../../src/contracts/errors.ts';

function issuesOf(fn: () => unknown): string {
  try { fn(); } catch (err) { assert.ok(err instanceof ConfigError); return err.message; }
  assert.fail('expected a ConfigError');
}

test('segment flags: decimals and fractions, default sequence, bad values named', { timeout: 5000 }, () => {
  assert.equal(parseSegmentPlan('0.25:0.5', '0,0.25,0.5,1').segment, '1/4:1/2');
  assert.equal(parseSegmentPlan('1/3:2/3').sequence, '0,1/3,2/3,1');
  assert.equal(parseSegmentPlan('0:1/2').sequence, '0,1/2,1');
  assert.match(issuesOf(() => parseSegmentPlan('1/2:1/4')), /--execution-segment: "1\/2:1\/4" is empty or reversed/);
  assert.match(issuesOf(() => parseSegmentPlan('1/4:3/4', '0,1/4,1/2,1')), /not one step of the sequence 0,1\/4,1\/2,1/);
  assert.match(issuesOf(() => parseSegmentPlan(undefined, '0,1/2,1/3,1')), /not strictly increasing/);
  assert.match(issuesOf(() => parseSegmentPlan(undefined, '0,1/2')), /must start at 0 and end at 1/);
  assert.match(issuesOf(() => parseSegmentPlan('a:b')), /"a" is not a fraction/);
});

test('start-at: within 10 minutes ahead and 5 s late, else 104 naming the flag', { timeout: 5000 }, () => {
  const now = 1_800_000_000_000;
  assert.equal(parseStartAt(String(now + 60_000), now), now + 60_000);
  assert.equal(parseStartAt(String(now - 2000), now), now - 2000);
  assert.match(issuesOf(() => parseStartAt(String(now + 11 * 60_000), now)), /--start-at: .* more than 10 minutes ahead/);
  assert.match(issuesOf(() => parseStartAt(String(now - 60_000), now)), /passed 60 s ago/);
  assert.match(issuesOf(() => parseStartAt('soon', now)), /not an epoch time/);
});
