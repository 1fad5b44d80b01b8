// The HPACK encoder of one session's requests (RFC 7541): fields the static table holds exactly are sent
// indexed; :authority and the regular fields are added to the dynamic table the first time (literal with
// incremental indexing) and sent as a one-byte index afterwards, so a server decodes a repeated request
// from indexes, as it does h2load's or a browser's. Values that change per request or are sensitive are
// never added (see NOT_INDEXED). No Huffman. The table mirrors the server's decoder exactly: same
// insertions, same evictions (RFC 7541 4.4), and a size update at the start of the next block after the
// server lowered SETTINGS_HEADER_TABLE_SIZE.
import { writeField, writeInt, writeStr, staticNameIndex } from './hpack.ts';

/** The largest table used (the default SETTINGS_HEADER_TABLE_SIZE). */
const MAX_TABLE = 4096;
/** Fields never added to the table: per-request or secret values (RFC 7541 7.1.3). */
const NOT_INDEXED = new Set(['cookie', 'authorization', 'proxy-authorization', 'content-length', ':path']);
/** Values longer than this are not added (one would evict many useful entries). */
const MAX_INDEXED_VALUE = 256;

/** Dynamic-table encoder of one session; `version` changes whenever an index it wrote may mean something else. */
export class HpackEncoder {
  /** Entries oldest first from `head`: key (name + '\0' + value) and size. */
  private keys: string[] = [];
  private sizes: number[] = [];
  private head = 0;
  /** Insertion number of each entry in the table. */
  private readonly index = new Map<string, number>();
  private inserted = 0;
  private size = 0;
  private max = MAX_TABLE;
  /** A size update to send at the start of the next block (-1: none). */
  private pendingUpdate = -1;
  /** Bumped on every insertion and size update: a block encoded at the same version is valid byte for byte. */
  version = 0;

  /** The server's SETTINGS_HEADER_TABLE_SIZE (we use at most MAX_TABLE). */
  setPeerTableSize(v: number): void {
    const next = Math.min(v, MAX_TABLE);
    if (next >= this.max) return; // we keep using the smaller size; nothing to signal
    this.max = next;
    this.evict(0);
    this.pendingUpdate = next;
    this.version++;
  }

  /** Writes the size update the server must see first, if one is due (at a block's start). */
  begin(out: Buffer, off: number): number {
    if (this.pendingUpdate < 0) return off;
    off = writeInt(out, off, this.pendingUpdate, 5, 0x20);
    this.pendingUpdate = -1;
    return off;
  }

  /** Writes `name: value` (name lower-case) at out[off]: indexed if the table has it, else a literal, added to the table when it may be. Returns the end. */
  field(out: Buffer, off: number, name: string, value: string): number {
    const key = `${name}\0${value}`;
    const k = this.index.get(key);
    if (k !== undefined) return writeInt(out, off, 62 + this.inserted - 1 - k, 7, 0x80);
    const entry = name.length + value.length + 32;
    if (NOT_INDEXED.has(name) || value.length > MAX_INDEXED_VALUE || entry > this.max) return writeField(out, off, name, value);
    const fixed = writeField(out, off, name, value, true);
    if (fixed >= 0) return fixed; // exact in the static table: indexed, nothing to add
    this.evict(entry);
    const idx = staticNameIndex(name);
    if (idx) off = writeInt(out, off, idx, 6, 0x40);
    else { out[off++] = 0x40; off = writeStr(out, off, name); }
    off = writeStr(out, off, value);
    this.keys.push(key);
    this.sizes.push(entry);
    this.index.set(key, this.inserted++);
    this.size += entry;
    this.version++;
    return off;
  }

  /** Evicts the oldest entries until `room` more octets fit. */
  private evict(room: number): void {
    while (this.size + room > this.max && this.head < this.keys.length) {
      const key = this.keys[this.head];
      this.size -= this.sizes[this.head];
      this.index.delete(key);
      this.head++;
    }
    if (this.head > 64 && this.head * 2 > this.keys.length) {
      this.keys = this.keys.slice(this.head);
      this.sizes = this.sizes.slice(this.head);
      this.head = 0;
    }
  }
}
