// The latency-vs-rate curve's knee: a two-segment linear fit (simple-statistics regressions), the break at the least squared error.
import { linearRegression, linearRegressionLine } from 'simple-statistics';

/** One point of the curve: offered rate (per s) and a latency (ms). */
export interface CurvePoint { rps: number; latencyMs: number }

/** The fitted knee: the rate where the flat segment meets the steep one, and both segments' slopes (ms per req/s). */
export interface Knee {
  rps: number;
  latencyMs: number;
  slopeBefore: number;
  slopeAfter: number;
}

/**
 * Fits two lines to the points sorted by rate, every split leaving at least two points on each side,
 * and keeps the split with the smallest total squared error; the knee is where the two lines cross
 * (clamped between the split's neighbours). Undefined with fewer than 4 distinct rates or when the
 * second segment is not steeper than the first (no knee in the range searched).
 */
export function fitKnee(points: readonly CurvePoint[]): Knee | undefined {
  const byRate = new Map<number, number>();
  for (const p of points) if (Number.isFinite(p.latencyMs)) byRate.set(p.rps, p.latencyMs);
  const pts = [...byRate].sort((a, b) => a[0] - b[0]);
  if (pts.length < 4) return undefined;
  let best: { sse: number; k: number; a: { m: number; b: number }; b: { m: number; b: number } } | undefined;
  for (let k = 2; k <= pts.length - 2; k++) {
    const left = pts.slice(0, k);
    const right = pts.slice(k);
    const a = linearRegression(left);
    const b = linearRegression(right);
    const fa = linearRegressionLine(a);
    const fb = linearRegressionLine(b);
    const sse = left.reduce((s, [x, y]) => s + (y - fa(x)) ** 2, 0) + right.reduce((s, [x, y]) => s + (y - fb(x)) ** 2, 0);
    if (!best || sse < best.sse) best = { sse, k, a, b };
  }
  if (!best || !(best.b.m > best.a.m)) return undefined;
  const lo = pts[best.k - 1][0];
  const hi = pts[best.k][0];
  const cross = (best.b.b - best.a.b) / (best.a.m - best.b.m);
  const rps = Math.min(hi, Math.max(lo, Number.isFinite(cross) ? cross : lo));
  return { rps, latencyMs: linearRegressionLine(best.a)(rps), slopeBefore: best.a.m, slopeAfter: best.b.m };
}
