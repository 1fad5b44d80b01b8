// A segment together with its (filled) sequence: k6's ExecutionTuple, what scaling and striping are computed from.
import type { ExecutionSegment } from './execution-segment.ts';
import { filledSequence, findSegment, type SegmentSequence } from './segment-sequence.ts';
import { SequenceStripes, type StripedOffsets } from './stripes.ts';

/** Segment `index` of the striped sequence `stripes`. */
export class ExecutionTuple {
  constructor(readonly stripes: SequenceStripes, readonly index: number) {}

  /** The segment itself. */
  get segment(): ExecutionSegment { return this.stripes.sequence[this.index]; }

  /** This segment's part of a whole count (VUs, iterations): the parts over the sequence sum to `value`. */
  scale(value: number): number {
    return this.stripes.count === 1 ? value : this.stripes.scale(this.index, value);
  }

  /** This segment's stripe. */
  stripedOffsets(): StripedOffsets { return this.stripes.stripedOffsets(this.index); }

  /**
   * The tuple after re-cutting the sequence by `value` (k6's GetNewExecutionTupleFromValue; arrival-rate
   * executors cut by maxVUs so iterations follow VUs). Throws SegmentError when this segment's part of
   * `value` is 0 (or value < 1).
   */
  fromValue(value: number): ExecutionTuple {
    const { stripes, index } = this.stripes.resplit(value, this.index);
    return new ExecutionTuple(stripes, index);
  }
}

/**
 * k6's NewExecutionTuple: the sequence filled to 0..1 (or built around the segment when there is none),
 * and the segment's place in it. Throws SegmentError when the segment is not one of its steps.
 */
export function executionTuple(segment: ExecutionSegment | undefined, sequence: SegmentSequence | undefined): ExecutionTuple {
  const filled = filledSequence(sequence, segment);
  const stripes = new SequenceStripes(filled);
  return new ExecutionTuple(stripes, findSegment(filled, segment));
}
