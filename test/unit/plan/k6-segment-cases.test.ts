// Every case of k6's lib/execution_segment_test.go (as data in test/fixtures/k6-segment-cases.ts) against
// loadcert's execution segments: any disagreement fails.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as K6 from '../../fixtures/k6-segment-cases.ts';
import {
  formatSegment, newSegment, parseSegment, roundedScale, sameSegment, scaleRational, SegmentError, segmentOf, splitSegment, subSegment,
  WHOLE_SEGMENT, type ExecutionSegment,
} from '../../../src/plan/execution-segment.ts';
import { formatSequence, newSequence, parseSequence, sequenceLCD, type SegmentSequence } from '../../../src/plan/segment-sequence.ts';
import { executionTuple } from '../../../src/plan/execution-tuple.ts';
import { SegmentedIndex } from '../../../src/plan/segmented-index.ts';
import { compareFractions, fraction, ONE, toNumber, type Fraction } from '../../../src/plan/fraction.ts';

const seg = (s: string | null): ExecutionSegment | undefined => (s === null ? undefined : parseSegment(s));
const seq = (s: string | null): SegmentSequence | undefined => (s === null ? undefined : parseSequence(s));
const frac = ([n, d]: readonly [number, number]): Fraction => fraction(n, d);
const throwsSegmentError = (f: () => unknown, what: string) => assert.throws(f, SegmentError, what);

test('k6 TestExecutionSegmentEquals / New / UnmarshalText', { timeout: 5000 }, () => {
  for (const [a, b] of K6.EQUALS) assert.ok(sameSegment(seg(a) ?? WHOLE_SEGMENT, seg(b) ?? WHOLE_SEGMENT), `${a} = ${b}`);
  for (const c of K6.NEW_SEGMENT) {
    if (c.ok) newSegment(frac(c.from), frac(c.to));
    else throwsSegmentError(() => newSegment(frac(c.from), frac(c.to)), `${c.from} ${c.to}`);
  }
  for (const c of K6.UNMARSHAL) {
    if (c.want === 'error') { throwsSegmentError(() => parseSegment(c.input), c.input); continue; }
    const want = segmentOf(frac(c.want[0]), frac(c.want[1]));
    const got = parseSegment(c.input);
    assert.ok(sameSegment(got, want), `${c.input}: ${formatSegment(got)}`);
    assert.ok(sameSegment(parseSegment(formatSegment(got)), want), `${c.input} back from ${formatSegment(got)}`);
  }
  assert.equal(formatSegment(WHOLE_SEGMENT), K6.NIL_SEGMENT_STRING);
  assert.ok(sameSegment(parseSegment(K6.NIL_SEGMENT_STRING), WHOLE_SEGMENT));
});

test('k6 TestExecutionSegmentSplit / TestSplitBadSegment / SubSegment / FloatLength / scale of rationals', { timeout: 5000 }, () => {
  for (const c of K6.SPLIT) {
    const s = c.segment === 'reversed 1:0' ? segmentOf(ONE, fraction(0)) : seg(c.segment) ?? WHOLE_SEGMENT;
    if (c.want === 'error') { throwsSegmentError(() => splitSegment(s, c.parts), `${c.segment} / ${c.parts}`); continue; }
    assert.deepEqual(splitSegment(s, c.parts).map(formatSegment), c.want, `${c.segment} / ${c.parts}`);
  }
  for (const c of K6.SUB_SEGMENT) {
    const got = c.sub === null ? seg(c.base) ?? WHOLE_SEGMENT : subSegment(seg(c.base) ?? WHOLE_SEGMENT, seg(c.sub)!);
    assert.ok(sameSegment(got, parseSegment(c.want)), `${c.name}: ${formatSegment(got)}`);
  }
  for (const c of K6.FLOAT_LENGTH) {
    const got = toNumber((seg(c.segment) ?? WHOLE_SEGMENT).length);
    assert.ok(Math.abs(got - c.want) / c.want <= 0.001, `${c.segment}: ${got}`);
  }
  for (const c of K6.SCALE_RAT) {
    const got = scaleRational(seg(c.segment) ?? WHOLE_SEGMENT, frac(c.value));
    assert.equal(compareFractions(got, frac(c.want)), 0, `${c.segment} * ${c.value}`);
  }
});

test('k6 TestExecutionSegmentFailures (Scale) / TestExecutionTupleScale / TestBigScale', { timeout: 5000 }, () => {
  for (const c of K6.SEGMENT_SCALE) assert.equal(roundedScale(parseSegment(c.segment), c.value), c.want, `${c.segment}.Scale(${c.value})`);
  for (const c of K6.TUPLE_SCALE) assert.equal(executionTuple(seg(c.segment), seq(c.sequence)).scale(c.value), c.want, `${c.segment} in ${c.sequence}: ${c.value}`);
});

