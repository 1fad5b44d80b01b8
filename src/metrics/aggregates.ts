import type { MetricType, SeriesValues } from '../contracts/metric-types.ts';
import { hdrHighest, SparseHdr } from './sparse-hdr.ts';

/** Trend values are stored in the histogram in thousandths (µs for times): three decimals of precision. */
const SCALE = 1000;

/** A mergeable accumulator of one series; `values()` gives its k6 aggregations. */
export interface Aggregate {
  readonly type: MetricType;
  /** Records one value. */
  add(value: number): void;
  /** Records `values[i]` (as add does; a double read here is never boxed to cross a call). */
  addFrom(values: Float64Array, i: number): void;
  /** Folds a later period of the same series into this one (exact for every type; histograms are merged). */
  merge(other: Aggregate): void;
  /** Combines a parallel series (another tag set) into this one: like merge, except a gauge takes the highest current reading. */
  mergeAcross(other: Aggregate): void;
  /** Number of values recorded. */
  readonly count: number;
  /** k6-named aggregations: counter {count, rate}, gauge {value, min, max}, rate {rate, passes, fails}, trend {avg, min, med, max, p(90), p(95), p(99), count}. `seconds` is the span used for counter rates. */
  values(seconds: number): SeriesValues;
  /** Forgets everything recorded. */
  reset(): void;
  /**
   * Everything recorded, as plain JSON (exact: a trend gives its exact values or its encoded histogram); `aggregateFromState` restores it.
   * `inMemory`: for another thread of this process (postMessage), a trend's histogram as its bins (a Uint32Array, not JSON) instead of the encoded string, which costs a compression.
   */
  state(inMemory?: boolean): AggregateState;
  /** Appends everything recorded to `w` as numbers (exact; `stateFromWords` reads it back): a closed second leaving its thread. */
  writeWords(w: WordWriter): void;
}

/** A growable Float64Array that closed seconds are written into (see Aggregate.writeWords). */
export class WordWriter {
  words = new Float64Array(1024);
  length = 0;
  /** Appends one number. */
  push(v: number): void {
    if (this.length === this.words.length) { const next = new Float64Array(this.words.length * 2); next.set(this.words); this.words = next; }
    this.words[this.length++] = v;
  }
  /** The words written, in a buffer of their own (transferable), and a fresh writer state. */
  take(): Float64Array {
    const out = this.words.slice(0, this.length);
    this.length = 0;
    return out;
  }
}

/** Reads an aggregate of `type` written by writeWords at `words[pos]`: its state and the position after it. */
export function stateFromWords(type: MetricType, words: Float64Array, pos: number): [AggregateState, number] {
  switch (type) {
    case 'counter': return [{ sum: words[pos], count: words[pos + 1] }, pos + 2];
    case 'rate': return [{ count: words[pos], passes: words[pos + 1] }, pos + 2];
    case 'gauge': return [{ count: words[pos], last: words[pos + 1], min: words[pos + 2], max: words[pos + 3] }, pos + 4];
    case 'trend': {
      const base = { count: words[pos], sum: words[pos + 1], min: words[pos + 2], max: words[pos + 3] };
      const k = words[pos + 4];
      pos += 5;
      if (k >= 0) return [{ ...base, raw: Array.from(words.subarray(pos, pos + k)) }, pos + k];
      const bins = new Uint32Array(-k * 2);
      for (let j = 0; j < bins.length; j++) bins[j] = words[pos + j];
      return [{ ...base, bins }, pos + bins.length];
    }
  }
}

/** The stored form of an aggregate (segment snapshots, merge): enough to restore it exactly. */
export type AggregateState =
  | { count: number; sum: number }
  | { count: number; last: number; min: number; max: number }
  | { count: number; passes: number }
  | { count: number; sum: number; min: number; max: number; raw?: number[]; hdr?: string; bins?: Uint32Array };

