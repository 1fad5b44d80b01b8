// What a pair of runs can show about a worsening: the confidence bounds of the relative change and the smallest regression the samples could detect.

/**
 * A one-sided test family over the relative shift s (percent): `worse(s)` is the confidence that the run is
 * worse than the baseline made s % worse; `notWorse(s)` the confidence that it is not. worse falls and
 * notWorse rises as s grows.
 */
export interface ShiftTests {
  worse(s: number): number;
  notWorse(s: number): number;
}

/** The bounds of the relative worsening (percent) at one confidence. */
export interface ChangeBounds {
  /** Shift at which the run is as likely worse as not (the estimated worsening). */
  estimatePct: number;
  /** Largest s the samples are `confidence` sure the run is worse than (a regression beyond the limit when above it). */
  lowerPct: number;
  /** Smallest s the samples are `confidence` sure the run is not worse than (no regression beyond the limit only when at or below it). */
  upperPct: number;
  /**
   * Smallest regression these samples can detect at this confidence: half the width of [lower, upper]
   * (a true worsening this large or less cannot be told from no change).
   */
  detectablePct: number;
}

const LO = -99;
const HI = 10_000;

/** The s in [LO, HI] where monotone `f` crosses `level` (rising: f(s) < level below it), by bisection to 0.01 %. */
function crossing(f: (s: number) => number, level: number, rising: boolean): number {
  let lo = LO;
  let hi = HI;
  const below = (s: number): boolean => (rising ? f(s) < level : f(s) >= level);
  if (!below(lo)) return lo;
  if (below(hi)) return hi;
  // Bounded: about 20 halvings of a 10,099-wide interval reach 0.01.
  while (hi - lo > 0.01) {
    const mid = (lo + hi) / 2;
    if (below(mid)) lo = mid; else hi = mid;
  }
  return (lo + hi) / 2;
}

/**
 * The bounds of the worsening at `confidence` (0..1): lower = the largest s with worse(s) >= confidence,
 * upper = the smallest s with notWorse(s) >= confidence, estimate = where worse(s) falls through 0.5.
 * Each is clamped to [-99 %, 10,000 %]; the tests run about 60 times in all.
 */
export function changeBounds(t: ShiftTests, confidence: number): ChangeBounds {
  const lowerPct = crossing((s) => t.worse(s), confidence, false);
  const upperPct = crossing((s) => t.notWorse(s), confidence, true);
  const estimatePct = crossing((s) => t.worse(s), 0.5, false);
  return { estimatePct, lowerPct, upperPct, detectablePct: Math.max(0, (upperPct - lowerPct) / 2) };
}

/**
 * Samples per run needed (about) for these runs to tell whether the worsening is within `limitPct`: the
 * detectable regression shrinks as 1 / sqrt(n), and must fit below the limit and below the room between
 * the estimate and the limit. Undefined when the estimate is at or above the limit (more samples would
 * rather show a regression than rule one out).
 */
export function samplesNeeded(b: ChangeBounds, limitPct: number, n: number): number | undefined {
  const room = Math.min(limitPct, limitPct - b.estimatePct);
  if (!(room > 0) || !(b.detectablePct > 0)) return undefined;
  // 1 / sqrt(n) holds for large samples; 10 % more covers the small-sample and tie corrections
  const k = 1.1 * (b.detectablePct / room) ** 2;
  return Math.ceil(Math.max(1, k) * n);
}
