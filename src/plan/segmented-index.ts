// A striped counter (k6's SegmentedIndex): the segment's n-th element (scaled) and its global number (unscaled), both from 1.
import type { StripedOffsets } from './stripes.ts';

/** Walks a segment's stripe; not shared between concurrent users. */
export class SegmentedIndex {
  private readonly start: number;
  private readonly offsets: readonly number[];
  private readonly lcd: number;
  /** The segment's own count so far and the global number of its last element (0 before the first). */
  scaled = 0;
  unscaled = 0;

  constructor(stripe: StripedOffsets) {
    this.start = stripe.start; this.offsets = stripe.offsets; this.lcd = stripe.lcd;
  }

  /** Moves to the segment's next element; returns [scaled, unscaled]. */
  next(): [number, number] {
    this.unscaled += this.scaled === 0 ? this.start + 1 : this.offsets[(this.scaled - 1) % this.offsets.length];
    this.scaled++;
    return [this.scaled, this.unscaled];
  }

  /** Moves back one element (undefined at 0); returns [scaled, unscaled]. */
  prev(): [number, number] {
    this.unscaled -= this.scaled === 1 ? this.start + 1 : this.offsets[(this.scaled - 2) % this.offsets.length];
    this.scaled--;
    return [this.scaled, this.unscaled];
  }

  /** Moves to the segment's last element whose global number is at most `value`; returns [scaled, unscaled]. */
  goTo(value: number): [number, number] {
    const cycles = Math.floor(value / this.lcd);
    this.scaled = cycles * this.offsets.length;
    this.unscaled = 0;
    let last = cycles > 0 ? (cycles - 1) * this.lcd + this.start + 1 + this.lcd - this.offsets[this.offsets.length - 1] : 0;
    // walk the partial cycle: global numbers (from 1) of this segment's elements in it
    for (let g = 0, i = this.start; i < value % this.lcd; i += this.offsets[g], g++) {
      this.scaled++;
      last = cycles * this.lcd + i + 1;
    }
    this.unscaled = this.scaled === 0 ? 0 : last;
    return [this.scaled, this.unscaled];
  }
}
