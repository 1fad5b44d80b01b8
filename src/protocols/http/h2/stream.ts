// One request as an HTTP/2 stream of a session: holds its flow-control windows and byte counts, turns the
// response's header blocks and DATA into the Exchange's callbacks, and decides the failure code when the
// stream ends without a complete response.
//
// Call order from the session: open -> (onHeaders | onData)* -> one of onEnd (END_STREAM received),
// onReset (RST_STREAM received), sessionEnded (the session died or refused it by GOAWAY), end (our own
// abort, timeout or a stream error). The stream tells its session `streamClosed` once, at its end.
import { CLIENT_ERRORS, type Exchange } from '../h1/exchange.ts';
import type { NotableHeaders } from '../h1/response-parser.ts';
import { ErrorCode } from './frames.ts';
import { H2_ERRORS, rstStreamCode } from './errors.ts';

/** What a stream tells its session. */
export interface StreamOwner {
  /** The stream's slot is free again; `rst`: send RST_STREAM with this code (the stream is still open on the wire). */
  streamClosed(st: H2Stream, rst: number): void;
  /** `ex`'s stream ended without a response in a way that allows sending it again (see H2Session). */
  mayRetry(st: H2Stream, code: string): boolean;
  /** The code for a stream that ended without a response and without a reset of its own (a session error, a GOAWAY). */
  sessionCode(): string | undefined;
}

/** A stream in flight; `abort(ex)` is the Exchange's `conn`. */
export class H2Stream {
  /** Stream id (odd, assigned when opened). */
  id = 0;
  /** Our send window (the peer's receive window for this stream). */
  sendWindow = 0;
  /** Bytes we may still receive before a WINDOW_UPDATE. */
  recvWindow = 0;
  /** Bytes received since the last WINDOW_UPDATE we sent for it. */
  recvUnacked = 0;
  /** The request body not yet sent (waiting for window), from `bodyOff`. */
  body: Buffer | undefined;
  bodyOff = 0;
  /** We sent END_STREAM. */
  localEnded = false;
  /** ex.sent() reported. */
  sentReported = false;
  written = 0;
  private read = 0;
  private responded = false;
  private done = false;
  /** content-length of the response, -1 when absent or not binding (HEAD, 204, 304). */
  private expected = -1;
  private received = 0;
  /** performance.now() past which the session's sweep times it out. */
  deadline = 0;

  constructor(private readonly owner: StreamOwner, readonly ex: Exchange) {}

  /** The stream is on the wire as `id`; its windows; `written` bytes as data_sent counts them; `deadline` for its timeout. */
  open(id: number, sendWindow: number, recvWindow: number, written: number, deadline: number): void {
    this.id = id;
    this.sendWindow = sendWindow;
    this.recvWindow = recvWindow;
    this.written = written * (this.ex.retried ? 2 : 1);
    this.deadline = deadline;
    this.ex.conn = this;
  }

  /** A whole header block for this stream was decoded into names/values[0, count) (`bytes`: their lengths); returns an RFC 9113 error name for a malformed response. */
  onHeaders(names: readonly string[], values: readonly string[], count: number, bytes: number, endStream: boolean): string | undefined {
    if (this.done) return undefined;
    if (this.responded) {
      // Trailers: they end the stream (their fields are not kept).
      if (!endStream) return 'PROTOCOL_ERROR';
      this.read += bytes + 9;
      this.onEnd();
      return undefined;
    }
    let status = 0;
    if (count > 0 && names[0] === ':status') status = parseStatus(values[0]);
    if (status < 100) return 'PROTOCOL_ERROR';
    if (status < 200) return endStream ? 'PROTOCOL_ERROR' : undefined; // informational (1xx): the final response follows
    const ex = this.ex;
    this.responded = true;
    this.read += bytes + 9;
    if (!this.sentReported) { this.sentReported = true; ex.sent(); }
    ex.firstByte();
    const keep = ex.readBody;
    const raw: string[] | undefined = keep ? [] : undefined;
    let serverTiming: string[] | undefined;
    let notable: NotableHeaders | undefined;
    let length = -1;
    for (let i = 1; i < count; i++) {
      const n = names[i];
      const v = values[i];
      if (n.charCodeAt(0) === 58) return 'PROTOCOL_ERROR'; // a pseudo-header after a regular field, or a second :status
      if (raw) raw.push(n, v);
      switch (n) {
        case 'content-length': length = Number(v); break;
        case 'server-timing': (serverTiming ??= []).push(v); break;
        case 'location': notable ??= {}; notable.location ??= v; break;
        case 'set-cookie': notable ??= {}; (notable.setCookie ??= []).push(v); break;
        case 'content-encoding': notable ??= {}; notable.contentEncoding = notable.contentEncoding === undefined ? v : `${notable.contentEncoding}, ${v}`; break;
      }
    }
    if (length >= 0 && ex.method !== 'HEAD' && status !== 204 && status !== 304) this.expected = Number.isSafeInteger(length) ? length : -2;
    ex.response(status, raw, serverTiming, notable);
    if (endStream) this.onEnd();
    return undefined;
  }

