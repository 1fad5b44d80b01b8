// Pure arithmetic of open-model schedules: when the k-th iteration should start.

/** One linear segment of an iteration rate: from `from` to `to` iterations per ms over `durationMs`. */
export interface RateSegment {
  durationMs: number;
  from: number;
  to: number;
}

/**
 * Yields the start offsets (ms from the workload start) of iterations 0, 1, 2, ... for a piecewise
 * linear rate: iteration k starts when the integral of the rate reaches k. Stops at the end of the
 * last segment. Iteration 0 starts at 0 when the first segment's rate is above zero.
 */
export function* arrivalOffsets(segments: readonly RateSegment[]): Generator<number, void, void> {
  let k = 0; // next iteration index
  let cumulative = 0; // iterations due by the start of the current segment
  let segStart = 0;
  for (const { durationMs: T, from: r0, to: r1 } of segments) {
    const total = ((r0 + r1) / 2) * T;
    while (k < cumulative + total) {
      const t = solveOffset(r0, r1, T, k - cumulative);
      if (!(t < T)) break;
      yield segStart + t;
      k++;
    }
    cumulative += total;
    segStart += T;
  }
}

/** Time t in [0, T) at which the integral of the rate r0 -> r1 (per ms, linear over T) reaches n; Infinity when never. */
export function solveOffset(r0: number, r1: number, T: number, n: number): number {
  if (n <= 0) return 0;
  const a = (r1 - r0) / (2 * T);
  if (Math.abs(a) < 1e-15) return r0 > 0 ? n / r0 : Infinity;
  const disc = r0 * r0 + 4 * a * n;
  if (disc < 0) return Infinity;
  // Same root as (-r0 + sqrt(disc)) / (2a), without cancellation when a is tiny.
  const denom = r0 + Math.sqrt(disc);
  return denom > 0 ? (2 * n) / denom : Infinity;
}

/** Number of iterations a piecewise linear rate asks for in total. */
export function expectedIterations(segments: readonly RateSegment[]): number {
  return segments.reduce((s, g) => s + ((g.from + g.to) / 2) * g.durationMs, 0);
}
