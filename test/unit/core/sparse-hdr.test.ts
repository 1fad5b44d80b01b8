import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as hdr from 'hdr-histogram-js';
import { SparseHdr } from '../../../src/metrics/sparse-hdr.ts';
import { aggregateFromState, createAggregate, decodeTrendBuckets, encodeTrend, trendPercentile } from '../../../src/metrics/aggregates.ts';

/** Deterministic values (fixed seed): log-normal latencies in µs around 2 ms, a 1 % tail near 200 ms, a few zeros and values beyond HDR's initial 60 s range. */
function values(n: number, seed = 7): number[] {
  let s = seed;
  const rnd = () => { s = (s * 1103515245 + 12345) & 0x7fffffff; return s / 0x80000000; };
  const normal = () => Math.sqrt(-2 * Math.log(rnd() || 1e-12)) * Math.cos(2 * Math.PI * rnd());
  return Array.from({ length: n }, (_, i) => i % 997 === 0 ? 0 : i % 1999 === 0 ? 90_000_000 + i : Math.round(rnd() < 0.01 ? 200_000 * Math.exp(0.3 * normal()) : 2000 * Math.exp(0.6 * normal())));
}

function dense(vs: number[]): hdr.Histogram {
  const h = hdr.build({ bitBucketSize: 32, lowestDiscernibleValue: 1, highestTrackableValue: 60_000_000, numberOfSignificantValueDigits: 3, autoResize: true });
  for (const v of vs) h.recordValue(v);
  return h;
}

function sparse(vs: number[]): SparseHdr {
  const h = new SparseHdr();
  for (const v of vs) h.record(v);
  return h;
}

const PS = [0, 0.1, 1, 10, 25, 50, 75, 90, 95, 99, 99.5, 99.9, 99.99, 100];

test('SparseHdr answers every percentile exactly as hdr-histogram-js does, within 3 significant digits of the exact value', { timeout: 20_000 }, () => {
  const vs = values(50_000);
  const sorted = [...vs].sort((a, b) => a - b);
  const d = dense(vs), s = sparse(vs);
  assert.equal(s.total, vs.length);
  for (const p of PS) {
    const got = s.valueAtPercentile(p);
    assert.equal(got, d.getValueAtPercentile(p), `p(${p}) as HDR answers it`);
    const exact = sorted[Math.max(1, Math.ceil((p / 100) * vs.length - 1e-9)) - 1];
    assert.ok(got >= exact && got <= exact + Math.max(0, exact / 1024), `p(${p}) ${got} within HDR precision of the exact ${exact}`);
  }
  assert.equal(new SparseHdr().valueAtPercentile(99), 0, 'empty answers 0');
});

test('SparseHdr encodes exactly as hdr-histogram-js does, and decodes what it wrote', { timeout: 20_000 }, () => {
  const vs = values(20_000, 11);
  const enc = sparse(vs).encode();
  assert.equal(enc, hdr.encodeIntoCompressedBase64(dense(vs)), 'same bytes as the HDR encoding snapshots always used');
  const back = SparseHdr.decode(enc);
  const theirs = hdr.decodeFromCompressedBase64(enc, 32, false);
  assert.equal(back.total, vs.length);
  for (const p of PS) assert.equal(back.valueAtPercentile(p), theirs.getValueAtPercentile(p), `p(${p}) after decode`);
});

test('SparseHdr merge equals recording every value in one histogram', { timeout: 20_000 }, () => {
  const vs = values(30_000, 3);
  const parts = [new SparseHdr(), new SparseHdr(), new SparseHdr()];
  vs.forEach((v, i) => parts[i < 100 ? 0 : i % 3].record(v));
  const merged = new SparseHdr();
  for (const p of parts) merged.add(p);
  const whole = sparse(vs);
  assert.equal(merged.encode(), whole.encode());
  for (const p of PS) assert.equal(merged.valueAtPercentile(p), whole.valueAtPercentile(p), `p(${p})`);
  parts[1].reset();
  assert.equal(parts[1].total, 0);
  parts[1].record(5);
  assert.equal(parts[1].valueAtPercentile(100), 5, 'a reset histogram forgets its old counts');
});

test('trend aggregates: percentiles never above the exact max, merge == one, stored state restores and decodes with hdr-histogram-js', { timeout: 20_000 }, () => {
  const vs = values(10_000, 5).map((v) => v / 1000 + 0.0004); // ms with a fraction, as HTTP times are
  const one = createAggregate('trend');
  for (const v of vs) one.add(v);
  const a = createAggregate('trend'), b = createAggregate('trend'), merged = createAggregate('trend');
  vs.forEach((v, i) => (i % 2 ? a : b).add(v));
  merged.merge(a); merged.merge(b);
  const max = Math.max(...vs), min = Math.min(...vs);
  const sorted = [...vs].sort((x, y) => x - y);
  for (const p of [50, 90, 95, 99, 99.9, 99.99, 100]) {
    const got = trendPercentile(one, p);
    assert.ok(got <= max && got >= min, `p(${p}) ${got} within [min ${min}, max ${max}]`);
    const exact = sorted[Math.max(1, Math.ceil((p / 100) * vs.length - 1e-9)) - 1];
    assert.ok(Math.abs(got - exact) <= exact / 1000 + 0.001, `p(${p}) ${got} near the exact ${exact}`);
    assert.equal(trendPercentile(merged, p), got, `merged p(${p})`);
  }
  const { avg: mAvg, ...mRest } = merged.values(1), { avg: oAvg, ...oRest } = one.values(1);
  assert.deepEqual(mRest, oRest);
  assert.ok(Math.abs(mAvg - oAvg) < 1e-9, 'avg, up to the order of a float sum');
  const restored = aggregateFromState('trend', JSON.parse(JSON.stringify(one.state())));
  assert.deepEqual(restored.values(1), one.values(1), 'a segment snapshot restores the same figures');
  const enc = encodeTrend(one)!;
  const theirs = hdr.decodeFromCompressedBase64(enc, 32, false);
  assert.equal(theirs.totalCount, vs.length, 'an older reader decodes the stored histogram');
  assert.equal(theirs.getValueAtPercentile(50) / 1000, decodeTrendBuckets(enc).find((x, i, all) => all.slice(0, i + 1).reduce((n, y) => n + y.count, 0) >= vs.length / 2)!.value);
});

test('a trend state for another thread (bins, no compression) restores to the same histogram as the encoded one', { timeout: 20_000 }, () => {
  const vs = values(20_000, 11).map((v) => v / 1000); // ms, as trends record
  const t = createAggregate('trend');
  for (const v of vs) t.add(v);
  const inMemory = t.state(true);
  const fields = inMemory as { bins?: Uint32Array; hdr?: string };
  assert.ok(fields.bins instanceof Uint32Array && fields.hdr === undefined, 'bins, not the encoded string');
  const viaBins = aggregateFromState('trend', structuredClone(inMemory));
  const viaHdr = aggregateFromState('trend', t.state());
  assert.equal(encodeTrend(viaBins), encodeTrend(t), 'same counts in every bucket');
  for (const p of [0, 1, 50, 90, 99, 99.9, 100]) assert.equal(trendPercentile(viaBins, p), trendPercentile(viaHdr, p), `p${p}`);
  assert.deepEqual(viaBins.values(1), t.values(1));
});