  /** DATA payload buf[start, end) for this stream (`shared`: buf is reused after this call). */
  onData(buf: Buffer, start: number, end: number, shared: boolean, endStream: boolean): void {
    if (this.done) return;
    const n = end - start;
    this.read += n;
    this.received += n;
    if (n > 0 && this.ex.readBody) this.ex.bodyChunk(shared ? Buffer.from(buf.subarray(start, end)) : buf.subarray(start, end));
    if (endStream) this.onEnd();
  }

  /** Whether a HEADERS or DATA frame is allowed now (DATA only after the response head). */
  get hasResponse(): boolean {
    return this.responded;
  }

  /** END_STREAM received: the response is complete (or malformed, when content-length disagrees). */
  private onEnd(): void {
    if (this.done) return;
    if (this.expected !== -1 && this.expected !== this.received) return this.end(H2_ERRORS.protocol, ErrorCode.PROTOCOL_ERROR);
    this.done = true;
    this.deadline = 0;
    const ex = this.ex;
    ex.conn = undefined;
    // A response that ended before our request did: the rest of the request is not sent (RFC 9113 8.1).
    this.owner.streamClosed(this, this.localEnded ? -1 : ErrorCode.CANCEL);
    ex.complete(this.written, this.read);
  }

  /** The server reset the stream with `code`. */
  onReset(code: number): void {
    if (this.done) return;
    const own = this.owner.sessionCode();
    // A reset of the stream itself names its code; a stream ended for its session's sake takes the session's cause.
    const name = own !== undefined && (code === ErrorCode.NO_ERROR || code === ErrorCode.CANCEL || code === ErrorCode.REFUSED_STREAM)
      ? own
      : code !== ErrorCode.NO_ERROR ? rstStreamCode(code) : own ?? CLIENT_ERRORS.closed;
    this.closeWith(name, -1);
  }

  /** The session ended (or its GOAWAY left this stream unprocessed) with `code`; nothing more is sent on it. */
  sessionEnded(code: string): void {
    if (this.done) return;
    this.closeWith(code, -1);
  }

  /** Ends with `code`, sent again instead when nothing of the response came and the session allows it. */
  private closeWith(code: string, rst: number): void {
    if (!this.responded && this.read === 0 && this.owner.mayRetry(this, code)) {
      this.done = true;
      this.deadline = 0;
      this.ex.conn = undefined;
      this.owner.streamClosed(this, rst);
      return;
    }
    this.end(code, rst);
  }

  /** Ends the exchange with `code` (once); `rst`: the RST_STREAM code to send (-1: none, the stream is closed on the wire). */
  end(code: string, rst: number = ErrorCode.CANCEL): void {
    if (this.done) return;
    this.done = true;
    this.deadline = 0;
    const ex = this.ex;
    ex.conn = undefined;
    this.owner.streamClosed(this, rst);
    ex.failed(code, this.written, this.read);
  }

  /** Aborts `ex` if this stream carries it (the Exchange's `conn`). */
  abort(ex: Exchange): void {
    if (ex === this.ex) this.end(CLIENT_ERRORS.aborted);
  }

  /** Called by the sweep when `deadline` passed. */
  timedOut(): void {
    this.end(CLIENT_ERRORS.timeout);
  }
}

/** A :status value: three digits, else 0. */
function parseStatus(v: string): number {
  if (v.length !== 3) return 0;
  const a = v.charCodeAt(0) - 48;
  const b = v.charCodeAt(1) - 48;
  const c = v.charCodeAt(2) - 48;
  if (a < 1 || a > 9 || b < 0 || b > 9 || c < 0 || c > 9) return 0;
  return a * 100 + b * 10 + c;
}
