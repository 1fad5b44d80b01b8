// A reusable byte buffer that sample lines are formatted into (ASCII text, numbers and times written as
// digits in place, no string per line), handed to `sink` whenever it fills and on `flush`.

/**
 * Bytes of the buffer: one write to the file per this many bytes of lines. 64 KiB rather than 1 MiB bounds
 * how long one write(2) copies into the page cache while the pinned timing thread may want the core (bench:json-out
 * at 10,000/s, quiet machine, two runs of 3 rounds each: 0.98x and 1.32x with 64 KiB, 1.28x and 1.46x with 1 MiB).
 */
export const LINE_BYTES = 1 << 16;

/** Appends text to a fixed buffer; `sink(buffer, length)` takes full buffers (it must copy or write them before returning). */
export class LineBytes {
  private readonly buf: Buffer;
  private pos = 0;
  /** Whole second (epoch s) whose `YYYY-MM-DDTHH:MM:SS.` prefix is cached in `secondText`. */
  private second = NaN;
  private readonly secondText = Buffer.alloc(20);
  constructor(private readonly sink: (buf: Buffer, length: number) => void, size = LINE_BYTES) {
    this.buf = Buffer.allocUnsafe(size);
  }
  /** Hands the buffered bytes to the sink. */
  flush(): void {
    if (this.pos) { const n = this.pos; this.pos = 0; this.sink(this.buf, n); }
  }
  private room(n: number): void {
    if (this.pos + n > this.buf.length) this.flush();
  }
  /** Bytes as they are (e.g. a series' prepared fixed part). */
  bytes(b: Uint8Array): void {
    if (b.length > this.buf.length) { this.flush(); this.sink(Buffer.from(b.buffer, b.byteOffset, b.length), b.length); return; }
    this.room(b.length);
    this.buf.set(b, this.pos);
    this.pos += b.length;
  }
  /** A string of ASCII (or Latin-1) characters. */
  text(s: string): void {
    if (s.length > this.buf.length) { this.bytes(Buffer.from(s, 'latin1')); return; }
    this.room(s.length);
    this.pos += this.buf.write(s, this.pos, 'latin1');
  }
  /** A number as JSON writes it (String(v)); integers below 2^53 as digits without a string. */
  number(v: number): void {
    if (Number.isSafeInteger(v)) { this.integer(v); return; }
    this.text(Number.isFinite(v) ? String(v) : 'null');
  }
  /** A safe integer's digits. */
  integer(v: number): void {
    this.room(17);
    const b = this.buf;
    if (v < 0) { b[this.pos++] = 45; v = -v; }
    let digits = 1;
    for (let x = v; x >= 10; x = Math.floor(x / 10)) digits++;
    let p = this.pos + digits;
    this.pos = p;
    do { b[--p] = 48 + (v % 10); v = Math.floor(v / 10); } while (v > 0);
  }
  /** `epochMs` as RFC 3339 with nanoseconds in UTC (k6's JSON `time`), as rfc3339Nano writes it. */
  time(epochMs: number): void {
    let sec = Math.floor(epochMs / 1000);
    let ns = Math.round((epochMs - sec * 1000) * 1e6);
    if (ns >= 1e9) { sec += 1; ns -= 1e9; }
    if (sec !== this.second) {
      this.second = sec;
      this.secondText.write(`${new Date(sec * 1000).toISOString().slice(0, 19)}.`, 0, 'latin1');
    }
    this.room(30);
    const b = this.buf;
    b.set(this.secondText, this.pos);
    let p = this.pos + 29;
    b[p] = 90; // Z
    for (let k = 0; k < 9; k++) { b[--p] = 48 + (ns % 10); ns = Math.floor(ns / 10); }
    this.pos += 30;
  }
}
