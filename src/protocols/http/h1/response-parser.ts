// Incremental HTTP/1.1 response parser (RFC 9112): status line and headers, then a body delimited by
// Content-Length, chunked transfer coding, or the end of the connection. One instance per connection,
// reused for every response it carries; no allocation per body chunk.
import { CLIENT_ERRORS } from './exchange.ts';

/** Largest response head accepted (status line and headers), bytes. */
export const MAX_HEAD_BYTES = 80 * 1024;
const MAX_CHUNK_LINE = 4096;

/** What the parser tells the connection carrying the response. */
export interface ParserEvents {
  /** The final (non-1xx) response head was parsed. */
  onHead(): void;
  /** A piece of the body (a view into the socket's chunk: copy it to keep it); not for a response begun without keepBody. */
  onBody(chunk: Buffer): void;
}

/** The response headers the client layers above the exchange need even on the fast path. */
export interface NotableHeaders {
  location?: string;
  setCookie?: string[];
  contentEncoding?: string;
}

const enum State { Head, Length, ChunkSize, ChunkData, ChunkEnd, Trailers, UntilClose, Done }
const HEX = /^[0-9a-fA-F]+/;

/** Parses one response at a time; `begin` before each, `feed` with socket data, `finishAtEof` at the socket's end. */
export class ResponseParser {
  status = 0;
  /** The connection may carry another request after this response. */
  keepAlive = true;
  /** Seconds from the server's `Keep-Alive: timeout=N`, if it sent one. */
  keepAliveTimeoutS: number | undefined;
  /** [name, value, ...] of every header when `begin(…, keepHeaders)`; else undefined. */
  raw: string[] | undefined;
  /** Values of Server-Timing headers. */
  serverTiming: string[] | undefined;
  /** Location, Set-Cookie and Content-Encoding (for the client layers: redirects, cookies, decoding), captured even without keepHeaders; undefined when none came. */
  notable: NotableHeaders | undefined;
  /** Set when parsing failed: the stable code to report. */
  error: string | undefined;
  /** Bytes arrived after the response ended (a misbehaving server): the connection must not be reused. */
  trailing = false;
  private state = State.Done;
  private pending: Buffer | undefined;
  private remaining = 0;
  private bodyless = false;
  private keepHeaders = false;
  private keepBody = true;

  constructor(private readonly events: ParserEvents) {}

  /** Expects a new response; `bodyless` for a HEAD request (no body whatever the headers say); `keepBody` false: the body is parsed and counted but no onBody (no view allocated). */
  begin(bodyless: boolean, keepHeaders: boolean, keepBody = true): void {
    this.state = State.Head;
    this.pending = undefined;
    this.bodyless = bodyless;
    this.keepHeaders = keepHeaders;
    this.keepBody = keepBody;
    this.error = undefined;
    this.trailing = false;
    this.resetHead();
  }

  /** True once the whole response was parsed. */
  get done(): boolean {
    return this.state === State.Done;
  }

  /** The body runs until the connection closes (no length, not chunked). */
  get untilClose(): boolean {
    return this.state === State.UntilClose;
  }

  /** Ends a body delimited by the connection's close. */
  finishAtEof(): void {
    if (this.state === State.UntilClose) this.state = State.Done;
  }

