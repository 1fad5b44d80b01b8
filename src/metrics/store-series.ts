// One series of the metric store: its run total and two alternating per-second buffers, recorded into
// through its own handle.
import type { MetricDef, SeriesHandle, TagSet } from '../contracts/metric-types.ts';
import type { SampleTap } from '../contracts/output.ts';
import { createAggregate, type Aggregate } from './aggregates.ts';
import type { Series } from './store.ts';

/** The store's second bookkeeping a series records against (MetricStore implements it). */
export interface SecondBuckets {
  /** performance.now() at which the current second ends. */
  readonly boundary: number;
  /** Index of the second being recorded. */
  readonly bucket: number;
  /** Series that recorded into bucket parity 0 / 1 since it was last folded. */
  readonly dirty: [StoreSeries[], StoreSeries[]];
  /** Closes every second whose end has passed. */
  closeDue(): void;
  /** Receives every sample after it is recorded (k6's --out json); undefined without such an output. */
  readonly tap: SampleTap | undefined;
}

/**
 * A series of the store and its own handle. Two alternating per-second buffers: second k records into
 * `bufs[k & 1]`, so closing a second is a counter increment, and folding it into the run total can run
 * later, in slices, while the next second records into the other buffer.
 */
export class StoreSeries implements Series, SeriesHandle {
  readonly total: Aggregate;
  readonly bufs: [Aggregate, Aggregate];
  /** Id of this series in handed-off seconds (metrics/second-handoff.ts); -1 until its first. */
  id = -1;
  /** Last second (bucket index) this series recorded into; -1 never. */
  bucket = -1;
  /** The key as JSON followed by ':' (built once, not per second). */
  readonly keyJson: string;
  constructor(private readonly store: SecondBuckets, readonly def: MetricDef, readonly tags: TagSet, readonly key: string) {
    this.keyJson = JSON.stringify(key) + ':';
    this.total = createAggregate(def.type);
    this.bufs = [createAggregate(def.type), createAggregate(def.type)];
  }
  add(value: number): void {
    this.addAt(value, performance.now());
  }
  addAt(value: number, now: number): void {
    const st = this.store;
    if (st.boundary <= now) st.closeDue();
    const b = st.bucket;
    if (this.bucket !== b) { this.bucket = b; st.dirty[b & 1].push(this); }
    this.bufs[b & 1].add(value);
    const tap = st.tap;
    if (tap !== undefined) tap.sample(this, value, now);
  }
  addFrom(values: Float64Array, i: number): void {
    const st = this.store;
    if (st.boundary <= values[0]) st.closeDue();
    const b = st.bucket;
    if (this.bucket !== b) { this.bucket = b; st.dirty[b & 1].push(this); }
    this.bufs[b & 1].addFrom(values, i);
    const tap = st.tap;
    if (tap !== undefined) tap.sample(this, values[i], values[0]);
  }
}