/** Restores an aggregate of `type` from its `state()`. */
export function aggregateFromState(type: MetricType, s: AggregateState): Aggregate {
  const a = createAggregate(type);
  if (!s.count) return a;
  const st = s as Record<string, unknown>;
  if (a instanceof CounterAggregate) { a.sum = st.sum as number; a.count = s.count; }
  else if (a instanceof GaugeAggregate) { a.last = st.last as number; a.min = st.min as number; a.max = st.max as number; a.count = s.count; }
  else if (a instanceof RateAggregate) { a.passes = st.passes as number; a.count = s.count; }
  else (a as TrendAggregate).restore(s as TrendState);
  return a;
}

/** Creates an empty accumulator for a metric type. */
export function createAggregate(type: MetricType): Aggregate {
  switch (type) {
    case 'counter': return new CounterAggregate();
    case 'gauge': return new GaugeAggregate();
    case 'rate': return new RateAggregate();
    case 'trend': return new TrendAggregate();
  }
}

class CounterAggregate implements Aggregate {
  readonly type = 'counter';
  count = 0;
  sum = 0;
  add(v: number): void { this.sum += v; this.count++; }
  addFrom(values: Float64Array, i: number): void { this.add(values[i]); }
  merge(o: Aggregate): void { const c = o as CounterAggregate; this.sum += c.sum; this.count += c.count; }
  mergeAcross(o: Aggregate): void { this.merge(o); }
  values(seconds: number): SeriesValues { return { count: this.sum, rate: seconds > 0 ? this.sum / seconds : 0 }; }
  reset(): void { this.sum = 0; this.count = 0; }
  state(): AggregateState { return { count: this.count, sum: this.sum }; }
  writeWords(w: WordWriter): void { w.push(this.sum); w.push(this.count); }
}

class GaugeAggregate implements Aggregate {
  readonly type = 'gauge';
  count = 0;
  last = 0;
  min = Infinity;
  max = -Infinity;
  add(v: number): void { this.last = v; if (v < this.min) this.min = v; if (v > this.max) this.max = v; this.count++; }
  addFrom(values: Float64Array, i: number): void { this.add(values[i]); }
  merge(o: Aggregate): void {
    const g = o as GaugeAggregate;
    if (!g.count) return;
    this.last = g.last; this.count += g.count;
    if (g.min < this.min) this.min = g.min;
    if (g.max > this.max) this.max = g.max;
  }
  mergeAcross(o: Aggregate): void {
    const g = o as GaugeAggregate;
    if (!g.count) return;
    const last = this.count ? Math.max(this.last, g.last) : g.last;
    this.merge(g);
    this.last = last;
  }
  values(): SeriesValues { return this.count ? { value: this.last, min: this.min, max: this.max } : { value: 0, min: 0, max: 0 }; }
  reset(): void { this.count = 0; this.last = 0; this.min = Infinity; this.max = -Infinity; }
  state(): AggregateState { return { count: this.count, last: this.last, min: this.min, max: this.max }; }
  writeWords(w: WordWriter): void { w.push(this.count); w.push(this.last); w.push(this.min); w.push(this.max); }
}

class RateAggregate implements Aggregate {
  readonly type = 'rate';
  count = 0;
  passes = 0;
  add(v: number): void { if (v) this.passes++; this.count++; }
  addFrom(values: Float64Array, i: number): void { this.add(values[i]); }
  merge(o: Aggregate): void { const r = o as RateAggregate; this.passes += r.passes; this.count += r.count; }
  mergeAcross(o: Aggregate): void { this.merge(o); }
  values(): SeriesValues { return { rate: this.count ? this.passes / this.count : 0, passes: this.passes, fails: this.count - this.passes }; }
  reset(): void { this.passes = 0; this.count = 0; }
  state(): AggregateState { return { count: this.count, passes: this.passes }; }
  writeWords(w: WordWriter): void { w.push(this.count); w.push(this.passes); }
}

type TrendState = { count: number; sum: number; min: number; max: number; raw?: number[]; hdr?: string; bins?: Uint32Array };

/** Percentiles reported for every trend, beside avg/min/med/max. */
export const TREND_PERCENTILES = [90, 95, 99] as const;
const PERCENTILE_KEYS = TREND_PERCENTILES.map((p) => `p(${p})`);

