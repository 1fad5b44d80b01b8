// The timeline's phases and the recovery/detection arithmetic over judged seconds (src/faults/timeline.ts,
// src/resilience/measure.ts), on hand-made seconds whose answer is known.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { FaultTimeline } from '../../../src/faults/timeline.ts';
import { detectionOf, recoveryOf } from '../../../src/resilience/measure.ts';
import type { JudgedSecond } from '../../../src/resilience/second-judge.ts';

const T0 = 1_700_000_000_000;

/** `n` judged seconds from T0; second k holds unless listed in `bad`, is unhealthy when listed in `sick`. */
function seconds(n: number, bad: (k: number) => boolean, sick: (k: number) => boolean = () => false): JudgedSecond[] {
  return Array.from({ length: n }, (_, k) => ({ t: T0 + k * 1000, holds: !bad(k), unhealthy: sick(k), partial: false }));
}

test('timeline: fault seconds overlap [at, at+duration), recovery seconds the allowance after, the rest steady', () => {
  const tl = new FaultTimeline({
    sw: { at: '3s', duration: '2s', action: 'http', request: { path: '/f' }, undo: { path: '/u' }, recovery: { within: '4s' } },
    kill: { at: '12500ms', action: 'process.signal', signal: 'SIGKILL', target: 'p', recovery: { within: '2s' } },
  });
  const phases = Array.from({ length: 17 }, (_, k) => { const p = tl.phaseOfSecond(k * 1000); return p.fault ? `${p.phase}:${p.fault}` : p.phase; });
  assert.deepEqual(phases, [
    'steady', 'steady', 'steady', 'fault:sw', 'fault:sw', 'recovery:sw', 'recovery:sw', 'recovery:sw', 'recovery:sw', 'steady', 'steady', 'steady',
    'recovery:kill', 'recovery:kill', 'recovery:kill', 'steady', 'steady',
  ]);
  // the recovery allowance ends where the next fault starts
  const close = new FaultTimeline({
    a: { at: '2s', duration: '1s', action: 'http', request: { path: '/f' }, undo: { path: '/u' } },
    b: { at: '5s', duration: '1s', action: 'http', request: { path: '/f' }, undo: { path: '/u' } },
  });
  assert.equal(close.faults[0].recoveryEndMs, 5000);
  assert.deepEqual(close.phaseOfSecond(5000), { phase: 'fault', fault: 'b' });
});

test('recovery: from the fault\'s end to the first second from which the stable window holds', () => {
  const [f] = new FaultTimeline({ sw: { at: '3s', duration: '2s', action: 'http', request: { path: '/f' }, undo: { path: '/u' }, recovery: { stableWindow: '3s', within: '10s' } } }).faults;
  // bad from 3 s to 8 s, one good second at 9 then bad again at 10: the window starting at 9 does not hold; 11..13 does
  const s = seconds(20, (k) => (k >= 3 && k < 9) || k === 10);
  assert.deepEqual(recoveryOf(f, T0, s), { recoveredS: 6, coveredS: 15 });
  // immediately healthy: 0
  assert.equal(recoveryOf(f, T0, seconds(20, (k) => k >= 3 && k < 5)).recoveredS, 0);
  // never: no recovery, covered to the end of the run
  assert.deepEqual(recoveryOf(f, T0, seconds(20, (k) => k >= 3)), { coveredS: 15 });
  // recovered, but after `within`: not recovered
  assert.equal(recoveryOf(f, T0, seconds(30, (k) => k >= 3 && k < 16)).recoveredS, undefined);
  // the stable window must fit in the run
  assert.equal(recoveryOf(f, T0, seconds(10, (k) => k >= 3 && k < 8)).recoveredS, undefined);
  // a partial last second never completes a window
  const partial = seconds(10, (k) => k >= 3 && k < 7).map((x, k) => (k === 9 ? { ...x, partial: true } : x));
  assert.equal(recoveryOf(f, T0, partial).recoveredS, undefined);
});

test('detection: the first unhealthy second within the fault\'s phases, from the fault\'s start', () => {
  const [f] = new FaultTimeline({ sw: { at: '3s', duration: '2s', action: 'http', request: { path: '/f' }, undo: { path: '/u' }, recovery: { within: '4s' } } }).faults;
  assert.equal(detectionOf(f, T0, seconds(20, () => false, (k) => k === 1 || k === 4)), 1);
  assert.equal(detectionOf(f, T0, seconds(20, () => false, (k) => k === 1 || k >= 12)), null);
  // from the polls' own times when known: the first failed poll at or after the start, before the allowance ends
  assert.equal(detectionOf(f, T0, [], [T0 + 1500, T0 + 3250, T0 + 4000]), 0.25);
  assert.equal(detectionOf(f, T0, [], [T0 + 1500, T0 + 9000]), null);
});
