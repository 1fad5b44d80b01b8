// A single-producer, single-consumer ring of fixed-size sample records (series id, value, time) in one
// SharedArrayBuffer: the run's thread appends (a few typed-array stores, nothing allocated) and the
// sample writer thread reads, with no message per sample or per batch. Positions are unsigned 32-bit
// counters that wrap (a run may record more than 2^32 samples); the slot is `position & (capacity - 1)`.
// The producer publishes its position with Atomics.store when it chooses (not per sample); the
// consumer publishes how far it has read the same way, which frees those slots.

/** Int32 slots of the control block: the producer's published position, the consumer's. 64 bytes apart (own cache lines). */
const HEAD = 0;
const TAIL = 16;
const CONTROL_BYTES = 128;
/** Bytes per record: time and value (float64) and series id (int32). */
export const RECORD_BYTES = 20;

/** The shared memory of a ring of `capacity` records (a power of two). */
export function createRingMemory(capacity: number): SharedArrayBuffer {
  if (!Number.isInteger(Math.log2(capacity)) || capacity < 2) throw new RangeError(`ring capacity must be a power of two, got ${capacity}`);
  return new SharedArrayBuffer(CONTROL_BYTES + capacity * RECORD_BYTES);
}

/** The typed views of ring memory, the same layout on both threads. */
class RingViews {
  readonly capacity: number;
  readonly mask: number;
  readonly control: Int32Array;
  readonly times: Float64Array;
  readonly values: Float64Array;
  readonly ids: Int32Array;
  constructor(memory: SharedArrayBuffer) {
    this.capacity = (memory.byteLength - CONTROL_BYTES) / RECORD_BYTES;
    this.mask = this.capacity - 1;
    this.control = new Int32Array(memory, 0, CONTROL_BYTES / 4);
    this.times = new Float64Array(memory, CONTROL_BYTES, this.capacity);
    this.values = new Float64Array(memory, CONTROL_BYTES + this.capacity * 8, this.capacity);
    this.ids = new Int32Array(memory, CONTROL_BYTES + this.capacity * 16, this.capacity);
  }
}

/** The producer's side: `push` copies one record or returns false when the ring is full; `publish` makes the pushed records visible to the consumer. */
export class RingProducer extends RingViews {
  /** Next position to write (mod 2^32). */
  private head = 0;
  /** The consumer's position as last read (refreshed only when the ring looks full). */
  private tail = 0;
  push(id: number, value: number, time: number): boolean {
    let head = this.head;
    if (((head - this.tail) >>> 0) >= this.capacity) {
      this.tail = Atomics.load(this.control, TAIL) >>> 0;
      if (((head - this.tail) >>> 0) >= this.capacity) return false;
    }
    const i = head & this.mask;
    this.ids[i] = id;
    this.values[i] = value;
    this.times[i] = time;
    this.head = (head + 1) >>> 0;
    return true;
  }
  /** Makes every pushed record visible to the consumer (a release: the records' stores come first). */
  publish(): void {
    Atomics.store(this.control, HEAD, this.head | 0);
  }
}

/** The consumer's side: records published and not yet released are `available`; `slot(k)` is the k-th of them; `release(n)` frees the first n. */
export class RingConsumer extends RingViews {
  private tail = 0;
  /** Records published by the producer and not yet released. */
  available(): number {
    return ((Atomics.load(this.control, HEAD) >>> 0) - this.tail) >>> 0;
  }
  /** Index into ids/values/times of the k-th available record. */
  slot(k: number): number {
    return (this.tail + k) & this.mask;
  }
  /** Frees the first `n` available records for the producer. */
  release(n: number): void {
    this.tail = (this.tail + n) >>> 0;
    Atomics.store(this.control, TAIL, this.tail | 0);
  }
}
