// The demo target's shared deadline scheduler: never early, deadline order, every callback runs once.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DeadlineScheduler } from '../../../src/target/deadline-scheduler.ts';

/** The scheduler's timers are unref'd (a closing target must not be held open): keep the test process alive while waiting. */
async function held<T>(p: Promise<T>): Promise<T> {
  const keep = setInterval(() => {}, 1000);
  try { return await p; } finally { clearInterval(keep); }
}

test('hundreds of pending deadlines each run once, never before the deadline, in deadline order', { timeout: 10_000 }, async () => {
  const s = new DeadlineScheduler();
  const n = 400;
  const fired: Array<{ deadline: number; at: number; seq: number }> = [];
  const base = performance.now();
  await held(new Promise<void>((resolve) => {
    for (let i = 0; i < n; i++) {
      // scheduled out of order; 400 callbacks over 120 distinct deadlines, so ties run in order of scheduling
      const deadline = base + ((i * 7919) % 40) + (i % 3) * 0.25;
      s.at(deadline, () => {
        fired.push({ deadline, at: performance.now(), seq: i });
        if (fired.length === n) resolve();
      });
    }
    assert.equal(s.pending, n);
  }));
  assert.equal(s.pending, 0);
  const early = fired.filter((f) => f.at < f.deadline);
  assert.deepEqual(early.map((f) => (f.deadline - f.at).toFixed(3)), [], 'no callback runs before its deadline');
  for (let i = 1; i < n; i++) {
    const a = fired[i - 1], b = fired[i];
    assert.ok(a.deadline < b.deadline || (a.deadline === b.deadline && a.seq < b.seq), `callback ${i} ran out of deadline order`);
  }
});

test('an earlier deadline scheduled after a later one still runs first', { timeout: 10_000 }, async () => {
  const s = new DeadlineScheduler();
  const order: string[] = [];
  const now = performance.now();
  await held(new Promise<void>((resolve) => {
    s.at(now + 40, () => { order.push('late'); resolve(); });
    s.at(now + 10, () => order.push('early'));
  }));
  assert.deepEqual(order, ['early', 'late']);
});

test('clear() drops every pending callback', { timeout: 10_000 }, async () => {
  const s = new DeadlineScheduler();
  let ran = 0;
  for (let i = 0; i < 5; i++) s.at(performance.now() + i, () => ran++);
  s.clear();
  assert.equal(s.pending, 0);
  await new Promise((r) => setTimeout(r, 20));
  assert.equal(ran, 0);
});
