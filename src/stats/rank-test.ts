// Mann-Whitney (Wilcoxon rank-sum) test computed on exact HDR bucket counts, shifted by a relative limit.
import { cumulativeStdNormalProbability } from 'simple-statistics';
import type { TrendBucket } from '../metrics/aggregates.ts';

/** Outcome of a one-sided test: sample sizes and the confidence that the alternative holds. */
export interface OneSidedTest {
  nBase: number;
  nRun: number;
  /** 1 - p of the one-sided test, 0..1 (0 when the test cannot be made). */
  confidence: number;
}

interface Weighted { value: number; count: number; side: 0 | 1 }

/**
 * One-sided Mann-Whitney test that the `larger` sample is stochastically larger than the `smaller` one,
 * from bucket counts (each bucket's samples share one value, i.e. are tied), normal approximation with
 * tie and continuity correction. simple-statistics' wilcoxonRankSum needs every sample expanded and
 * sorted; the counts give the same U in one pass over the buckets.
 */
export function rankTestLarger(larger: readonly TrendBucket[], smaller: readonly TrendBucket[]): { nLarger: number; nSmaller: number; confidence: number } {
  const all: Weighted[] = [
    ...larger.filter((b) => b.count > 0).map((b) => ({ value: b.value, count: b.count, side: 1 as const })),
    ...smaller.filter((b) => b.count > 0).map((b) => ({ value: b.value, count: b.count, side: 0 as const })),
  ].sort((a, b) => a.value - b.value);
  const n1 = larger.reduce((s, b) => s + b.count, 0);
  const n0 = smaller.reduce((s, b) => s + b.count, 0);
  if (!n1 || !n0) return { nLarger: n1, nSmaller: n0, confidence: 0 };
  let u = 0; // pairs (x from larger, y from smaller) with x > y, ties count one half
  let below0 = 0; // samples of `smaller` below the current value
  let tieTerm = 0; // sum of t^3 - t over groups of tied values
  for (let i = 0; i < all.length;) {
    let j = i;
    let c1 = 0;
    let c0 = 0;
    // Bounded: j advances over the group of equal values.
    while (j < all.length && all[j].value === all[i].value) { if (all[j].side) c1 += all[j].count; else c0 += all[j].count; j++; }
    u += c1 * (below0 + c0 / 2);
    const t = c1 + c0;
    tieTerm += t * t * t - t;
    below0 += c0;
    i = j;
  }
  const n = n1 + n0;
  const variance = (n1 * n0 / 12) * ((n + 1) - tieTerm / (n * (n - 1)));
  if (!(variance > 0)) return { nLarger: n1, nSmaller: n0, confidence: 0 };
  const z = (u - n1 * n0 / 2 - 0.5) / Math.sqrt(variance);
  return { nLarger: n1, nSmaller: n0, confidence: cumulativeStdNormalProbability(z) };
}

/**
 * One-sided rank test of `run` against `base` made `limitPct` % worse (times 1+limit when higher is worse,
 * times 1-limit when lower is worse). `runWorse` true asks "is the run worse than that?", false asks
 * "is the run better than that?" (not worse beyond the limit); the confidence is that of the question.
 */
function rankTestAgainstShifted(base: readonly TrendBucket[], run: readonly TrendBucket[], limitPct: number, worse: 'higher' | 'lower', runWorse: boolean): OneSidedTest {
  const factor = worse === 'higher' ? 1 + limitPct / 100 : Math.max(0, 1 - limitPct / 100);
  const shifted = base.map((b) => ({ value: b.value * factor, count: b.count }));
  const runLarger = runWorse === (worse === 'higher');
  const r = runLarger ? rankTestLarger(run, shifted) : rankTestLarger(shifted, run);
  return runLarger ? { nBase: r.nSmaller, nRun: r.nLarger, confidence: r.confidence } : { nBase: r.nLarger, nRun: r.nSmaller, confidence: r.confidence };
}

/**
 * Is `run` worse than `base` by more than `limitPct` percent, beyond sampling noise? Compares the run's
 * samples with the baseline's samples made `limitPct` % worse with a one-sided rank test; the confidence
 * is that of "worse than that".
 */
export function rankTestWorseBeyond(base: readonly TrendBucket[], run: readonly TrendBucket[], limitPct: number, worse: 'higher' | 'lower'): OneSidedTest {
  return rankTestAgainstShifted(base, run, limitPct, worse, true);
}

/**
 * Is `run` NOT worse than `base` made `limitPct` % worse? The reverse one-sided rank test: confidence that
 * the shifted baseline is stochastically larger than the run (higher is worse), or smaller (lower is worse).
 */
export function rankTestNotWorseBeyond(base: readonly TrendBucket[], run: readonly TrendBucket[], limitPct: number, worse: 'higher' | 'lower'): OneSidedTest {
  return rankTestAgainstShifted(base, run, limitPct, worse, false);
}
