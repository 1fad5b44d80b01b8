// k6's striping of a full segment sequence: which of every LCD consecutive indexes each segment owns.
import { fraction } from './fraction.ts';
import { formatSegment, segmentOf, SegmentError } from './execution-segment.ts';
import { formatSequence, isFull, sequenceLCD, type SegmentSequence } from './segment-sequence.ts';

/** A segment's stripe: its first index, then the gaps to each next one (they sum to lcd, then repeat). */
export interface StripedOffsets {
  readonly start: number;
  readonly offsets: readonly number[];
  readonly lcd: number;
}

/**
 * A full sequence (0..1) with its stripes computed once (k6's ExecutionSegmentSequenceWrapper). Index
 * i of 0..lcd-1 goes to the first segment, biggest first (ties in sequence order), whose next due index
 * (taken * lcd / its share of lcd, as a whole number) has been reached; so a segment of share p/lcd owns
 * exactly p indexes per cycle, spread out, and the stripe repeats every lcd indexes.
 */
export class SequenceStripes {
  readonly lcd: number;
  private readonly stripes: number[][]; // per segment: [start, gap1, ..., gapN]

  constructor(readonly sequence: SegmentSequence) {
    if (!isFull(sequence)) throw new SegmentError(`cannot stripe the sequence '${formatSequence(sequence)}': it does not cover 0 to 1`);
    const lcd = sequenceLCD(sequence);
    this.lcd = Number(lcd);
    const shares = sequence.map((s) => Number(s.length.n * (lcd / s.length.d)));
    const order = shares.map((share, index) => ({ share, index })).sort((a, b) => b.share - a.share || a.index - b.index);
    this.stripes = shares.map(() => []);
    const last = shares.map(() => 0);
    const taken = order.map(() => 0);
    for (let i = 0; i < this.lcd; i++) {
      for (let k = 0; k < order.length; k++) {
        const num = taken[k] * this.lcd, den = order[k].share;
        const due = Math.floor(num / den);
        if (i > due || (i === due && num % den === 0)) {
          taken[k]++;
          const j = order[k].index, stripe = this.stripes[j];
          stripe.push(i - last[j]);
          last[j] = i;
          if (stripe.length === den) stripe.push(stripe[0] + this.lcd - i);
          break;
        }
      }
    }
  }

  /** Number of segments. */
  get count(): number { return this.sequence.length; }

  /** Segment `index`'s stripe (k6's GetStripedOffsets). */
  stripedOffsets(index: number): StripedOffsets {
    const s = this.stripes[index];
    return { start: s[0], offsets: s.slice(1), lcd: this.lcd };
  }

  /** How many of the indexes 0..value-1 segment `index` owns: its part of a whole count (k6's ScaleInt64). */
  scale(index: number, value: number): number {
    const s = this.stripes[index];
    const perCycle = s.length - 1;
    let result = Math.floor(value / this.lcd) * perCycle;
    const rest = value % this.lcd;
    for (let g = 0, i = s[0]; i < rest; i += s[1 + g], g++) result++;
    return result;
  }

  /** A cycle-long table: 1 at each index of 0..lcd-1 segment `index` owns. */
  ownedPositions(index: number): Uint8Array {
    const own = new Uint8Array(this.lcd);
    const s = this.stripes[index];
    for (let g = 0, i = s[0]; g < s.length - 1; i += s[1 + g], g++) own[i] = 1;
    return own;
  }

  /**
   * The sequence re-cut by a whole count `value` (k6's GetNewExecutionSegmentSequenceFromValue): each
   * segment's new length is its part of `value` over `value`, segments with no part dropped. Returns the
   * new stripes and the new index of segment `tracked`; throws SegmentError when value < 1 or `tracked`
   * gets no part.
   */
  resplit(value: number, tracked: number): { stripes: SequenceStripes; index: number } {
    if (!(value >= 1)) throw new SegmentError(`cannot generate new sequence for value ${value}`);
    if (value % this.lcd === 0) return { stripes: this, index: tracked };
    const segments = [];
    let prev = 0, index = -1;
    for (let i = 0; i < this.count; i++) {
      const part = this.scale(i, value);
      if (part === 0) continue;
      if (i === tracked) index = segments.length;
      segments.push(segmentOf(fraction(prev, value), fraction(prev + part, value)));
      prev += part;
    }
    if (index < 0) throw new SegmentError(`segment ${tracked} (${formatSegment(this.sequence[tracked])}) isn't present in the new sequence`);
    return { stripes: new SequenceStripes(segments), index };
  }
}
