// One execution segment (from, to] of the whole load, 0 <= from < to <= 1, with k6's textual forms and arithmetic.
import { add, compareFractions, formatFraction, fraction, mul, ONE, parseRatio, roundHalfUp, sub, toNumber, ZERO, type Fraction } from './fraction.ts';

/** A segment (from, to] with its length; build it with newSegment or parseSegment (they validate). */
export interface ExecutionSegment {
  readonly from: Fraction;
  readonly to: Fraction;
  readonly length: Fraction;
}

/** An invalid segment or sequence; the message is k6's. */
export class SegmentError extends Error {
  readonly code = 'LC_SEGMENT';
}

/** The segment (from, to] without checks (for the already valid pieces a sequence is filled with). */
export function segmentOf(from: Fraction, to: Fraction): ExecutionSegment {
  return { from, to, length: sub(to, from) };
}

/** The segment (from, to]; throws SegmentError unless 0 <= from < to <= 1 (k6's NewExecutionSegment). */
export function newSegment(from: Fraction, to: Fraction): ExecutionSegment {
  const s2 = (f: Fraction) => (toNumber(f)).toFixed(2);
  if (compareFractions(from, ZERO) < 0) throw new SegmentError(`segment start value must be at least 0 but was ${s2(from)}`);
  if (compareFractions(from, to) >= 0) throw new SegmentError(`segment start(${s2(from)}) must be less than its end(${s2(to)})`);
  if (compareFractions(to, ONE) > 0) throw new SegmentError(`segment end value can't be more than 1 but was ${s2(to)}`);
  return segmentOf(from, to);
}

/** Reads a value as k6 does, turning its complaint into a SegmentError. */
export function parseValue(text: string): Fraction {
  try { return parseRatio(text); } catch (err) { throw new SegmentError((err as Error).message); }
}

/**
 * Reads k6's forms of a segment: "FROM:TO" with each end a fraction, decimal or percent ("1/2:3/4",
 * "0.5:0.75", "50%:75%", "2/4:75%"); a single value is the end of a segment from 0 ("75%" = 0:3/4);
 * "" is the whole 0:1. Throws SegmentError as k6 does.
 */
export function parseSegment(text: string): ExecutionSegment {
  let from = ZERO, toText = text === '' ? '1' : text;
  const colon = toText.indexOf(':');
  if (colon >= 0) { from = parseValue(toText.slice(0, colon)); toText = toText.slice(colon + 1); }
  return newSegment(from, parseValue(toText));
}

/** k6's text of a segment: "from:to" in lowest terms ("0:1/2"). */
export function formatSegment(s: ExecutionSegment): string {
  return `${formatFraction(s.from)}:${formatFraction(s.to)}`;
}

/** True when both segments have the same ends. */
export function sameSegment(a: ExecutionSegment, b: ExecutionSegment): boolean {
  return compareFractions(a.from, b.from) === 0 && compareFractions(a.to, b.to) === 0;
}

/** The whole load, 0:1. */
export const WHOLE_SEGMENT: ExecutionSegment = segmentOf(ZERO, ONE);

/** `parts` equal consecutive sub-segments of `s` (k6's Split); throws SegmentError when parts < 1 or s is reversed. */
export function splitSegment(s: ExecutionSegment, parts: number): ExecutionSegment[] {
  if (!Number.isInteger(parts) || parts < 1) throw new SegmentError(`the number of parts must be at least 1, ${parts} received`);
  const step = fraction(s.length.n, s.length.d * BigInt(parts));
  const out: ExecutionSegment[] = [];
  let from = s.from;
  for (let i = 0; i < parts; i++) {
    const to = add(from, step);
    out.push(newSegment(from, to));
    from = to;
  }
  return out;
}

/** The part `child` of `parent` (k6's SubSegment): (1/2:1).sub(0:1/2) = 1/2:3/4. */
export function subSegment(parent: ExecutionSegment, child: ExecutionSegment): ExecutionSegment {
  const from = add(parent.from, mul(parent.length, child.from));
  return segmentOf(from, add(from, mul(parent.length, child.length)));
}

/**
 * k6's ExecutionSegment.Scale: round(value*to - round(value*from)), rounding halves up. Alone it does
 * not know the other segments; the executors use the sequence's striped scaling (ExecutionTuple) instead.
 */
export function roundedScale(s: ExecutionSegment, value: number): number {
  const v = fraction(BigInt(value));
  const fromPart = fraction(roundHalfUp(mul(v, s.from)));
  return Number(roundHalfUp(sub(mul(v, s.to), fromPart)));
}

/** value times the segment's length, exact (k6's CopyScaleRat: a segment's share of a rate). */
export function scaleRational(s: ExecutionSegment, value: Fraction): Fraction {
  return mul(value, s.length);
}
