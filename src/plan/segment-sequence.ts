// An ordered chain of execution segments (k6's ExecutionSegmentSequence): "r1,r2,...,rn" = (r1,r2], ..., (r{n-1},rn].
import { compareFractions, formatFraction, lcm, ONE, ZERO } from './fraction.ts';
import { formatSegment, newSegment, parseValue, sameSegment, segmentOf, SegmentError, WHOLE_SEGMENT, type ExecutionSegment } from './execution-segment.ts';

/** Segments where each one starts where the previous one ends. */
export type SegmentSequence = readonly ExecutionSegment[];

/** Checks that the segments are contiguous (k6's NewExecutionSegmentSequence); throws SegmentError if not. */
export function newSequence(segments: readonly ExecutionSegment[]): SegmentSequence {
  for (let i = 1; i < segments.length; i++)
    if (compareFractions(segments[i].from, segments[i - 1].to) !== 0)
      throw new SegmentError(`the start value ${formatFraction(segments[i].from)} of segment #${i} must be equal to the end value of the previous one, but it is ${formatFraction(segments[i - 1].to)}`);
  return segments;
}

/**
 * Reads "r1,r2,...,rn" (each a fraction, decimal or percent) as k6 does: "" is the empty sequence,
 * one point is refused, every step must satisfy 0 <= from < to <= 1. Throws SegmentError.
 */
export function parseSequence(text: string): SegmentSequence {
  if (text === '') return [];
  const points = text.split(',');
  if (points.length < 2) throw new SegmentError(`at least 2 points are needed for an execution segment sequence, ${points.length} given`);
  const values = points.map(parseValue);
  return newSequence(values.slice(1).map((to, i) => newSegment(values[i], to)));
}

/** k6's text of a sequence: "start,end1,end2,..." ("" for the empty one). */
export function formatSequence(seq: SegmentSequence): string {
  return seq.length ? [formatFraction(seq[0].from), ...seq.map((s) => formatFraction(s.to))].join(',') : '';
}

/** Least common multiple of the denominators of the segments' lengths (k6's LCD). */
export function sequenceLCD(seq: SegmentSequence): bigint {
  return seq.reduce((acc, s) => lcm(acc, s.length.d), 1n);
}

/** True when the sequence starts at 0 and ends at 1. */
export function isFull(seq: SegmentSequence): boolean {
  return seq.length > 0 && compareFractions(seq[0].from, ZERO) === 0 && compareFractions(seq[seq.length - 1].to, ONE) === 0;
}

/**
 * The sequence filled to cover 0..1 (k6's GetFilledExecutionSegmentSequence): no sequence means the
 * segment alone (or 0:1 when it is absent or whole); then a segment 0:first is added in front and
 * last:1 behind when missing.
 */
export function filledSequence(seq: SegmentSequence | undefined, segment: ExecutionSegment | undefined): SegmentSequence {
  let out: ExecutionSegment[];
  if (!seq || seq.length === 0) {
    if (!segment || compareFractions(segment.length, ONE) === 0) return [WHOLE_SEGMENT];
    out = [segment];
  } else out = [...seq];
  if (compareFractions(out[0].from, ZERO) !== 0) out.unshift(segmentOf(ZERO, out[0].from));
  if (compareFractions(out[out.length - 1].to, ONE) !== 0) out.push(segmentOf(out[out.length - 1].to, ONE));
  return out;
}

/** Index of `segment` (absent = 0:1) in the sequence; throws SegmentError when it is not one of its steps. */
export function findSegment(seq: SegmentSequence, segment: ExecutionSegment | undefined): number {
  const want = segment ?? WHOLE_SEGMENT;
  const i = seq.findIndex((s) => sameSegment(s, want));
  if (i < 0) throw new SegmentError(`couldn't find segment ${formatSegment(want)} in sequence ${formatSequence(seq)}`);
  return i;
}
