// The detectable regression of a pair of runs (src/stats/detectable.ts) on bucket counts with a known shift and spread.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { changeBounds, samplesNeeded, type ShiftTests } from '../../../src/stats/detectable.ts';
import { rankTestNotWorseBeyond, rankTestWorseBeyond } from '../../../src/stats/rank-test.ts';
import type { TrendBucket } from '../../../src/metrics/aggregates.ts';

/** n samples spread evenly over [mean x (1 - w), mean x (1 + w)] (deterministic: no random draw). */
function spread(n: number, mean: number, w: number): TrendBucket[] {
  return Array.from({ length: n }, (_, i) => ({ value: mean * (1 - w + (2 * w * (i + 0.5)) / n), count: 1 }));
}
const times = (b: TrendBucket[], k: number): TrendBucket[] => b.map((x) => ({ value: x.value, count: x.count * k }));
const rank = (base: TrendBucket[], run: TrendBucket[]): ShiftTests => ({
  worse: (s) => rankTestWorseBeyond(base, run, s, 'higher').confidence,
  notWorse: (s) => rankTestNotWorseBeyond(base, run, s, 'higher').confidence,
});

test('the interval holds the true shift, and the detectable regression shrinks as 1 / sqrt(n)', () => {
  const b1 = changeBounds(rank(spread(400, 50, 0.5), spread(400, 55, 0.5)), 0.95); // +10 %
  assert.ok(b1.lowerPct < 10 && b1.upperPct > 10 && Math.abs(b1.estimatePct - 10) < 2, JSON.stringify(b1));
  const b4 = changeBounds(rank(times(spread(400, 50, 0.5), 4), times(spread(400, 55, 0.5), 4)), 0.95);
  const ratio = b1.detectablePct / b4.detectablePct;
  assert.ok(ratio > 1.7 && ratio < 2.3, `4x the samples halve it: ${b1.detectablePct} -> ${b4.detectablePct}`);
});

test('a wider spread makes a larger detectable regression; a higher confidence too', () => {
  const narrow = changeBounds(rank(spread(400, 50, 0.1), spread(400, 50, 0.1)), 0.95);
  const wide = changeBounds(rank(spread(400, 50, 0.8), spread(400, 50, 0.8)), 0.95);
  assert.ok(wide.detectablePct > 3 * narrow.detectablePct, `${narrow.detectablePct} vs ${wide.detectablePct}`);
  const strict = changeBounds(rank(spread(400, 50, 0.8), spread(400, 50, 0.8)), 0.999);
  assert.ok(strict.detectablePct > wide.detectablePct);
});

test('the samples it says are needed are enough: with that many the interval fits under the limit', () => {
  const base = spread(60, 50, 0.9);
  const b = changeBounds(rank(base, base), 0.95);
  assert.ok(b.upperPct > 10, `60 samples of a wide spread cannot tell 10 %: ${JSON.stringify(b)}`);
  const need = samplesNeeded(b, 10, 60)!;
  const k = Math.ceil(need / 60);
  const more = changeBounds(rank(times(base, k), times(base, k)), 0.95);
  assert.ok(more.upperPct <= 10 && more.detectablePct <= 10, `${need} samples: ${JSON.stringify(more)}`);
  assert.equal(samplesNeeded({ ...b, estimatePct: 12 }, 10, 60), undefined, 'an estimate above the limit: more samples would rather show a regression');
});
