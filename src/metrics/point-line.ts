import type { SeriesValues, TimeseriesPoint } from '../contracts/metric-types.ts';

/**
 * One second's ndjson line, written piecewise into off-heap memory while the second is folded.
 * Nothing of it lives on the JS heap, so building the point of thousands of series gives the garbage
 * collector nothing to copy or promote while responses are being timed. Layout:
 * `{"t":T[,"partialMs":P],"series":{<tagged entries><untagged entries>}}\n`; the tagged entries are
 * contiguous (`taggedStart`..`taggedEnd`) so they can be parsed back on demand.
 */
export class PointLine {
  private buf: Buffer;
  private len = 0;
  private entries = 0;
  taggedStart = 0;
  taggedEnd = 0;
  constructor(t: number, partialMs: number | undefined, sizeHint: number) {
    this.buf = Buffer.allocUnsafeSlow(Math.max(256, sizeHint));
    this.ascii(`{"t":${t},${partialMs !== undefined ? `"partialMs":${partialMs},` : ''}"series":{`);
    this.taggedStart = this.taggedEnd = this.len;
  }

  /** Appends one series entry `"key":{...}`; `keyPrefix` is the key as JSON followed by ':'. */
  entry(keyPrefix: string, v: SeriesValues, tagged: boolean): void {
    // one short-lived string (dead before the next scavenge) and one copy into the buffer per series
    this.text((this.entries++ ? ',' : '') + keyPrefix + JSON.stringify(v));
    if (tagged) this.taggedEnd = this.len;
  }

  /** Ends the line (newline included) and returns its bytes. */
  finish(): Buffer {
    this.ascii('}}\n');
    return this.buf.subarray(0, this.len);
  }

  /** The tagged entries parsed back into values by series key. */
  tagged(): Record<string, SeriesValues> {
    if (this.taggedEnd <= this.taggedStart) return {};
    return JSON.parse('{' + this.buf.toString('utf8', this.taggedStart, this.taggedEnd) + '}') as Record<string, SeriesValues>;
  }

  private ascii(s: string): void {
    if (this.len + s.length > this.buf.length) this.grow(this.len + s.length);
    this.len += this.buf.write(s, this.len, 'latin1');
  }

  private text(s: string): void {
    // at most 3 UTF-8 bytes per UTF-16 unit
    if (this.len + s.length * 3 > this.buf.length) this.grow(this.len + s.length * 3);
    this.len += this.buf.write(s, this.len, 'utf8');
  }

  private grow(need: number): void {
    const next = Buffer.allocUnsafeSlow(Math.max(need, this.buf.length * 2));
    this.buf.copy(next, 0, 0, this.len);
    this.buf = next;
  }
}

/**
 * The series of a point: the untagged (per-metric) values as plain properties; the tagged ones stay in
 * the line's bytes until something reads a tagged key (`metric{...}`) or enumerates the keys, then they
 * are parsed once and added. Progress displays read only metric totals (present or not) and never pay for it.
 */
export function lazySeries(untagged: Record<string, SeriesValues>, line: Pick<PointLine, 'tagged'>): TimeseriesPoint['series'] {
  let done = false;
  const all = (): Record<string, SeriesValues> => {
    if (!done) { done = true; Object.assign(untagged, line.tagged()); }
    return untagged;
  };
  return new Proxy(untagged, {
    get(target, key, receiver) {
      // a tagged key is `metric{...}`: a key without '{' can only be a metric total, present or not
      if (!done && typeof key === 'string' && key.includes('{')) all();
      return Reflect.get(target, key, receiver);
    },
    has(_t, key) { return Reflect.has(all(), key); },
    ownKeys() { return Reflect.ownKeys(all()); },
    getOwnPropertyDescriptor(_t, key) { return Reflect.getOwnPropertyDescriptor(all(), key); },
    set(_t, key, value) { return Reflect.set(all(), key, value); },
    defineProperty(_t, key, d) { return Reflect.defineProperty(all(), key, d); },
    deleteProperty(_t, key) { return Reflect.deleteProperty(all(), key); },
  });
}

/**
 * A point folded in another thread, rebuilt from its per-metric values and its ndjson line (`bytes`, newline
 * included): tagged series are parsed from the line only when read, and the line is kept for the writer.
 */
export function pointFromLine(t: number, partialMs: number | undefined, untagged: Record<string, SeriesValues>, bytes: Buffer): TimeseriesPoint {
  const tagged = () => {
    const all = (JSON.parse(bytes.toString('utf8')) as TimeseriesPoint).series;
    const out: Record<string, SeriesValues> = {};
    for (const k in all) if (k.includes('{')) out[k] = all[k];
    return out;
  };
  const series = lazySeries(untagged, { tagged });
  const point: TimeseriesPoint = partialMs !== undefined ? { t, partialMs, series } : { t, series };
  pointBytesCache.set(point, bytes);
  return point;
}

const pointBytesCache = new WeakMap<TimeseriesPoint, Buffer>();

/** Keeps the ndjson line `bytes` (newline included) written for `point` while it was folded. */
export function rememberPointBytes(point: TimeseriesPoint, bytes: Buffer): void {
  pointBytesCache.set(point, bytes);
}

/** The point's ndjson line (newline included) as bytes, written while it was folded; undefined for points not from a store. */
export function pointBytes(point: TimeseriesPoint): Buffer | undefined {
  return pointBytesCache.get(point);
}

/** The point as one JSON line (no newline). */
export function pointJson(point: TimeseriesPoint): string {
  const b = pointBytesCache.get(point);
  return b ? b.toString('utf8', 0, b.length - 1) : JSON.stringify(point);
}
