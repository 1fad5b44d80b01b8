// Bounded, shape-preserving downsampling of a series before it becomes an SVG path.

/** Default cap of points per charted path: enough for a ~900 px wide plot, small enough for a 1.5 MB report. */
export const MAX_POINTS_PER_PATH = 600;

/**
 * Reduces aligned `x`/`y` to at most `maxPoints` points (>= 4) by keeping, in each of maxPoints/2 equal index
 * buckets, the minimum and the maximum in their original order: spikes and dips survive. NaN marks a gap; a
 * bucket with only NaN yields one NaN point so the gap stays visible. Returns [x, y] pairs.
 */
export function downsampleMinMax(x: readonly number[], y: readonly number[], maxPoints = MAX_POINTS_PER_PATH): Array<[number, number]> {
  const n = Math.min(x.length, y.length);
  const out: Array<[number, number]> = [];
  if (n <= maxPoints) {
    for (let i = 0; i < n; i++) out.push([x[i], y[i]]);
    return out;
  }
  const buckets = Math.max(2, Math.floor(maxPoints / 2));
  for (let b = 0; b < buckets; b++) {
    const from = Math.floor((b * n) / buckets);
    const to = Math.floor(((b + 1) * n) / buckets);
    let lo = -1;
    let hi = -1;
    for (let i = from; i < to; i++) {
      const v = y[i];
      if (Number.isNaN(v)) continue;
      if (lo < 0 || v < y[lo]) lo = i;
      if (hi < 0 || v > y[hi]) hi = i;
    }
    if (lo < 0) { out.push([x[from], NaN]); continue; }
    const a = Math.min(lo, hi);
    const c = Math.max(lo, hi);
    out.push([x[a], y[a]]);
    if (c !== a) out.push([x[c], y[c]]);
  }
  return out;
}
