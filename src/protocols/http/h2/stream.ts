// One request as an HTTP/2 stream of a session: writes the request's fields (and body), reports the
// response to the Exchange, decides the failure code when the stream ends without a response.
import type { ClientHttp2Stream, IncomingHttpHeaders, IncomingHttpStatusHeader, OutgoingHttpHeaders } from 'node:http2';
import { constants } from 'node:http2';
import { CLIENT_ERRORS, type Exchange } from '../h1/exchange.ts';
import type { NotableHeaders } from '../h1/response-parser.ts';
import { fieldBytes } from './request-headers.ts';
import { H2_ERRORS, NO_ERROR, rstStreamCode } from './errors.ts';

/** What a stream tells its session. */
export interface StreamOwner {
  /** The stream's slot is free again (it closed). */
  streamClosed(st: H2Stream): void;
  /** `ex`'s stream ended without a response in a way that allows sending it again (see H2Session). */
  mayRetry(st: H2Stream, code: string): boolean;
  /** The code for a stream that ended without a response and without a reset of its own (a session error, a GOAWAY). */
  sessionCode(): string | undefined;
}

/** Headers that change what the client layers above do (redirects, cookies, decoding). */
function notableOf(h: IncomingHttpHeaders): NotableHeaders | undefined {
  const location = h.location;
  const setCookie = h['set-cookie'];
  const enc = h['content-encoding'];
  if (location === undefined && setCookie === undefined && enc === undefined) return undefined;
  return { location, setCookie, contentEncoding: enc };
}

/** Raw [name, value, ...] pairs of a response's fields (pseudo-headers left out), as the HTTP/1.1 parser keeps them. */
function rawOf(h: IncomingHttpHeaders): string[] {
  const raw: string[] = [];
  for (const k in h) {
    if (k.charCodeAt(0) === 58) continue; // ':status'
    const v = h[k];
    if (Array.isArray(v)) for (const x of v) raw.push(k, x);
    else if (v !== undefined) raw.push(k, String(v));
  }
  return raw;
}

function serverTimingOf(h: IncomingHttpHeaders): string[] | undefined {
  const v = h['server-timing'];
  return v === undefined ? undefined : Array.isArray(v) ? v : [v];
}

/** A stream in flight; `abort(ex)` is the Exchange's `conn`. */
export class H2Stream {
  private stream: ClientHttp2Stream | undefined;
  private written = 0;
  private read = 0;
  private responded = false;
  private done = false;
  private netCode: string | undefined;
  /** performance.now() past which the session's sweep times it out. */
  deadline = 0;

  constructor(private readonly owner: StreamOwner, readonly ex: Exchange) {}

  /** Opens the stream on `request` (the session's) and writes `fields` and the body; `at` is when it was handed over. */
  start(request: (h: OutgoingHttpHeaders, o: { endStream: boolean }) => ClientHttp2Stream, fields: OutgoingHttpHeaders, at: number, budgetMs: number): void {
    const ex = this.ex;
    ex.conn = this;
    this.written = (fieldBytes(fields) + ex.bodyBytes + (ex.bodyBytes > 0 ? 9 : 0)) * (ex.retried ? 2 : 1);
    this.deadline = at + budgetMs;
    let s: ClientHttp2Stream;
    try {
      s = request(fields, { endStream: ex.bodyBytes === 0 });
    } catch (e) {
      // The session refused synchronously (it is closing, or the fields are invalid for HTTP/2).
      const code = (e as NodeJS.ErrnoException).code ?? 'Error';
      queueMicrotask(() => this.end(code === 'ERR_HTTP2_INVALID_CONNECTION_HEADERS' || code === 'ERR_HTTP2_INVALID_HEADER_VALUE' || code === 'ERR_INVALID_HTTP_TOKEN' ? CLIENT_ERRORS.invalidRequest : this.owner.sessionCode() ?? `${H2_ERRORS.session}:${code}`));
      return;
    }
    this.stream = s;
    if (ex.bodyBytes > 0) s.end(ex.body, () => { if (!this.done) ex.sent(); });
    else ex.sent();
    s.on('response', (h: IncomingHttpHeaders & IncomingHttpStatusHeader) => this.onResponse(h));
    s.on('data', (d: Buffer) => this.onData(d));
    s.on('end', () => this.onEnd());
    // The outcome is decided on 'close'; a network or TLS error (not one of HTTP/2's own) is kept as its cause.
    s.on('error', (e: NodeJS.ErrnoException) => { if (e.code && !e.code.startsWith('ERR_HTTP2_')) this.netCode ??= e.code; });
    s.on('close', () => this.onClose());
  }

  private onResponse(h: IncomingHttpHeaders & IncomingHttpStatusHeader): void {
    if (this.done) return;
    this.responded = true;
    const ex = this.ex;
    this.read += fieldBytes(h);
    ex.firstByte();
    ex.response(Number(h[':status']), ex.readBody ? rawOf(h) : undefined, serverTimingOf(h), notableOf(h));
  }

  private onData(d: Buffer): void {
    if (this.done) return;
    this.read += d.length;
    if (this.ex.readBody) this.ex.bodyChunk(d);
  }

  private onEnd(): void {
    if (this.done || !this.responded) return;
    this.done = true;
    this.deadline = 0;
    this.ex.conn = undefined;
    this.ex.complete(this.written, this.read);
  }

  private onClose(): void {
    const s = this.stream!;
    this.owner.streamClosed(this);
    if (this.done) return;
    if (this.responded && s.rstCode === NO_ERROR && s.readableEnded) return this.onEnd();
    const rst = s.rstCode;
    const own = this.netCode ?? this.owner.sessionCode();
    // A reset of the stream itself names its code; a stream ended by its session takes the session's cause.
    const code = own !== undefined && (this.netCode !== undefined || rst === NO_ERROR || rst === constants.NGHTTP2_CANCEL || rst === constants.NGHTTP2_REFUSED_STREAM)
      ? own
      : rst !== undefined && rst !== NO_ERROR ? rstStreamCode(rst) : own ?? CLIENT_ERRORS.closed;
    if (!this.responded && this.read === 0 && this.owner.mayRetry(this, code)) {
      this.done = true;
      this.deadline = 0;
      this.ex.conn = undefined;
      return;
    }
    this.end(code);
  }

  /** The stream's id (undefined before the session assigned one). */
  get id(): number | undefined {
    return this.stream?.id;
  }

  /** Ends the exchange with `code` (once) and resets the stream if it is still open. */
  end(code: string): void {
    if (this.done) return;
    this.done = true;
    this.deadline = 0;
    const ex = this.ex;
    ex.conn = undefined;
    const s = this.stream;
    if (s && !s.closed) s.close(constants.NGHTTP2_CANCEL);
    else if (!s) this.owner.streamClosed(this);
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
