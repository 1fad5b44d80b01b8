import * as hdr from 'hdr-histogram-js';

// The bucket layout of hdr-histogram-js with lowestDiscernibleValue 1 and 3 significant digits: index
// i < 2048 holds the value i; above, bucket b >= 1 holds [1024 * 2^b, 2048 * 2^b) in 1024 slots of 2^b.
// Every index, percentile and encoding below is the one HDR computes for the same integers.
const SUB_HALF = 1024;
const SUB_HALF_MAG = 10;
/** Slots per chunk: counts are stored only for chunks that received a value. */
const CHUNK_MAG = 5;
const CHUNK = 1 << CHUNK_MAG;
/** Chunks covering HDR's counts array for values up to 60 s in µs (17 buckets of 1024 slots); grown beyond. */
const INITIAL_CHUNKS = (18 * SUB_HALF) >> CHUNK_MAG;
/** The range of the HDR histograms that encode() writes (the one loadcert always used). */
const HDR_HIGHEST = 60_000_000;

/** HDR's counts-array index of a non-negative integer value. */
export function hdrIndex(v: number): number {
  if (v < 2 * SUB_HALF) return v;
  const b = Math.floor(Math.log2(v)) - SUB_HALF_MAG;
  return b * SUB_HALF + Math.floor(v / 2 ** b);
}

/** The lowest value of HDR index `i`. */
export function hdrLowest(i: number): number {
  if (i < 2 * SUB_HALF) return i;
  const b = (i >> SUB_HALF_MAG) - 1;
  return ((i & (SUB_HALF - 1)) + SUB_HALF) * 2 ** b;
}

/** The highest value equivalent to HDR index `i` (what HDR answers for a percentile that lands on it). */
export function hdrHighest(i: number): number {
  return i < 2 * SUB_HALF ? i : hdrLowest(i) + 2 ** ((i >> SUB_HALF_MAG) - 1) - 1;
}

function newHdr(): hdr.Histogram {
  return hdr.build({ bitBucketSize: 32, lowestDiscernibleValue: 1, highestTrackableValue: HDR_HIGHEST, numberOfSignificantValueDigits: 3, autoResize: true });
}
let scratch: hdr.Histogram | undefined;

/**
 * An HDR histogram (3 significant digits, integer values) that stores counts only for the 32-slot chunks
 * it has values in: a directory of chunk positions plus a pool of chunks, instead of HDR's full 17,408-slot
 * array (68 KB). Same buckets, same percentiles, same encoding as hdr-histogram-js; record is O(1), and
 * merge, reset and percentile walk the directory and the used chunks only. Counts are 32-bit, as before.
 */
export class SparseHdr {
  /** Chunk number -> position in `pool` (in chunks), -1 when empty. */
  private dir: Int16Array = new Int16Array(INITIAL_CHUNKS).fill(-1);
  private pool: Uint32Array | undefined;
  private used = 0;
  /** Values recorded. */
  total = 0;

  /** Records `count` occurrences of the integer value `v` (>= 0). */
  record(v: number, count = 1): void {
    this.addAt(hdrIndex(v), count);
  }

  private addAt(i: number, count: number): void {
    const c = i >> CHUNK_MAG;
    if (c >= this.dir.length) this.growDir(c);
    let p = this.dir[c];
    if (p < 0) p = this.newChunk(c);
    this.pool![(p << CHUNK_MAG) + (i & (CHUNK - 1))] += count;
    this.total += count;
  }

  private growDir(c: number): void {
    const next = new Int16Array(Math.max(c + 1, this.dir.length * 2)).fill(-1);
    next.set(this.dir);
    this.dir = next;
  }

  private newChunk(c: number): number {
    const p = this.used++;
    if (!this.pool || this.pool.length < this.used * CHUNK) {
      const next = new Uint32Array(Math.max(4, Math.ceil(this.used * 1.5)) * CHUNK);
      if (this.pool) next.set(this.pool);
      this.pool = next;
    }
    this.dir[c] = p;
    return p;
  }