/** TrendAggregate.add's one value handed to addFrom (add runs to its end before another add can start). */
const ONE = new Float64Array(1);

/** Values a trend keeps exactly before it moves them into its histogram: a sparse series never touches a histogram. */
const RAW_MAX = 128;

/**
 * A trend: up to RAW_MAX values kept exactly (a series of a second that saw few requests, the common
 * case with many endpoints), beyond that an HDR histogram (3 significant digits) that stores only the
 * chunks it uses (SparseHdr). Resetting is O(1): a histogram is cleared only when it is needed again, so
 * folding a sparse second costs no histogram pass.
 */
class TrendAggregate implements Aggregate {
  readonly type = 'trend';
  private h: SparseHdr | undefined;
  /** True while `h` holds this aggregate's values (else it holds stale ones, cleared on next use). */
  private inHist = false;
  /** Exact values (first `n` used); grown by doubling up to RAW_MAX and never shrunk, so a reset allocates nothing. */
  private raw: Float64Array | undefined;
  private n = 0;
  private sorted = true;
  count = 0;
  sum = 0;
  min = Infinity;
  max = -Infinity;

  /** The histogram holding every value (moving the exact ones into it). */
  get hist(): SparseHdr {
    if (!this.inHist) {
      if (this.h) this.h.reset(); else this.h = new SparseHdr();
      for (let i = 0; i < this.n; i++) this.h.record(Math.round(this.raw![i] * SCALE));
      this.n = 0;
      this.inHist = true;
    }
    return this.h!;
  }

  private record(v: number): void {
    if (this.inHist) this.h!.record(Math.round(v * SCALE));
    else if (this.n < RAW_MAX) {
      if (!this.raw || this.n === this.raw.length) this.grow();
      this.raw![this.n++] = v;
      this.sorted = false;
    }
    else this.hist.record(Math.round(v * SCALE));
  }

