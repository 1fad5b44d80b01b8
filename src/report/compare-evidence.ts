// Which statistical test backs a compared figure, from what two stored summaries hold (histograms, counts).
import type { RunSummary } from '../contracts/summary-types.ts';
import { decodeTrendBuckets } from '../metrics/aggregates.ts';
import { rankTestNotWorseBeyond, rankTestWorseBeyond, type OneSidedTest } from '../stats/rank-test.ts';
import type { ShiftTests } from '../stats/detectable.ts';
import { proportionWorseBeyond, rateWorseBeyond } from '../stats/rate-tests.ts';

/** A test behind one compared row: its method, sample sizes and the confidence that the run is worse beyond the limit. */
export interface RowTest extends OneSidedTest {
  method: 'rank test' | 'proportion test' | 'count test';
  /** The same test at any relative shift (percent), both ways: what the bounds and the detectable regression are computed from. */
  shifts: ShiftTests;
}

function histogramOf(s: RunSummary, key: string) {
  const enc = s.loadcert.histograms?.[key];
  if (typeof enc !== 'string' || !enc) return undefined;
  try { return decodeTrendBuckets(enc); } catch { return undefined; }
}

function num(v: unknown): number | undefined {
  return typeof v === 'number' && Number.isFinite(v) ? v : undefined;
}

/**
 * The test for metric `key` aggregated by `aggregation` when worse is `worse`: a rank test over the two
 * exact HDR histograms for trends, a proportion test for rates, a count (Poisson) test for counter rates;
 * undefined when the summaries hold no samples to test (gauges, counts, a side without data).
 */
export function rowTest(base: RunSummary, run: RunSummary, key: string, aggregation: string, worse: 'higher' | 'lower' | null, limitPct: number): RowTest | undefined {
  if (worse === null) return undefined;
  const hb = histogramOf(base, key);
  const hr = histogramOf(run, key);
  if (hb && hr) return { method: 'rank test', ...rankTestWorseBeyond(hb, hr, limitPct, worse), shifts: { worse: (x) => rankTestWorseBeyond(hb, hr, x, worse).confidence, notWorse: (x) => rankTestNotWorseBeyond(hb, hr, x, worse).confidence } };
  const mb = base.metrics?.[key];
  const mr = run.metrics?.[key];
  if (!mb || !mr || mb.type !== mr.type) return undefined;
  if (mb.type === 'rate' && aggregation === 'rate') {
    const side = (v: Record<string, number>) => {
      const passes = num(v.passes); const fails = num(v.fails);
      if (passes === undefined || fails === undefined) return undefined;
      return { hits: passes, n: passes + fails };
    };
    const b = side(mb.values); const r = side(mr.values);
    if (!b || !r) return undefined;
    return { method: 'proportion test', ...proportionWorseBeyond(b, r, limitPct, worse), shifts: symmetric((x) => proportionWorseBeyond(b, r, x, worse)) };
  }
  if (mb.type === 'counter' && aggregation === 'rate') {
    const cb = num(mb.values.count); const cr = num(mr.values.count);
    if (cb === undefined || cr === undefined) return undefined;
    const sb = { count: cb, seconds: base.loadcert.durationMs / 1000 };
    const sr = { count: cr, seconds: run.loadcert.durationMs / 1000 };
    return { method: 'count test', ...rateWorseBeyond(sb, sr, limitPct, worse), shifts: symmetric((x) => rateWorseBeyond(sb, sr, x, worse)) };
  }
  return undefined;
}

/**
 * A z-test both ways: not worse = 1 - worse, except where the test cannot be made (no spread: confidence 0
 * both ways, so nothing can be shown either way).
 */
function symmetric(at: (limitPct: number) => OneSidedTest): ShiftTests {
  return {
    worse: (x) => at(x).confidence,
    notWorse: (x) => { const c = at(x).confidence; return c > 0 ? 1 - c : 0; },
  };
}
