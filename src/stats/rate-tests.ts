// One-sided tests of a worsening beyond a relative limit for proportions (error rates) and event rates (throughput).
import { cumulativeStdNormalProbability } from 'simple-statistics';
import type { OneSidedTest } from './rank-test.ts';

function confidenceOf(z: number): number {
  return Number.isFinite(z) ? cumulativeStdNormalProbability(z) : 0;
}

/**
 * Confidence that the run's proportion is worse than the baseline's by more than limitPct percent (above
 * base x (1 + limit) when higher is worse, below base x (1 - limit) when lower is): one-sided Wald z-test
 * (unpooled variances); 0 when neither sample varies (e.g. no error in either run).
 */
export function proportionWorseBeyond(base: { hits: number; n: number }, run: { hits: number; n: number }, limitPct: number, worse: 'higher' | 'lower'): OneSidedTest {
  const out = { nBase: base.n, nRun: run.n, confidence: 0 };
  if (!base.n || !run.n) return out;
  const f = worse === 'lower' ? Math.max(0, 1 - limitPct / 100) : 1 + limitPct / 100;
  const pb = base.hits / base.n;
  const pr = run.hits / run.n;
  const variance = pr * (1 - pr) / run.n + f * f * pb * (1 - pb) / base.n;
  if (!(variance > 0)) return out;
  const z = worse === 'lower' ? f * pb - pr : pr - f * pb;
  return { ...out, confidence: confidenceOf(z / Math.sqrt(variance)) };
}

/**
 * Confidence that the run's event rate (count per second) is worse than the baseline's by more than
 * limitPct percent (below base x (1 - limit) when lower is worse, above base x (1 + limit) when higher is):
 * one-sided z-test on Poisson counts; the sample sizes are the counts.
 */
export function rateWorseBeyond(base: { count: number; seconds: number }, run: { count: number; seconds: number }, limitPct: number, worse: 'higher' | 'lower'): OneSidedTest {
  const out = { nBase: base.count, nRun: run.count, confidence: 0 };
  if (!(base.seconds > 0) || !(run.seconds > 0) || !(base.count + run.count > 0)) return out;
  const f = worse === 'lower' ? Math.max(0, 1 - limitPct / 100) : 1 + limitPct / 100;
  const lb = base.count / base.seconds;
  const lr = run.count / run.seconds;
  const variance = f * f * base.count / (base.seconds * base.seconds) + run.count / (run.seconds * run.seconds);
  if (!(variance > 0)) return out;
  const z = worse === 'lower' ? f * lb - lr : lr - f * lb;
  return { ...out, confidence: confidenceOf(z / Math.sqrt(variance)) };
}
