// HPACK (RFC 7541): the decoder of the server's header blocks (static and dynamic table, size updates,
// Huffman strings) and the encoder primitives of our requests (no dynamic table, no Huffman: a field
// is sent indexed when the static table holds it exactly, else as a literal without indexing).
//
// Decoder call order: decode(block) per whole header block, in the order the blocks arrived on the
// connection (the dynamic table is shared by all streams); its fields are in names/values[0, count).
// Errors (decode returns false, `error` set): COMPRESSION_ERROR (RFC 7541 violation) or
// ENHANCE_YOUR_CALM (a block decoding to more than MAX_LIST_BYTES).
import { huffmanDecode } from './hpack-huffman.ts';

/** The static table (RFC 7541 appendix A): [name, value] at index i + 1. */
export const STATIC_TABLE: ReadonlyArray<readonly [string, string]> = [
  [':authority', ''], [':method', 'GET'], [':method', 'POST'], [':path', '/'], [':path', '/index.html'],
  [':scheme', 'http'], [':scheme', 'https'], [':status', '200'], [':status', '204'], [':status', '206'],
  [':status', '304'], [':status', '400'], [':status', '404'], [':status', '500'], ['accept-charset', ''],
  ['accept-encoding', 'gzip, deflate'], ['accept-language', ''], ['accept-ranges', ''], ['accept', ''],
  ['access-control-allow-origin', ''], ['age', ''], ['allow', ''], ['authorization', ''], ['cache-control', ''],
  ['content-disposition', ''], ['content-encoding', ''], ['content-language', ''], ['content-length', ''],
  ['content-location', ''], ['content-range', ''], ['content-type', ''], ['cookie', ''], ['date', ''],
  ['etag', ''], ['expect', ''], ['expires', ''], ['from', ''], ['host', ''], ['if-match', ''],
  ['if-modified-since', ''], ['if-none-match', ''], ['if-range', ''], ['if-unmodified-since', ''],
  ['last-modified', ''], ['link', ''], ['location', ''], ['max-forwards', ''], ['proxy-authenticate', ''],
  ['proxy-authorization', ''], ['range', ''], ['referer', ''], ['refresh', ''], ['retry-after', ''],
  ['server', ''], ['set-cookie', ''], ['strict-transport-security', ''], ['transfer-encoding', ''],
  ['user-agent', ''], ['vary', ''], ['via', ''], ['www-authenticate', ''],
];
const STATIC_LEN = STATIC_TABLE.length;

/** First static index of each name. */
const STATIC_NAME = new Map<string, number>();
/** Static index of each exact name + '\0' + value with a value. */
const STATIC_PAIR = new Map<string, number>();
STATIC_TABLE.forEach(([n, v], i) => {
  if (!STATIC_NAME.has(n)) STATIC_NAME.set(n, i + 1);
  if (v !== '') STATIC_PAIR.set(`${n}\0${v}`, i + 1);
});

/** The largest decoded header list accepted (names + values + 32 per field, as RFC 9113 counts it). */
export const MAX_LIST_BYTES = 256 * 1024;
/** Our SETTINGS_HEADER_TABLE_SIZE (the default; we never announce another). */
export const DECODER_TABLE_SIZE = 4096;

/** Header block decoder of one connection. */
export class HpackDecoder {
  /** Fields of the last decoded block. */
  readonly names: string[] = [];
  readonly values: string[] = [];
  count = 0;
  /** Sum of name and value lengths of the last block. */
  bytes = 0;
  error: string | undefined;
  /** Dynamic table, newest first; its size in RFC 7541 4.1 octets. */
  private readonly dynNames: string[] = [];
  private readonly dynValues: string[] = [];
  private dynSize = 0;
  private maxSize: number;
  private scratch = Buffer.allocUnsafe(4096);
  /** Integer decoding result and position (no object per integer). */
  private p = 0;

  /** `limit`: our SETTINGS_HEADER_TABLE_SIZE, the table's initial and largest size. */
  constructor(private readonly limit = DECODER_TABLE_SIZE) {
    this.maxSize = limit;
  }

  /** Entries in the dynamic table (for tests). */
  get tableLength(): number { return this.dynNames.length; }
  /** The dynamic table's size (for tests). */
  get tableSize(): number { return this.dynSize; }

  /** Decodes the block `buf[start, end)`; false with `error` set on a compression error. */
  decode(buf: Buffer, start: number, end: number): boolean {
    this.count = 0;
    this.bytes = 0;
    let listBytes = 0;
    let p = start;
    let fieldsSeen = false;
    while (p < end) {
      const b = buf[p];
      let name: string;
      let value: string;
      if (b & 0x80) {
        // Indexed field (6.1).
        const idx = this.int(buf, p, end, 7);
        if (idx < 0) return this.fail();
        p = this.p;
        if (idx === 0) return this.fail();
        if (idx <= STATIC_LEN) { const e = STATIC_TABLE[idx - 1]; name = e[0]; value = e[1]; }
        else {
          const d = idx - STATIC_LEN - 1;
          if (d >= this.dynNames.length) return this.fail();
          name = this.dynNames[d];
          value = this.dynValues[d];
        }
      } else if ((b & 0xe0) === 0x20) {
        // Dynamic table size update (6.3): only before the block's first field.
        if (fieldsSeen) return this.fail();
        const size = this.int(buf, p, end, 5);
        if (size < 0 || size > this.limit) return this.fail();
        p = this.p;
        this.maxSize = size;
        this.evict(0);
        continue;
      } else {
        // Literal: with incremental indexing (01, 6-bit index), without (0000) or never indexed (0001), 4-bit.
        const indexing = (b & 0xc0) === 0x40;
        const idx = this.int(buf, p, end, indexing ? 6 : 4);
        if (idx < 0) return this.fail();
        p = this.p;
        if (idx === 0) {
          const n = this.str(buf, p, end);
          if (n === undefined) return this.fail();
          name = n;
          p = this.p;
        } else if (idx <= STATIC_LEN) name = STATIC_TABLE[idx - 1][0];
        else {
          const d = idx - STATIC_LEN - 1;
          if (d >= this.dynNames.length) return this.fail();
          name = this.dynNames[d];
        }
        const v = this.str(buf, p, end);
        if (v === undefined) return this.fail();
        value = v;
        p = this.p;
        if (indexing) this.insert(name, value);
      }
      fieldsSeen = true;
      listBytes += name.length + value.length + 32;
      if (listBytes > MAX_LIST_BYTES) { this.error = 'ENHANCE_YOUR_CALM'; return false; }
      this.names[this.count] = name;
      this.values[this.count] = value;
      this.count++;
      this.bytes += name.length + value.length;
    }
    return true;
  }

