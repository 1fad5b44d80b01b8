// One ramp rule: the closed-model executors (ramping-vus) and the realtime pools (connections, users)
// turn the same stages into the same whole count at every moment, k6's ramping-vus rule.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { countAt, stageCorners } from '../../../src/executors/stages.ts';
import { rampingVUs } from '../../../src/executors/ramping-vus.ts';
import { buildRamp, targetAt } from '../../../src/protocols/sessions/ramp.ts';
import type { ClosedModelPlan } from '../../../src/executors/closed-model.ts';

test('countAt moves one unit at a time toward each stage target, truncated toward the stage start', { timeout: 5_000 }, () => {
  const up = stageCorners(0, [{ duration: '10s', target: 10 }]);
  assert.equal(countAt(up, 0), 0);
  assert.equal(countAt(up, 4_900), 4);
  assert.equal(countAt(up, 5_000), 5);
  assert.equal(countAt(up, 9_999), 9);
  assert.equal(countAt(up, 10_000), 10);
  assert.equal(countAt(up, 60_000), 10, 'holds after the end');
  const down = stageCorners(10, [{ duration: '10s', target: 0 }]);
  assert.equal(countAt(down, 4_900), 6);
  assert.equal(countAt(down, 5_000), 5);
  assert.equal(countAt(stageCorners(0, [{ duration: '1s', target: 30 }]), 100), 3, 'no float error at exact steps');
  assert.equal(countAt(stageCorners(5, [{ duration: 0, target: 8 }, { duration: '1s', target: 8 }]), 0), 8, 'a zero-length stage jumps');
});

test('ramping-vus and a realtime ramp with the same stages give the same count at every moment', { timeout: 5_000 }, () => {
  const stages = [{ duration: '7s', target: 13 }, { duration: '3s', target: 13 }, { duration: '9s', target: 2 }];
  const vus = rampingVUs.plan({ startVUs: 1, stages }, 0);
  assert.equal(vus.model, 'closed');
  const closed = vus.plan as ClosedModelPlan;
  const realtime = buildRamp({ stages, start: 1 });
  for (let t = 0; t < realtime.totalMs; t += 37) assert.equal(targetAt(realtime, t), closed.vusAt(t), `at ${t} ms`);
  assert.equal(targetAt(realtime, realtime.totalMs), 0, 'a realtime ramp ends at 0 (the pool stops)');
});