  /** Parses the first `length` bytes of `data` (all of it by default); returns false on a parse error (see `error`). */
  feed(data: Buffer, length: number = data.length): boolean {
    let pos = 0;
    let len = length;
    if (this.pending) {
      data = Buffer.concat([this.pending, data.subarray(0, len)]);
      len = data.length;
      this.pending = undefined;
    }
    while (pos < len) {
      switch (this.state) {
        case State.Head: {
          const end = within(data.indexOf('\r\n\r\n', pos, 'latin1'), 4, len);
          if (end < 0) {
            // A peer that is not HTTP (an SSH or SMTP banner) fails as soon as its first bytes show it, not at the timeout.
            if (!startsLike(data, pos, len, HTTP1)) return this.fail(CLIENT_ERRORS.parse);
            if (len - pos > MAX_HEAD_BYTES) return this.fail(CLIENT_ERRORS.headTooLarge);
            this.pending = Buffer.from(data.subarray(pos, len));
            return true;
          }
          if (end - pos > MAX_HEAD_BYTES) return this.fail(CLIENT_ERRORS.headTooLarge);
          if (!this.parseHead(data, pos, end)) return false;
          pos = end + 4;
          break;
        }
        case State.Length:
        case State.ChunkData: {
          const n = Math.min(this.remaining, len - pos);
          if (this.keepBody) this.events.onBody(data.subarray(pos, pos + n)); 
          pos += n;
          this.remaining -= n;
          if (this.remaining === 0) {
            if (this.state === State.Length) this.state = State.Done;
            else { this.state = State.ChunkEnd; this.remaining = 2; }
          }
          break;
        }
        case State.ChunkEnd: {
          // the CRLF after a chunk's data, possibly split across socket reads
          const c = data[pos++];
          if (c !== (this.remaining === 2 ? 13 : 10)) return this.fail(CLIENT_ERRORS.parse);
          if (--this.remaining === 0) this.state = State.ChunkSize;
          break;
        }
        case State.ChunkSize: {
          const eol = within(data.indexOf('\r\n', pos, 'latin1'), 2, len);
          if (eol < 0) {
            if (len - pos > MAX_CHUNK_LINE) return this.fail(CLIENT_ERRORS.parse);
            this.pending = Buffer.from(data.subarray(pos, len));
            return true;
          }
          const m = HEX.exec(data.toString('latin1', pos, eol));
          if (!m || m[0].length > 12) return this.fail(CLIENT_ERRORS.parse);
          const size = parseInt(m[0], 16);
          pos = eol + 2;
          if (size === 0) this.state = State.Trailers;
          else { this.state = State.ChunkData; this.remaining = size; }
          break;
        }
        case State.Trailers: {
          if (len - pos < 2) { this.pending = Buffer.from(data.subarray(pos, len)); return true; }
          if (data[pos] === 13 && data[pos + 1] === 10) { pos += 2; this.state = State.Done; break; }
          const end = within(data.indexOf('\r\n\r\n', pos, 'latin1'), 4, len);
          if (end < 0) {
            if (len - pos > MAX_HEAD_BYTES) return this.fail(CLIENT_ERRORS.headTooLarge);
            this.pending = Buffer.from(data.subarray(pos, len));
            return true;
          }
          pos = end + 4;
          this.state = State.Done;
          break;
        }
        case State.UntilClose:
          if (this.keepBody) this.events.onBody(pos === 0 && len === data.length ? data : data.subarray(pos, len));
          pos = len;
          break;
        case State.Done:
          this.trailing = true;
          return true;
      }
    }
    return true;
  }

  private fail(code: string): false {
    this.error = code;
    return false;
  }

  private resetHead(): void {
    this.status = 0;
    this.keepAlive = true;
    this.keepAliveTimeoutS = undefined;
    this.raw = this.keepHeaders ? [] : undefined;
    this.serverTiming = undefined;
    this.notable = undefined;
  }