  /** Decodes an integer with an N-bit prefix at buf[p] (5.1); sets this.p past it; -1 when truncated or over 2^31. */
  private int(buf: Buffer, p: number, end: number, bits: number): number {
    const max = (1 << bits) - 1;
    let v = buf[p++] & max;
    if (v < max) { this.p = p; return v; }
    let m = 0;
    for (;;) {
      if (p >= end || m > 28) return -1;
      const b = buf[p++];
      v += (b & 0x7f) * 2 ** m;
      m += 7;
      if ((b & 0x80) === 0) break;
    }
    if (v > 0x7fffffff) return -1;
    this.p = p;
    return v;
  }

  /** Decodes a string literal at buf[p] (5.2); sets this.p past it; undefined when invalid. */
  private str(buf: Buffer, p: number, end: number): string | undefined {
    if (p >= end) return undefined;
    const huff = (buf[p] & 0x80) !== 0;
    const len = this.int(buf, p, end, 7);
    if (len < 0) return undefined;
    p = this.p;
    if (end - p < len) return undefined;
    this.p = p + len;
    if (!huff) return buf.toString('latin1', p, p + len);
    const need = Math.ceil((len * 8) / 5);
    if (this.scratch.length < need) this.scratch = Buffer.allocUnsafe(Math.max(need, this.scratch.length * 2));
    const n = huffmanDecode(buf, p, p + len, this.scratch);
    if (n < 0) return undefined;
    return this.scratch.toString('latin1', 0, n);
  }

  private insert(name: string, value: string): void {
    const size = name.length + value.length + 32;
    if (size > this.maxSize) {
      // An entry larger than the table empties it and is not added (4.4).
      this.dynNames.length = 0;
      this.dynValues.length = 0;
      this.dynSize = 0;
      return;
    }
    this.evict(size);
    this.dynNames.unshift(name);
    this.dynValues.unshift(value);
    this.dynSize += size;
  }

  /** Evicts the oldest entries until `room` more octets fit (4.4). */
  private evict(room: number): void {
    while (this.dynSize + room > this.maxSize && this.dynNames.length > 0) {
      this.dynSize -= this.dynNames.pop()!.length + this.dynValues.pop()!.length + 32;
    }
  }

  private fail(): false {
    this.error = 'COMPRESSION_ERROR';
    return false;
  }
}

/** Writes integer `v` with an N-bit prefix under `mask` (the representation's flag bits) at buf[off]; returns the end. */
export function writeInt(buf: Buffer, off: number, v: number, bits: number, mask: number): number {
  const max = (1 << bits) - 1;
  if (v < max) { buf[off] = mask | v; return off + 1; }
  buf[off++] = mask | max;
  v -= max;
  while (v >= 128) { buf[off++] = (v % 128) | 0x80; v = Math.floor(v / 128); }
  buf[off++] = v;
  return off;
}

/** Writes a string literal (no Huffman) at buf[off]; returns the end. */
export function writeStr(buf: Buffer, off: number, s: string): number {
  off = writeInt(buf, off, s.length, 7, 0);
  return off + buf.write(s, off, 'latin1');
}

/** Bytes writeField may take for `name`/`value` at most. */
export function fieldRoom(name: string, value: string): number {
  return name.length + value.length + 12;
}

/**
 * Writes one field at buf[off]: indexed when the static table holds it exactly, else a literal without
 * indexing (its name indexed when the static table has the name). Returns the end; with `onlyIndexed`,
 * -1 instead of a literal.
 */
export function writeField(buf: Buffer, off: number, name: string, value: string, onlyIndexed = false): number {
  const exact = STATIC_PAIR.get(`${name}\0${value}`);
  if (exact !== undefined) return writeInt(buf, off, exact, 7, 0x80);
  if (onlyIndexed) return -1;
  const idx = STATIC_NAME.get(name);
  if (idx !== undefined) off = writeInt(buf, off, idx, 4, 0);
  else { buf[off++] = 0; off = writeStr(buf, off, name); }
  return writeStr(buf, off, value);
}

/** Static index of the exact field `name: value`, or 0. */
export function staticIndex(name: string, value: string): number {
  return STATIC_PAIR.get(`${name}\0${value}`) ?? 0;
}

/** Static index of `name`, or 0. */
export function staticNameIndex(name: string): number {
  return STATIC_NAME.get(name) ?? 0;
}
