// Execution segments with k6's semantics: a sequence 0 = s0 < s1 < ... < sk = 1 cuts the load into k
// shares; L = lcm of the denominators; every share owns a fixed striped set of the indexes 0..L-1 and
// so of every global iteration index (index mod L). Iterations, VUs, connections and users are split by
// the same stripes, so the parts of any whole number sum to that whole.
import { ConfigError, type ConfigIssue } from '../contracts/errors.ts';
import { compareFractions, formatFraction, lcm, parseFraction, type Fraction } from './fraction.ts';
import type { SegmentPlan } from '../contracts/segment-plan.ts';


/**
 * Assigns each of the L cycle positions to a segment: position i goes to the segment furthest behind its
 * proportional share after i+1 positions (ties to the earlier segment), so every segment gets exactly
 * share*L positions, spread evenly through the cycle. Returns the owner index of each position.
 */
export function stripeOwners(points: readonly Fraction[]): { cycle: number; owners: Int32Array } {
  const cycle = points.reduce((l, f) => lcm(l, f.d), 1);
  const quotas = points.slice(1).map((f, j) => (f.n * cycle) / f.d - (points[j].n * cycle) / points[j].d);
  const given = new Array<number>(quotas.length).fill(0);
  const owners = new Int32Array(cycle);
  for (let i = 0; i < cycle; i++) {
    let best = -1, bestDeficit = -Infinity;
    for (let j = 0; j < quotas.length; j++) {
      if (given[j] >= quotas[j]) continue;
      const deficit = ((i + 1) * quotas[j]) / cycle - given[j];
      if (deficit > bestDeficit + 1e-12) { best = j; bestDeficit = deficit; }
    }
    owners[i] = best;
    given[best]++;
  }
  return { cycle, owners };
}

/** Most cycle positions accepted (the lcm of the denominators); larger sequences are refused. */
export const MAX_CYCLE = 1_000_000;

function parseList(text: string, issues: ConfigIssue[], path: string): Fraction[] | undefined {
  const parts = text.split(',').map((p) => p.trim()).filter((p) => p !== '');
  const out: Fraction[] = [];
  for (const p of parts) {
    const f = parseFraction(p);
    if (!f) { issues.push({ file: 'command line', path, message: `"${p}" is not a fraction between 0 and 1`, fix: 'write fractions like 1/4 or 0.25' }); return undefined; }
    out.push(f);
  }
  return out;
}

/**
 * Builds the segment plan from `--execution-segment A:B` and `--execution-segment-sequence s0,...,sk`
 * (either may be absent: no segment = 0:1; no sequence = 0,A,B,1). Throws ConfigError (104) naming the
 * flag when a value is malformed, the sequence is not increasing from 0 to 1, or the segment is not one
 * of its steps.
 */
export function parseSegmentPlan(segment?: string, sequence?: string): SegmentPlan {
  const issues: ConfigIssue[] = [];
  let from: Fraction = { n: 0, d: 1 }, to: Fraction = { n: 1, d: 1 };
  if (segment !== undefined) {
    const ends = segment.split(':');
    const parsed = ends.length === 2 ? parseList(ends.join(','), issues, '--execution-segment') : undefined;
    if (ends.length !== 2 && !issues.length) issues.push({ file: 'command line', path: '--execution-segment', message: `"${segment}" is not FROM:TO`, fix: 'write e.g. --execution-segment 1/4:2/4' });
    if (parsed && parsed.length === 2) {
      [from, to] = parsed;
      if (compareFractions(from, to) >= 0) issues.push({ file: 'command line', path: '--execution-segment', message: `"${segment}" is empty or reversed (FROM must be below TO)`, fix: 'write e.g. --execution-segment 0:1/2' });
    }
  }
  let points: Fraction[] | undefined;
  if (sequence !== undefined) {
    points = parseList(sequence, issues, '--execution-segment-sequence');
    if (points) {
      if (points.length < 2 || points[0].n !== 0 || points[points.length - 1].n !== points[points.length - 1].d)
        issues.push({ file: 'command line', path: '--execution-segment-sequence', message: `"${sequence}" must start at 0 and end at 1`, fix: 'write e.g. --execution-segment-sequence 0,1/4,2/4,3/4,1' });
      for (let i = 1; i < points.length; i++)
        if (compareFractions(points[i - 1], points[i]) >= 0) {
          issues.push({ file: 'command line', path: '--execution-segment-sequence', message: `"${sequence}" is not strictly increasing at ${formatFraction(points[i])}`, fix: 'list each cut once, from 0 up to 1' });
          break;
        }
    }
  } else {
    points = [{ n: 0, d: 1 }, from, to, { n: 1, d: 1 }].filter((f, i, a) => i === 0 || compareFractions(a[i - 1], f) !== 0);
  }
  let index = -1;
  if (points && !issues.length) {
    index = points.findIndex((p, i) => i + 1 < points!.length && compareFractions(p, from) === 0 && compareFractions(points![i + 1], to) === 0);
    if (index < 0) issues.push({ file: 'command line', path: '--execution-segment', message: `${formatFraction(from)}:${formatFraction(to)} is not one step of the sequence ${points.map(formatFraction).join(',')}`, fix: 'pick two neighbouring values of the sequence, e.g. 1/4:2/4 of 0,1/4,2/4,3/4,1' });
    else if (points.reduce((l, f) => lcm(l, f.d), 1) > MAX_CYCLE) issues.push({ file: 'command line', path: '--execution-segment-sequence', message: `the denominators' lcm exceeds ${MAX_CYCLE}`, fix: 'use fractions with small denominators (e.g. quarters, tenths)' });
  }
  if (issues.length) throw new ConfigError(issues);
  return segmentPlanOf(points!, index);
}

/** The plan of segment `index` (0-based) of the sequence `points` (already validated). */
export function segmentPlanOf(points: readonly Fraction[], index: number): SegmentPlan {
  const { cycle, owners } = stripeOwners(points);
  // prefix[i] = positions below i owned by this segment
  const prefix = new Int32Array(cycle + 1);
  for (let i = 0; i < cycle; i++) prefix[i + 1] = prefix[i] + (owners[i] === index ? 1 : 0);
  const perCycle = prefix[cycle];
  const whole = points.length === 2;
  return {
    segment: `${formatFraction(points[index])}:${formatFraction(points[index + 1])}`,
    sequence: points.map(formatFraction).join(','),
    index,
    count: points.length - 1,
    cycle,
    whole,
    size: points[index + 1].n / points[index + 1].d - points[index].n / points[index].d,
    owns: whole ? () => true : (k) => owners[k % cycle] === index,
    scale: whole ? (v) => v : (v) => {
      const n = Math.max(0, Math.floor(v));
      return Math.floor(n / cycle) * perCycle + prefix[n % cycle];
    },
  };
}

/** The unsegmented plan (segment 0:1). */
export const WHOLE: SegmentPlan = segmentPlanOf([{ n: 0, d: 1 }, { n: 1, d: 1 }], 0);

/** Every segment plan of a sequence, in order (for tests, workers and orchestrators). */
export function allSegments(sequence: string): SegmentPlan[] {
  const cuts = sequence.split(',').map((p) => p.trim()).filter((p) => p !== '');
  const first = parseSegmentPlan(`${cuts[0]}:${cuts[1]}`, sequence);
  const points = first.sequence.split(',').map((p) => parseFraction(p)!);
  return points.slice(1).map((_, i) => segmentPlanOf(points, i));
}
