import { test } from 'node:test';
import assert from 'node:assert/strict';
import { allSegments } from '../../../src/plan/index.ts';
import { segmentShare, planOf } from '../../../src/executors/index.ts';
import type { HttpWorkload } from '../../../src/contracts/scenario-types.ts';
import { rampingVUs } from '../../../src/executors/ramping-vus.ts';
import { constantArrivalRate } from '../../../src/executors/constant-arrival-rate.ts';
import { buildRamp, targetAt } from '../../../src/protocols/sessions/ramp.ts';
import type { ExecutorPlan } from '../../../src/executors/definition.ts';

const SEQUENCES = ['0,1/3,2/3,1', '0,1/4,1/2,3/4,1', '0,0.1,0.35,1'];

test('closed model: the segments\' VUs sum to the whole VUs at every moment of a ramp, and maxVUs too', { timeout: 10_000 }, () => {
  const plan: ExecutorPlan = rampingVUs.plan({ startVUs: 0, stages: [{ duration: '10s', target: 37 }, { duration: '5s', target: 5 }] }, 0);
  assert.equal(plan.model, 'closed');
  for (const seq of SEQUENCES) {
    const parts: ExecutorPlan[] = allSegments(seq).map((s) => segmentShare(plan, s));
    for (let t = 0; t <= 15_000; t += 250) {
      const sum: number = parts.reduce((a: number, p) => a + (p.model === 'closed' ? p.plan.vusAt(t) : NaN), 0);
      assert.equal(sum, plan.model === 'closed' ? plan.plan.vusAt(t) : NaN, `${seq} at ${t} ms`);
    }
    assert.equal(parts.reduce((a, p) => a + p.plan.maxVUs, 0), plan.plan.maxVUs, seq);
  }
});

test('open model: preAllocatedVUs and maxVUs split to the whole; each segment owns only its iterations', { timeout: 10_000 }, () => {
  const plan: ExecutorPlan = constantArrivalRate.plan({ rate: 100, duration: '1s', preAllocatedVUs: 7, maxVUs: 101 }, 0);
  for (const seq of SEQUENCES) {
    const parts: ExecutorPlan[] = allSegments(seq).map((s) => segmentShare(plan, s));
    assert.equal(parts.reduce((a, p) => a + (p.model === 'open' ? p.plan.preAllocatedVUs : NaN), 0), 7, seq);
    assert.equal(parts.reduce((a, p) => a + p.plan.maxVUs, 0), 101, seq);
    for (let k = 0; k < 200; k++) assert.equal(parts.filter((p) => p.model === 'open' && p.plan.owns!(k)).length, 1, `${seq} index ${k}`);
  }
});

test('realtime ramps: connections / users of the segments sum to the whole at every moment', { timeout: 10_000 }, () => {
  const ramp = buildRamp({ stages: [{ duration: '10s', target: 250 }, { duration: '10s', target: 3 }], start: 0 });
  for (const seq of SEQUENCES) {
    const segs = allSegments(seq);
    for (let t = 0; t < 20_000; t += 333) {
      const sum = segs.reduce((a, s) => a + targetAt({ ...ramp, scale: s.scale }, t), 0);
      assert.equal(sum, targetAt(ramp, t), `${seq} at ${t} ms`);
    }
  }
});

test('open model with fewer maxVUs than segments: iterations follow the VUs (k6 re-cuts by maxVUs)', { timeout: 10_000 }, () => {
  const plan: ExecutorPlan = planOf({ executor: 'constant-arrival-rate', rate: 10, duration: '3s', preAllocatedVUs: 2, maxVUs: 2, exec: async () => {} } as HttpWorkload, 0);
  const parts = allSegments('0,1/3,2/3,1').map((s) => segmentShare(plan, s));
  assert.deepEqual(parts.map((p) => p.plan.maxVUs), [1, 1, 0]);
  const open = parts.map((p) => (p.model === 'open' ? p.plan : assert.fail('open model expected')));
  // the segment with no VU owns no iteration and has no schedule; the two others alternate
  assert.deepEqual(open[2].segments, []);
  assert.deepEqual([0, 1, 2, 3, 4, 5].map((k) => open.map((p) => (p.owns!(k) ? 1 : 0)).join('')), ['100', '010', '100', '010', '100', '010']);
});