  /** Adds every count of `o` (exact). */
  add(o: SparseHdr): void {
    if (!o.total) return;
    const od = o.dir, op = o.pool!;
    if (od.length > this.dir.length) this.growDir(od.length - 1);
    for (let c = 0; c < od.length; c++) {
      const q = od[c];
      if (q < 0) continue;
      let p = this.dir[c];
      if (p < 0) p = this.newChunk(c);
      const dst = p << CHUNK_MAG, src = q << CHUNK_MAG, pool = this.pool!;
      for (let k = 0; k < CHUNK; k++) pool[dst + k] += op[src + k];
    }
    this.total += o.total;
  }

  /** Forgets every count, keeping the chunks allocated (cost: the chunks used, not the whole range). */
  reset(): void {
    if (!this.used) return;
    this.dir.fill(-1);
    this.pool!.fill(0, 0, this.used * CHUNK);
    this.used = 0;
    this.total = 0;
  }

  /** Calls `f` with each non-empty HDR index and its count, ascending. */
  forEach(f: (index: number, count: number) => void): void {
    const dir = this.dir, pool = this.pool;
    for (let c = 0; c < dir.length; c++) {
      const p = dir[c];
      if (p < 0) continue;
      for (let k = 0; k < CHUNK; k++) {
        const n = pool![(p << CHUNK_MAG) + k];
        if (n) f((c << CHUNK_MAG) + k, n);
      }
    }
  }

  /** HDR's getValueAtPercentile (p in 0-100): the highest value equivalent to the nearest-rank bucket (the lowest at p = 0); 0 when empty. */
  valueAtPercentile(p: number): number {
    const fp = (Math.min(p, 100) / 100) * this.total;
    const rank = Math.max(fp > 0 ? Math.ceil(fp - 2 ** (Math.floor(Math.log2(fp)) - 52)) : 0, 1);
    const dir = this.dir, pool = this.pool;
    let seen = 0;
    for (let c = 0; c < dir.length; c++) {
      const q = dir[c];
      if (q < 0) continue;
      for (let k = 0; k < CHUNK; k++) {
        seen += pool![(q << CHUNK_MAG) + k];
        if (seen >= rank) {
          const i = (c << CHUNK_MAG) + k;
          return p === 0 ? hdrLowest(i) : hdrHighest(i);
        }
      }
    }
    return 0;
  }

  /** Bytes held by this histogram's arrays (directory and chunk pool). */
  get bytes(): number {
    return this.dir.byteLength + (this.pool?.byteLength ?? 0);
  }

  /** The non-empty buckets as [index, count, index, count, ...] ascending: exact and cheap (no compression), for another thread of this run (postMessage); fromBins restores it. */
  bins(): Uint32Array {
    let n = 0;
    this.forEach(() => { n++; });
    const out = new Uint32Array(n * 2);
    let j = 0;
    this.forEach((i, c) => { out[j++] = i; out[j++] = c; });
    return out;
  }

  /** A histogram holding the counts of `bins()`. */
  static fromBins(bins: Uint32Array): SparseHdr {
    const out = new SparseHdr();
    for (let j = 0; j + 1 < bins.length; j += 2) out.addAt(bins[j], bins[j + 1]);
    return out;
  }

  /** The counts in hdr-histogram-js's compressed base64 format (V2), as `encodeIntoCompressedBase64` writes it. */
  encode(): string {
    if (!scratch || scratch.highestTrackableValue !== HDR_HIGHEST) scratch = newHdr();
    else scratch.reset();
    const h = scratch;
    this.forEach((i, n) => h.recordValueWithCount(hdrLowest(i), n));
    return hdr.encodeIntoCompressedBase64(h);
  }

  /** A histogram holding the counts of an encoded one (from `encode` or hdr-histogram-js). */
  static decode(encoded: string): SparseHdr {
    const d = hdr.decodeFromCompressedBase64(encoded, 32, false) as unknown as { recordedValuesIterator: { reset(): void; hasNext(): boolean; next(): { valueIteratedTo: number; countAtValueIteratedTo: number } } };
    const out = new SparseHdr();
    const it = d.recordedValuesIterator;
    it.reset();
    // Bounded: the iterator visits each recorded bucket once.
    while (it.hasNext()) {
      const v = it.next();
      if (v.countAtValueIteratedTo > 0) out.record(v.valueIteratedTo, v.countAtValueIteratedTo);
    }
    return out;
  }
}