  /** Parses the head in b[start, end) (its final CRLFCRLF excluded), byte by byte; moves to the body state, or stays for a 1xx. */
  private parseHead(b: Buffer, start: number, end: number): boolean {
    // HTTP/1.x SP 3DIGIT [SP reason]
    if (end - start < 12 || !startsWith(b, start, HTTP1) || b[start + 8] !== 32) return this.fail(CLIENT_ERRORS.parse);
    const d0 = b[start + 9] - 48, d1 = b[start + 10] - 48, d2 = b[start + 11] - 48;
    if (d0 < 0 || d0 > 9 || d1 < 0 || d1 > 9 || d2 < 0 || d2 > 9) return this.fail(CLIENT_ERRORS.parse);
    this.status = d0 * 100 + d1 * 10 + d2;
    const http10 = b[start + 7] === 48;
    let length = -1;
    let chunked = false;
    let hasEncoding = false;
    let close = false;
    let keepAliveToken = false;
    let pos = lineEnd(b, start, end) + 2;
    while (pos < end) {
      const eol = lineEnd(b, pos, end);
      let colon = pos;
      while (colon < eol && b[colon] !== 58) colon++;
      if (colon === pos || colon === eol) return this.fail(CLIENT_ERRORS.parse);
      let vs = colon + 1;
      while (vs < eol && (b[vs] === 32 || b[vs] === 9)) vs++;
      let ve = eol;
      while (ve > vs && (b[ve - 1] === 32 || b[ve - 1] === 9)) ve--;
      if (this.raw) this.raw.push(b.toString('latin1', pos, colon), b.toString('latin1', vs, ve));
      // Only names of a length that matters are compared (case-insensitively, on the bytes).
      switch (colon - pos) {
        case 14:
          if (lowerEquals(b, pos, 'content-length')) {
            if (ve === vs) return this.fail(CLIENT_ERRORS.parse);
            let n = 0;
            for (let i = vs; i < ve; i++) {
              const d = b[i] - 48;
              if (d < 0 || d > 9) return this.fail(CLIENT_ERRORS.parse);
              n = n * 10 + d;
            }
            if (length >= 0 && n !== length) return this.fail(CLIENT_ERRORS.parse);
            length = n;
          }
          break;
        case 17:
          if (lowerEquals(b, pos, 'transfer-encoding')) {
            hasEncoding = true;
            chunked = CHUNKED_LAST.test(b.toString('latin1', vs, ve));
          }
          break;
        case 10:
          if (lowerEquals(b, pos, 'connection')) {
            if (ve - vs === 10 && lowerEquals(b, vs, 'keep-alive')) keepAliveToken = true;
            else if (ve - vs === 5 && lowerEquals(b, vs, 'close')) close = true;
            else {
              const v = b.toString('latin1', vs, ve).toLowerCase();
              if (v.includes('close')) close = true;
              if (v.includes('keep-alive')) keepAliveToken = true;
            }
          } else if (lowerEquals(b, pos, 'set-cookie')) {
            ((this.notable ??= {}).setCookie ??= []).push(b.toString('latin1', vs, ve));
          } else if (lowerEquals(b, pos, 'keep-alive')) {
            const at = b.indexOf('timeout=', vs, 'latin1');
            if (at >= 0 && at < ve) {
              let n = 0;
              let i = at + 8;
              for (; i < ve && b[i] >= 48 && b[i] <= 57; i++) n = n * 10 + b[i] - 48;
              if (i > at + 8) this.keepAliveTimeoutS = n;
            }
          }
          break;
        case 8:
          if (lowerEquals(b, pos, 'location')) (this.notable ??= {}).location = b.toString('latin1', vs, ve);
          break;
        case 16:
          if (lowerEquals(b, pos, 'content-encoding')) (this.notable ??= {}).contentEncoding = b.toString('latin1', vs, ve);
          break;
        case 13:
          if (lowerEquals(b, pos, 'server-timing')) (this.serverTiming ??= []).push(b.toString('latin1', vs, ve));
          break;
      }
      pos = eol + 2;
    }
    if (this.status < 200) {
      if (this.status === 101) return this.fail(CLIENT_ERRORS.upgrade);
      this.resetHead(); // an interim response (100 Continue, 103 Early Hints): the final one follows
      return true;
    }
    if (close || (http10 && !keepAliveToken)) this.keepAlive = false;
    this.events.onHead();
    if (this.bodyless || this.status === 204 || this.status === 304) this.state = State.Done;
    else if (chunked) this.state = State.ChunkSize;
    else if (hasEncoding) { this.state = State.UntilClose; this.keepAlive = false; }
    else if (length >= 0) { this.remaining = length; this.state = length === 0 ? State.Done : State.Length; }
    else { this.state = State.UntilClose; this.keepAlive = false; }
    return true;
  }
}

const HTTP1 = Buffer.from('HTTP/1.', 'latin1');
const CHUNKED_LAST = /(^|,)\s*chunked\s*$/i;

/** The bytes of b from `at` up to `len` (however few have arrived) agree with the start of `prefix`. */
function startsLike(b: Buffer, at: number, len: number, prefix: Buffer): boolean {
  const n = Math.min(prefix.length, len - at);
  for (let i = 0; i < n; i++) if (b[at + i] !== prefix[i]) return false;
  return true;
}

/** `i` (an indexOf result for a needle of `width` bytes) when the match lies within the first `len` bytes, else -1. */
function within(i: number, width: number, len: number): number {
  return i + width <= len ? i : -1;
}

function startsWith(b: Buffer, at: number, prefix: Buffer): boolean {
  for (let i = 0; i < prefix.length; i++) if (b[at + i] !== prefix[i]) return false;
  return true;
}

/** b[at, at + lower.length) equals `lower` (a lower-case ASCII name) ignoring case. */
function lowerEquals(b: Buffer, at: number, lower: string): boolean {
  for (let i = 0; i < lower.length; i++) {
    const c = b[at + i];
    if ((c >= 65 && c <= 90 ? c + 32 : c) !== lower.charCodeAt(i)) return false;
  }
  return true;
}

/** Index of the CRLF ending the line that starts at `from`, or `end` for the head's last line. */
function lineEnd(b: Buffer, from: number, end: number): number {
  const i = b.indexOf(CRLF, from);
  return i < 0 || i > end ? end : i;
}
const CRLF = Buffer.from('\r\n', 'latin1');
