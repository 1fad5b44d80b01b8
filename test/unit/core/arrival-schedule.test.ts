import { test } from 'node:test';
import assert from 'node:assert/strict';
import { arrivalOffsets, expectedIterations, solveOffset } from '../../../src/executors/arrival-schedule.ts';
import { stageCorners, valueAt } from '../../../src/executors/stages.ts';
import { rampingArrivalRate } from '../../../src/executors/ramping-arrival-rate.ts';
import { constantArrivalRate } from '../../../src/executors/constant-arrival-rate.ts';

test('a constant rate spaces iterations evenly from 0', () => {
  const offs = [...arrivalOffsets([{ durationMs: 1000, from: 0.01, to: 0.01 }])];
  assert.equal(offs.length, 10);
  offs.forEach((o, i) => assert.ok(Math.abs(o - i * 100) < 1e-9, `offset ${i} = ${o}`));
});

test('500 per second for 5 s asks for exactly 2,500 iterations', () => {
  const plan = constantArrivalRate.plan({ rate: 500, timeUnit: '1s', duration: '5s', preAllocatedVUs: 10 }, 0);
  assert.equal(plan.model, 'open');
  if (plan.model !== 'open') return;
  assert.equal([...arrivalOffsets(plan.plan.segments)].length, 2500);
});

test('timeUnit scales the rate: 30 per minute is one every 2 s', () => {
  const plan = constantArrivalRate.plan({ rate: 30, timeUnit: '1m', duration: '10s', preAllocatedVUs: 1 }, 0);
  if (plan.model !== 'open') return assert.fail('open model expected');
  assert.deepEqual([...arrivalOffsets(plan.plan.segments)].map(Math.round), [0, 2000, 4000, 6000, 8000]);
});

test('a linear ramp from 0 to 100/s over 10 s asks for 500 iterations, denser at the end', () => {
  const offs = [...arrivalOffsets([{ durationMs: 10_000, from: 0, to: 0.1 }])];
  assert.ok(Math.abs(offs.length - 500) <= 1, `got ${offs.length}`);
  const firstHalf = offs.filter((o) => o < 5000).length;
  assert.ok(Math.abs(firstHalf - 125) <= 1, `a quarter of them in the first half: ${firstHalf}`);
  for (let i = 1; i < offs.length; i++) assert.ok(offs[i] > offs[i - 1], 'strictly increasing');
});

test('iterations carry over segment boundaries without loss or duplication', () => {
  const segments = [
    { durationMs: 1500, from: 0.001, to: 0.001 },
    { durationMs: 2500, from: 0.001, to: 0.003 },
    { durationMs: 1000, from: 0, to: 0 },
    { durationMs: 1000, from: 0.002, to: 0.002 },
  ];
  const offs = [...arrivalOffsets(segments)];
  assert.ok(Math.abs(offs.length - expectedIterations(segments)) <= 1, `${offs.length} vs ${expectedIterations(segments)}`);
  assert.ok(!offs.some((o) => o >= 4000 && o < 5000), 'nothing in the zero-rate stage');
});

test('solveOffset inverts the integral of a linear rate', () => {
  const r0 = 0.05, r1 = 0.15, T = 1000;
  for (const n of [1, 10, 50, 99]) {
    const t = solveOffset(r0, r1, T, n);
    const integral = r0 * t + ((r1 - r0) * t * t) / (2 * T);
    assert.ok(Math.abs(integral - n) < 1e-6, `n=${n}`);
  }
});

test('ramping-arrival-rate plans stages from startRate and reports target corners per second', () => {
  const w = { startRate: 50, timeUnit: '1s', stages: [{ duration: '20s', target: 500 }, { duration: '40s', target: 500 }], preAllocatedVUs: 10 };
  const t = rampingArrivalRate.targets(w);
  assert.equal(t.durationMs, 60_000);
  assert.deepEqual(t.targetRate, [[0, 50], [20, 500], [60, 500]]);
  const corners = stageCorners(1, [{ duration: '10s', target: 11 }]);
  assert.equal(valueAt(corners, 5000), 6);
  assert.equal(valueAt(corners, 20_000), 11);
});
