import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { allSegments, parseSegmentPlan } from '../../src/plan/index.ts';

/** A random sequence 0 < ... < 1 of fractions with small denominators, as text. */
const sequenceArb = fc.uniqueArray(fc.tuple(fc.integer({ min: 1, max: 11 }), fc.integer({ min: 2, max: 12 })), { minLength: 0, maxLength: 6 })
  .map((pairs) => {
    const vals = new Map<number, string>();
    for (const [a, b] of pairs) if (a < b) vals.set(a / b, `${a}/${b}`);
    return ['0', ...[...vals.entries()].sort((x, y) => x[0] - y[0]).map((e) => e[1]), '1'].join(',');
  });

test('striping: the union of the segments\' iteration indexes is 0..n-1 with no duplicates', { timeout: 60_000 }, () => {
  fc.assert(fc.property(sequenceArb, fc.integer({ min: 0, max: 3000 }), (seq, n) => {
    const segs = allSegments(seq);
    const seen = new Uint8Array(n);
    for (const s of segs) for (let k = 0; k < n; k++) if (s.owns(k)) seen[k]++;
    for (let k = 0; k < n; k++) assert.equal(seen[k], 1, `index ${k} of ${seq} owned ${seen[k]} times`);
  }), { numRuns: 200 });
});

test('scale: per-segment parts of any count sum to the whole and each is within 1 of its share', { timeout: 60_000 }, () => {
  fc.assert(fc.property(sequenceArb, fc.integer({ min: 0, max: 100_000 }), (seq, v) => {
    const segs = allSegments(seq);
    const parts = segs.map((s) => s.scale(v));
    assert.equal(parts.reduce((a, b) => a + b, 0), v, `${seq} splits ${v} into ${parts}`);
    const points = seq.split(',').map((p) => (p.includes('/') ? Number(p.split('/')[0]) / Number(p.split('/')[1]) : Number(p)));
    parts.forEach((p, i) => assert.ok(Math.abs(p - v * (points[i + 1] - points[i])) < 1 + 1e-9, `${seq}: part ${i} of ${v} is ${p}`));
  }), { numRuns: 300 });
});

test('a segment owns its share of every window of one cycle, spread (not a block)', { timeout: 10_000 }, () => {
  const [a, b] = allSegments('0,1/2,1');
  assert.deepEqual([0, 1, 2, 3].map((k) => a.owns(k)), [true, false, true, false]);
  assert.deepEqual([0, 1, 2, 3].map((k) => b.owns(k)), [false, true, false, true]);
  const q = parseSegmentPlan('1/4:2/4', '0,1/4,2/4,3/4,1');
  assert.equal(q.segment, '1/4:1/2');
  assert.equal(q.index, 1);
  assert.equal(q.scale(4), 1);
  assert.equal(q.scale(8), 2);
  const whole = parseSegmentPlan();
  assert.equal(whole.whole, true);
  assert.equal(whole.scale(7), 7);
});
