// HTTP/2 framing (RFC 9113 section 4 and 6): frame types, flags, settings identifiers, error codes, and the
// reader that cuts a byte stream into frames straight out of the socket's Buffers (no object per frame).
//
// FrameReader call order: feed(chunk)* -> sink.onFrame(...) once per whole frame, in order; after a
// false from feed (error set: FRAME_SIZE_ERROR) or from the sink, nothing more is read.

/** Frame types (RFC 9113 section 6). */
export const enum FrameType { DATA = 0, HEADERS = 1, PRIORITY = 2, RST_STREAM = 3, SETTINGS = 4, PUSH_PROMISE = 5, PING = 6, GOAWAY = 7, WINDOW_UPDATE = 8, CONTINUATION = 9 }

/** Frame flags (their meaning depends on the frame type). */
export const enum Flag { END_STREAM = 0x1, ACK = 0x1, END_HEADERS = 0x4, PADDED = 0x8, PRIORITY = 0x20 }

/** SETTINGS parameter identifiers (RFC 9113 section 6.5.2). */
export const enum Setting { HEADER_TABLE_SIZE = 1, ENABLE_PUSH = 2, MAX_CONCURRENT_STREAMS = 3, INITIAL_WINDOW_SIZE = 4, MAX_FRAME_SIZE = 5, MAX_HEADER_LIST_SIZE = 6 }

/** Error codes (RFC 9113 section 7). */
export const enum ErrorCode { NO_ERROR = 0, PROTOCOL_ERROR = 1, INTERNAL_ERROR = 2, FLOW_CONTROL_ERROR = 3, SETTINGS_TIMEOUT = 4, STREAM_CLOSED = 5, FRAME_SIZE_ERROR = 6, REFUSED_STREAM = 7, CANCEL = 8, COMPRESSION_ERROR = 9, CONNECT_ERROR = 10, ENHANCE_YOUR_CALM = 11, INADEQUATE_SECURITY = 12, HTTP_1_1_REQUIRED = 13 }

/** RFC 9113 section 7 error code names, by code. */
export const ERROR_NAMES: readonly string[] = [
  'NO_ERROR', 'PROTOCOL_ERROR', 'INTERNAL_ERROR', 'FLOW_CONTROL_ERROR', 'SETTINGS_TIMEOUT', 'STREAM_CLOSED',
  'FRAME_SIZE_ERROR', 'REFUSED_STREAM', 'CANCEL', 'COMPRESSION_ERROR', 'CONNECT_ERROR', 'ENHANCE_YOUR_CALM',
  'INADEQUATE_SECURITY', 'HTTP_1_1_REQUIRED',
];

/** The client connection preface (RFC 9113 section 3.4). */
export const PREFACE = Buffer.from('PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n', 'latin1');

/** Frame header length. */
export const FRAME_HEADER = 9;
/** The initial (and smallest allowed) SETTINGS_MAX_FRAME_SIZE. */
export const DEFAULT_MAX_FRAME = 16_384;
/** The largest SETTINGS_MAX_FRAME_SIZE (2^24 - 1). */
export const MAX_MAX_FRAME = 16_777_215;
/** The largest flow-control window (2^31 - 1). */
export const MAX_WINDOW = 2_147_483_647;
/** The initial flow-control window of a connection and of a stream before SETTINGS. */
export const DEFAULT_WINDOW = 65_535;

/** Payload length a frame type must have (-1: any); PRIORITY 5, RST_STREAM 4, PING 8, WINDOW_UPDATE 4. */
export function fixedLength(type: number): number {
  switch (type) {
    case FrameType.PRIORITY: return 5;
    case FrameType.RST_STREAM: return 4;
    case FrameType.PING: return 8;
    case FrameType.WINDOW_UPDATE: return 4;
    default: return -1;
  }
}

/** Receives whole frames; `buf` may be the reader's own buffer (then `shared`: copy what outlives the call). Returns false to stop reading. */
export interface FrameSink {
  onFrame(type: number, flags: number, id: number, buf: Buffer, start: number, len: number, shared: boolean): boolean;
}

/** Cuts bytes into frames; a frame split across reads is gathered in one buffer of its own (at most 9 + maxFrameSize bytes). */
export class FrameReader {
  /** The largest payload accepted (our SETTINGS_MAX_FRAME_SIZE). */
  readonly maxFrameSize: number;
  /** Set when feed returned false because of the framing itself: an RFC 9113 error name. */
  error: string | undefined;
  private partial: Buffer | undefined;
  private partialLen = 0;
  /** Payload length of the partial frame, once its header is complete; -1 before. */
  private partialNeed = -1;

  constructor(private readonly sink: FrameSink, maxFrameSize = DEFAULT_MAX_FRAME) {
    this.maxFrameSize = maxFrameSize;
  }

  /** Reads `buf[off, end)`; false when reading must stop (a framing error, or the sink said stop). */
  feed(buf: Buffer, off: number, end: number): boolean {
    let p = off;
    if (this.partialLen > 0) {
      const part = this.partial!;
      if (this.partialLen < FRAME_HEADER) {
        const n = Math.min(FRAME_HEADER - this.partialLen, end - p);
        buf.copy(part, this.partialLen, p, p + n);
        this.partialLen += n;
        p += n;
        if (this.partialLen < FRAME_HEADER) return true;
        const len = (part[0] << 16) | (part[1] << 8) | part[2];
        if (len > this.maxFrameSize) return this.fail();
        this.partialNeed = len;
      }
      const total = FRAME_HEADER + this.partialNeed;
      const n = Math.min(total - this.partialLen, end - p);
      buf.copy(part, this.partialLen, p, p + n);
      this.partialLen += n;
      p += n;
      if (this.partialLen < total) return true;
      this.partialLen = 0;
      this.partialNeed = -1;
      if (!this.sink.onFrame(part[3], part[4], part.readUInt32BE(5) & 0x7fffffff, part, FRAME_HEADER, total - FRAME_HEADER, true)) return false;
    }
    const max = this.maxFrameSize;
    while (end - p >= FRAME_HEADER) {
      const len = (buf[p] << 16) | (buf[p + 1] << 8) | buf[p + 2];
      if (len > max) return this.fail();
      if (end - p < FRAME_HEADER + len) break;
      if (!this.sink.onFrame(buf[p + 3], buf[p + 4], buf.readUInt32BE(p + 5) & 0x7fffffff, buf, p + FRAME_HEADER, len, false)) return false;
      p += FRAME_HEADER + len;
    }
    if (p < end) {
      const part = (this.partial ??= Buffer.allocUnsafe(FRAME_HEADER + max));
      buf.copy(part, 0, p, end);
      this.partialLen = end - p;
      if (this.partialLen >= FRAME_HEADER) {
        const len = (part[0] << 16) | (part[1] << 8) | part[2];
        if (len > max) return this.fail();
        this.partialNeed = len;
      }
    }
    return true;
  }

  private fail(): false {
    this.error = 'FRAME_SIZE_ERROR';
    return false;
  }
}

/** Writes a frame header at `buf[off]`. */
export function writeFrameHeader(buf: Buffer, off: number, len: number, type: number, flags: number, id: number): void {
  buf[off] = len >>> 16;
  buf[off + 1] = (len >>> 8) & 0xff;
  buf[off + 2] = len & 0xff;
  buf[off + 3] = type;
  buf[off + 4] = flags;
  buf.writeUInt32BE(id & 0x7fffffff, off + 5);
}