test('k6 TestExecutionSegmentSequences / TestExecutionSegmentStringSequences / TestSequenceLCD', { timeout: 5000 }, () => {
  throwsSegmentError(() => newSequence(K6.SEQUENCE_GAP.map((s) => parseSegment(s))), 'a gap');
  for (const c of K6.STRING_SEQUENCES) {
    if (c.want === 'error') { throwsSegmentError(() => parseSequence(c.seq), c.seq); continue; }
    const got = parseSequence(c.seq);
    assert.equal(got.length, c.want.length, c.seq);
    c.want.forEach((w, i) => assert.ok(sameSegment(got[i], parseSegment(w)), `${c.seq} #${i}: ${formatSegment(got[i])}`));
    if (c.canReverse) assert.equal(formatSequence(got), c.seq);
  }
  for (const c of K6.SEQUENCE_LCD) assert.equal(sequenceLCD(parseSequence(c.seq)), BigInt(c.lcd), c.seq);
});

test('k6 TestGetStripedOffsets / TestGetNewExecutionTupleBesedOnValue / TestNewExecutionTuple', { timeout: 5000 }, () => {
  for (const c of K6.STRIPED_OFFSETS) {
    const got = executionTuple(parseSegment(c.seg), parseSequence(c.seq)).stripedOffsets();
    assert.deepEqual({ start: got.start, offsets: [...got.offsets], lcd: got.lcd }, { start: c.start, offsets: c.offsets, lcd: c.lcd }, `${c.seg} in ${c.seq}`);
  }
  for (const c of K6.NEW_TUPLE_FROM_VALUE)
    assert.equal(formatSequence(executionTuple(parseSegment(c.seg), parseSequence(c.seq)).fromValue(c.value).stripes.sequence), c.want);
  for (const c of K6.NEW_TUPLE) {
    const t = executionTuple(seg(c.seg), seq(c.seq));
    for (const [v, want] of c.scale) assert.equal(t.scale(v), want, `${c.seg} in ${c.seq}: ${v}`);
    for (const [v, pairs] of c.recut) {
      if (pairs === 'error') { throwsSegmentError(() => t.fromValue(v), `${c.seg} in ${c.seq} re-cut by ${v}`); continue; }
      const n = t.fromValue(v);
      for (const [x, want] of pairs) assert.equal(n.scale(x), want, `${c.seg} in ${c.seq} re-cut by ${v}: ${x}`);
    }
  }
});

test('k6 TestSegmentedIndex', { timeout: 5000 }, () => {
  for (const c of K6.SEGMENTED_INDEX) {
    const s = new SegmentedIndex({ start: c.start, lcd: c.lcd, offsets: c.offsets });
    c.steps.forEach(([op, unscaled, scaled], i) => {
      if (op === 'next') s.next(); else if (op === 'prev') s.prev(); else s.goTo(op[1]);
      assert.deepEqual([s.unscaled, s.scaled], [unscaled, scaled], `${c.name} step ${i} (${String(op)})`);
    });
  }
});

/** A deterministic generator (mulberry32) so k6's random cases are the same on every run. */
function rng(seed: number): (n: number) => number {
  let a = seed >>> 0;
  return (n) => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return Math.floor((((t ^ (t >>> 14)) >>> 0) / 4294967296) * n);
  };
}

/** k6's generateRandomSequence: n segments with numerators 1..m over their sum. */
function randomSequence(n: number, m: number, r: (n: number) => number): ExecutionSegment[] {
  const nums = Array.from({ length: n }, () => 1 + r(m));
  const den = nums.reduce((a, b) => a + b, 0);
  let from = fraction(0), acc = 0;
  return nums.map((x) => { acc += x; const to = fraction(acc, den); const s = newSegment(from, to); from = to; return s; });
}

test('k6 TestExecutionSegmentScaleConsistency / TestExecutionTupleScaleConsistency / TestExecutionSegmentScaleNoWobble (seeded, 3x k6\'s runs)', { timeout: 30_000 }, () => {
  const P = K6.RANDOM_PROPERTIES;
  const r = rng(20261203);
  const segments = () => P.segments[0] + r(P.segments[1] - P.segments[0] + 1);
  const scale = () => P.scale[0] + r(P.scale[1] - P.scale[0] + 1);
  for (let run = 0; run < P.runs * 3; run++) {
    const a = randomSequence(segments(), P.segmentNumerators, r), v = scale();
    assert.equal(a.reduce((sum, s) => sum + roundedScale(s, v), 0), v, `Scale(${v}) over ${formatSequence(a)}`);
    const b = randomSequence(segments(), P.tupleNumerators, r), w = scale();
    const t = executionTuple(b[0], b);
    assert.equal(b.reduce((sum, _, i) => sum + t.stripes.scale(i, w), 0), w, `ScaleInt64(${w}) over ${formatSequence(b)}`);
    const c = randomSequence(segments(), 100, r);
    const u = executionTuple(c[r(c.length)], c);
    for (let i = 1, last = 0; i <= P.noWobbleUpTo; i++) { const x = u.scale(i); assert.ok(x >= last, `${formatSequence(c)} ${i}`); last = x; }
  }
  const whole = executionTuple(undefined, undefined);
  for (let i = 1; i <= P.noWobbleUpTo; i++) assert.equal(whole.scale(i), i);
});
