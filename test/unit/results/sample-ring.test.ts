// The shared ring of sample records: nothing is visible to the consumer before publish, a full ring
// refuses records (the caller counts the drop), released slots are reused, and order holds across the
// wrap of slot indices.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createRingMemory, RingConsumer, RingProducer } from '../../../src/results/sample-ring.ts';

/** The consumer's available records as [id, value, time]. */
const read = (c: RingConsumer) => Array.from({ length: c.available() }, (_, k) => { const i = c.slot(k); return [c.ids[i], c.values[i], c.times[i]]; });

test('a ring of 8: publish makes records visible, a full ring refuses, released slots are reused in order across the wrap', () => {
  const memory = createRingMemory(8);
  const p = new RingProducer(memory);
  const c = new RingConsumer(memory);
  for (let n = 0; n < 8; n++) assert.equal(p.push(n % 3, n, n + 0.5), true);
  assert.equal(p.push(9, 9, 9), false, 'full');
  assert.equal(c.available(), 0, 'nothing published yet');
  p.publish();
  assert.deepEqual(read(c).map((r) => r[1]), [0, 1, 2, 3, 4, 5, 6, 7]);
  c.release(3);
  for (let n = 8; n < 11; n++) assert.equal(p.push(n % 3, n, n + 0.5), true, `slot of a released record reused (${n})`);
  assert.equal(p.push(11, 11, 11), false, 'full again');
  p.publish();
  assert.deepEqual(read(c), [3, 4, 5, 6, 7, 8, 9, 10].map((n) => [n % 3, n, n + 0.5]));
  // many more laps: each record once, in order
  let next = 11, seen = 3;
  for (let lap = 0; lap < 1000; lap++) {
    c.release(c.available() - 2);
    while (p.push(next % 3, next, next + 0.5)) next++;
    p.publish();
    const values = read(c).map((r) => r[1]);
    assert.equal(values.length, 8);
    assert.deepEqual(values, Array.from({ length: 8 }, (_, k) => next - 8 + k));
    seen = next;
  }
  assert.equal(seen, 11 + 6 * 1000);
  assert.throws(() => createRingMemory(6), /power of two/);
});
