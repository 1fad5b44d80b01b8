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

// k6's striping gives the bigger segments their indexes first within a cycle, so a small segment's part can
// lag its proportional share by more than 1 (e.g. 9/11:7/8 of a 9-segment sequence by 3.6 at 556): k6's
// guarantees are these (sum, no wobble, exact per whole cycle, and the part is the count of owned indexes).
test('scale: parts sum to the whole, never decrease, are exact per cycle and count the owned indexes', { timeout: 60_000 }, () => {
  fc.assert(fc.property(sequenceArb, fc.integer({ min: 0, max: 100_000 }), (seq, v) => {
    const segs = allSegments(seq);
    const parts = segs.map((s) => s.scale(v));
    assert.equal(parts.reduce((a, b) => a + b, 0), v, `${seq} splits ${v} into ${parts}`);
    for (const s of segs) {
      assert.ok(s.scale(v + 1) >= s.scale(v), `${seq}: ${s.segment} wobbles at ${v}`);
      const cycles = Math.floor(v / s.cycle) * s.cycle;
      assert.ok(Math.abs(s.scale(cycles) - cycles * s.size) < 1e-6, `${seq}: ${s.segment} of ${cycles}`);
    }
    const small = v % 500; // owned indexes below `small`, counted one by one
    for (const s of segs) {
      let owned = 0;
      for (let k = 0; k < small; k++) if (s.owns(k)) owned++;
      assert.equal(s.scale(small), owned, `${seq}: ${s.segment} owns ${owned} of 0..${small - 1}`);
    }
  }), { numRuns: 300 });
});

test('re-cut by a count (arrival rate by maxVUs): the segments with a part own every index once; the others own none', { timeout: 60_000 }, () => {
  fc.assert(fc.property(sequenceArb, fc.integer({ min: 1, max: 40 }), fc.integer({ min: 0, max: 600 }), (seq, maxVUs, n) => {
    const segs = allSegments(seq);
    const cut = segs.map((s) => s.splitBy(maxVUs));
    segs.forEach((s, i) => assert.equal(cut[i] === undefined, s.scale(maxVUs) === 0, `${seq} by ${maxVUs}: ${s.segment}`));
    for (let k = 0; k < n; k++) assert.equal(cut.filter((c) => c && c.owns(k)).length, 1, `${seq} by ${maxVUs}: index ${k}`);
  }), { numRuns: 200 });
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
