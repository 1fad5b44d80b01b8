import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseSegmentPlan, parseStartAt } from '../../../src/plan/index.ts';
import { ConfigError } from '../../../src/contracts/errors.ts';

function issuesOf(fn: () => unknown): string {
  try { fn(); } catch (err) { assert.ok(err instanceof ConfigError); return err.message; }
  assert.fail('expected a ConfigError');
}

test('segment flags: k6\'s forms, sequences filled to 0..1, k6\'s refusals named by flag', { timeout: 5000 }, () => {
  assert.equal(parseSegmentPlan('0.25:0.5', '0,0.25,0.5,1').segment, '1/4:1/2');
  assert.equal(parseSegmentPlan('1/3:2/3').sequence, '0,1/3,2/3,1');
  assert.equal(parseSegmentPlan('0:1/2').sequence, '0,1/2,1');
  // k6's textual forms: percent, a single value (0:VALUE), mixed ends, "" = the whole
  assert.equal(parseSegmentPlan('50%:75%').segment, '1/2:3/4');
  assert.equal(parseSegmentPlan('2/4:75%').segment, '1/2:3/4');
  assert.deepEqual([parseSegmentPlan('75%').segment, parseSegmentPlan('75%').sequence], ['0:3/4', '0,3/4,1']);
  assert.equal(parseSegmentPlan('').whole, true);
  assert.equal(parseSegmentPlan(undefined, '').whole, true);
  // Go's forms of a fraction's parts (k6 reads them with big.Rat): a leading 0 is octal, 0x hex, 0b binary
  assert.equal(parseSegmentPlan('010/16:0x3/0x4').segment, '1/2:3/4');
  assert.equal(parseSegmentPlan('0b1/0b100:.5').segment, '1/4:1/2');
  assert.match(issuesOf(() => parseSegmentPlan('08/10')), /'08\/10' is not a valid/);
  assert.match(issuesOf(() => parseSegmentPlan('12.5%')), /'12\.5%' is not a valid percentage/);
  // a sequence that does not start at 0 or end at 1 is filled in, as k6 does
  const half = parseSegmentPlan('1/2:1', '1/2,1');
  assert.deepEqual([half.sequence, half.index, half.count], ['0,1/2,1', 1, 2]);
  assert.equal(parseSegmentPlan('0:1/3', '0,1/3,2/3').sequence, '0,1/3,2/3,1');
  // refusals where k6 refuses, with k6's reason
  assert.match(issuesOf(() => parseSegmentPlan('1/2:1/4')), /--execution-segment: "1\/2:1\/4": segment start\(0\.50\) must be less than its end\(0\.25\)/);
  assert.match(issuesOf(() => parseSegmentPlan('125%')), /segment end value can't be more than 1 but was 1\.25/);
  assert.match(issuesOf(() => parseSegmentPlan('1/4:3/4', '0,1/4,1/2,1')), /couldn't find segment 1\/4:3\/4 in sequence 0,1\/4,1\/2,1/);
  assert.match(issuesOf(() => parseSegmentPlan(undefined, '0,1/2,1/3,1')), /--execution-segment-sequence: "0,1\/2,1\/3,1": segment start\(0\.50\) must be less than its end\(0\.33\)/);
  assert.match(issuesOf(() => parseSegmentPlan(undefined, '0,1/2')), /couldn't find segment 0:1 in sequence 0,1\/2,1/);
  assert.match(issuesOf(() => parseSegmentPlan('0:1', '0.5')), /at least 2 points are needed/);
  assert.match(issuesOf(() => parseSegmentPlan('a:b')), /'a' is not a valid percentage, decimal, fraction or interval value/);
  assert.match(issuesOf(() => parseSegmentPlan('1a5%')), /'1a5%' is not a valid percentage/);
  // both flags wrong: both named at once
  assert.match(issuesOf(() => parseSegmentPlan('x', 'y')), /2 problems found/);
});

test('start-at: within 10 minutes ahead and 5 s late, else 104 naming the flag', { timeout: 5000 }, () => {
  const now = 1_800_000_000_000;
  assert.equal(parseStartAt(String(now + 60_000), now), now + 60_000);
  assert.equal(parseStartAt(String(now - 2000), now), now - 2000);
  assert.match(issuesOf(() => parseStartAt(String(now + 11 * 60_000), now)), /--start-at: .* more than 10 minutes ahead/);
  assert.match(issuesOf(() => parseStartAt(String(now - 60_000), now)), /passed 60 s ago/);
  assert.match(issuesOf(() => parseStartAt('soon', now)), /not an epoch time/);
});
