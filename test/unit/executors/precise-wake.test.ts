// PreciseWake and the open model that wakes through it: the open model never starts an iteration before
// its intended instant (a timer may fire up to a millisecond early: the model must check, not trust it),
// and PreciseWake's setImmediate waiting stays within SPIN_SHARE of each one-second window.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { PreciseWake, SPIN_SHARE } from '../../../src/executors/precise-wake.ts';
import { startOpenModel } from '../../../src/executors/open-model.ts';
import { MetricRegistry } from '../../../src/metrics/registry.ts';
import { MetricStore } from '../../../src/metrics/store.ts';
import { tagSet } from '../../../src/metrics/tagset.ts';

test('the open model never starts an iteration before its intended instant (dense and sparse schedules)', { timeout: 30_000 }, async () => {
  // 1 s at one iteration per 0.2 ms, then 1 s at one per 7 ms: the sparse part is waited out by 1 ms
  // timers, which fire early now and then; the dense part by setImmediate turns.
  const segments = [{ durationMs: 1000, from: 5, to: 5 }, { durationMs: 1000, from: 1 / 7, to: 1 / 7 }];
  let earliest = Infinity;
  let started = 0;
  const handle = startOpenModel({ segments, preAllocatedVUs: 64, maxVUs: 64, gracefulStopMs: 1000 }, (id) => ({
    id,
    run: async (intendedAt) => { earliest = Math.min(earliest, performance.now() - intendedAt); started++; },
  }), { sink: new MetricStore(new MetricRegistry()), tags: tagSet({}), signal: new AbortController().signal });
  await handle.done;
  assert.ok(started > 2000, `the schedule ran (${started} iterations started)`);
  assert.ok(earliest >= 0, `an iteration started ${(-earliest).toFixed(3)} ms before its intended instant`);
});

test('a dense schedule (every 0.2 ms for 1.5 s) keeps the spin within its share of each second', { timeout: 30_000 }, async () => {
  const t0 = performance.now() + 5;
  const due = Array.from({ length: 7500 }, (_, i) => t0 + i * 0.2);
  let next = 0;
  let maxSpun = 0;
  let lastSpun = 0;
  let longestTurn = 0;
  await new Promise<void>((done) => {
    const wake: PreciseWake = new PreciseWake(() => {
      const now = performance.now();
      while (next < due.length && due[next] <= now) next++;
      if (wake.spunMs > lastSpun) longestTurn = Math.max(longestTurn, wake.spunMs - lastSpun);
      lastSpun = wake.spunMs;
      maxSpun = Math.max(maxSpun, wake.spunMs);
      if (next >= due.length) return done();
      wake.at(due[next]);
    });
    wake.at(due[0]);
  });
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