  add(v: number): void {
    ONE[0] = v;
    this.addFrom(ONE, 0);
  }
  addFrom(values: Float64Array, i: number): void {
    let v = values[i];
    if (!(v >= 0)) v = 0; // negative (clock skew) and NaN clamp to zero
    // record's common cases written out here, so v stays an unboxed double (record(v) is a call)
    const n = this.n;
    if (this.inHist) this.h!.record(Math.round(v * SCALE));
    else if (n < RAW_MAX && this.raw !== undefined && n < this.raw.length) { this.raw[n] = v; this.n = n + 1; this.sorted = false; }
    else this.record(v);
    this.count++;
    this.sum += v;
    if (v < this.min) this.min = v;
    if (v > this.max) this.max = v;
  }
  merge(o: Aggregate): void {
    const t = o as TrendAggregate;
    if (!t.count) return;
    if (t.inHist) this.hist.add(t.h!);
    else for (let i = 0; i < t.n; i++) this.record(t.raw![i]);
    this.count += t.count; this.sum += t.sum;
    if (t.min < this.min) this.min = t.min;
    if (t.max > this.max) this.max = t.max;
  }
  mergeAcross(o: Aggregate): void { this.merge(o); }
  /**
   * Value at percentile `p` (0-100) in the metric's unit; 0 with no data. Exact values answer exactly
   * (nearest rank, as HDR does); HDR answers the highest value equivalent to the bucket, which can
   * exceed every recorded value: clamped to the exact min and max.
   */
  percentile(p: number): number {
    if (!this.count) return 0;
    if (!this.inHist) {
      if (!this.sorted) { this.raw!.subarray(0, this.n).sort(); this.sorted = true; }
      const rank = Math.max(1, Math.floor((p / 100) * this.count + 0.5));
      return this.raw![Math.min(rank, this.n) - 1];
    }
    const v = this.h!.valueAtPercentile(p) / SCALE;
    return v > this.max ? this.max : v < this.min ? this.min : v;
  }
  values(): SeriesValues {
    if (!this.count) return { avg: 0, min: 0, med: 0, max: 0, 'p(90)': 0, 'p(95)': 0, 'p(99)': 0, count: 0 };
    const out: SeriesValues = { avg: this.sum / this.count, min: this.min, med: this.percentile(50), max: this.max };
    for (let i = 0; i < TREND_PERCENTILES.length; i++) out[PERCENTILE_KEYS[i]] = this.percentile(TREND_PERCENTILES[i]);
    out.count = this.count;
    return out;
  }
  private grow(): void {
    const next = new Float64Array(this.raw ? this.raw.length * 2 : 8);
    if (this.raw) next.set(this.raw);
    this.raw = next;
  }
  reset(): void { this.inHist = false; this.n = 0; this.sorted = true; this.count = 0; this.sum = 0; this.min = Infinity; this.max = -Infinity; }
  /** Exact values while there are few, else the encoded histogram; never moves values into the histogram. */
  state(inMemory = false): AggregateState {
    const base = { count: this.count, sum: this.sum, min: this.min, max: this.max };
    if (!this.count) return base;
    if (!this.inHist) return { ...base, raw: Array.from(this.raw!.subarray(0, this.n)) };
    return inMemory ? { ...base, bins: this.h!.bins() } : { ...base, hdr: this.h!.encode() };
  }
  writeWords(w: WordWriter): void {
    w.push(this.count); w.push(this.sum); w.push(this.min); w.push(this.max);
    if (!this.count || !this.inHist) {
      const n = this.count ? this.n : 0;
      w.push(n);
      for (let i = 0; i < n; i++) w.push(this.raw![i]);
      return;
    }
    const at = w.length;
    w.push(0);
    let pairs = 0;
    this.h!.forEach((i, c) => { w.push(i); w.push(c); pairs++; });
    w.words[at] = -pairs;
  }
  /** Sets this (empty) aggregate to a stored state. */
  restore(s: TrendState): void {
    if (s.bins) {
      this.h = SparseHdr.fromBins(s.bins);
      this.inHist = true;
    } else if (s.hdr) {
      this.h = SparseHdr.decode(s.hdr);
      this.inHist = true;
    } else {
      for (const v of s.raw ?? []) this.record(v);
    }
    this.count = s.count; this.sum = s.sum; this.min = s.min; this.max = s.max;
  }
}

/** Value at any percentile of a trend aggregate (p in 0-100); throws for other types. */
export function trendPercentile(agg: Aggregate, p: number): number {
  if (!(agg instanceof TrendAggregate)) throw new TypeError(`percentile of a ${agg.type}`);
  return agg.percentile(p);
}

/** Encodes a trend's histogram (base64, HDR's compressed format) so results can be stored and merged later. */
export function encodeTrend(agg: Aggregate): string | undefined {
  if (!(agg instanceof TrendAggregate) || !agg.count) return undefined;
  return agg.hist.encode();
}

/** One bucket of a decoded trend histogram: a value (the metric's unit, e.g. ms) and how many samples fell there. */
export interface TrendBucket { value: number; count: number }

/** Decodes a histogram written by encodeTrend into its non-empty buckets, ascending by value (exact counts). */
export function decodeTrendBuckets(encoded: string): TrendBucket[] {
  const out: TrendBucket[] = [];
  SparseHdr.decode(encoded).forEach((i, count) => out.push({ value: hdrHighest(i) / SCALE, count }));
  return out;
}

/** Percentiles charted as a trend's latency distribution (HDR "percentile spectrum"). */
export const SPECTRUM_PERCENTILES = [0, 10, 25, 50, 75, 90, 95, 99, 99.5, 99.9, 99.99, 100] as const;

/** Latency distribution of a trend as [percentile, value] pairs over SPECTRUM_PERCENTILES; [] with no data. */
export function trendSpectrum(agg: Aggregate): Array<[number, number]> {
  if (!(agg instanceof TrendAggregate) || !agg.count) return [];
  return SPECTRUM_PERCENTILES.map((p) => [p, p === 0 ? agg.min : p === 100 ? agg.max : agg.percentile(p)]);
}
