// Which statistical test backs a compared figure, from what two stored summaries hold (histograms, counts).
import type { RunSummary } from '../contracts/summary-types.ts';
import { decodeTrendBuckets } from '../metrics/aggregates.ts';
import { rankTestWorseBeyond, type OneSidedTest } from '../stats/rank-test.ts';
import { proportionWorseBeyond, rateWorseBeyond } from '../stats/rate-tests.ts';

/** A test behind one compared row: its method, sample sizes and the confidence that the run is worse beyond the limit. */
export interface RowTest extends OneSidedTest {
  method: 'rank test' | 'proportion test' | 'count test';
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
  if (hb && hr) return { method: 'rank test', ...rankTestWorseBeyond(hb, hr, limitPct, worse) };
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
    return { method: 'proportion test', ...proportionWorseBeyond(b, r, limitPct, worse) };
  }
  if (mb.type === 'counter' && aggregation === 'rate') {
    const cb = num(mb.values.count); const cr = num(mr.values.count);
    if (cb === undefined || cr === undefined) return undefined;
    return { method: 'count test', ...rateWorseBeyond({ count: cb, seconds: base.loadcert.durationMs / 1000 }, { count: cr, seconds: run.loadcert.durationMs / 1000 }, limitPct, worse) };
  }
  return undefined;
}
