// PreciseWake: an arrival schedule driven through it (as the open model does) never starts an iteration
// before its instant, and its setImmediate waiting stays within SPIN_SHARE of each one-second window.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { PreciseWake, SPIN_SHARE } from '../../../src/executors/precise-wake.ts';

test('a dense schedule (every 0.2 ms for 1.5 s) keeps the spin within its share of each second and never launches early', { timeout: 30_000 }, async () => {
  const t0 = performance.now() + 5;
  const due = Array.from({ length: 7500 }, (_, i) => t0 + i * 0.2);
  let next = 0;
  let early = 0;
  let maxSpun = 0;
  let lastSpun = 0;
  let longestTurn = 0;
  await new Promise<void>((done) => {
    const wake: PreciseWake = new PreciseWake(() => {
      const now = performance.now();
      while (next < due.length && due[next] <= now) { if (due[next] > performance.now()) early++; next++; }
      if (wake.spunMs > lastSpun) longestTurn = Math.max(longestTurn, wake.spunMs - lastSpun);
      lastSpun = wake.spunMs;
      maxSpun = Math.max(maxSpun, wake.spunMs);
      if (next >= due.length) return done();
      wake.at(due[next]);
    });
    wake.at(due[0]);
  });
  assert.equal(early, 0);
  // the last turn begun under the cap may overrun it (a turn also holds whatever the loop ran meanwhile)
  assert.ok(maxSpun <= SPIN_SHARE * 1000 + longestTurn, `spun ${maxSpun.toFixed(2)} ms in one window (cap ${SPIN_SHARE * 1000} ms, longest turn ${longestTurn.toFixed(2)} ms)`);
  assert.ok(maxSpun > 0, 'the dense schedule used the spin at all');
});

test('a sparse schedule (every 7 ms) is waited out by timer and spin and every arrival comes in order', { timeout: 30_000 }, async () => {
  const t0 = performance.now() + 5;
  const due = Array.from({ length: 60 }, (_, i) => t0 + i * 7);
  const seen: number[] = [];
  await new Promise<void>((done) => {
    let next = 0;
    const wake: PreciseWake = new PreciseWake(() => {
      const now = performance.now();
      while (next < due.length && due[next] <= now) { seen.push(next); next++; }
      if (next >= due.length) return done();
      wake.at(due[next]);
    });
    wake.at(due[0]);
  });
  assert.deepEqual(seen, due.map((_, i) => i));
});
