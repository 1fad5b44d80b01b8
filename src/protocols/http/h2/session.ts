// One HTTP/2 connection (session) of a pool: connects (or takes over a negotiated socket), learns the
// peer's SETTINGS, then carries up to its maxConcurrentStreams streams at once.
//
// Call order towards the owner: ready (once, when streams may start) -> streamDone* -> draining? -> gone
// (once; with the connect's error code when it never became ready).
import { connect as h2Connect, type ClientHttp2Session, type Settings } from 'node:http2';
import { IDEMPOTENT } from '../h1/connection.ts';
import type { Exchange } from '../h1/exchange.ts';
import { openSocket, type OpenedSocket, type PendingSocket, type SocketTarget } from '../connect.ts';
import type { ClientTls } from '../tls-context.ts';
import { H2_ERRORS, sessionErrorCode } from './errors.ts';
import { h2RequestHeaders } from './request-headers.ts';
import { H2Stream, type StreamOwner } from './stream.ts';

/** What a session tells its pool. */
export interface SessionOwner {
  /** The session can take streams (first SETTINGS received), or took more (its limit rose, a stream closed). */
  ready(s: H2Session): void;
  /** The session takes no new streams (GOAWAY received); its open streams go on. */
  draining(s: H2Session): void;
  /** The session is gone; `failedConnect` with the code when it never became ready. */
  gone(s: H2Session, failedConnect: string | undefined): void;
  /** Sends `ex` again (once) after the server refused its stream unprocessed (GOAWAY). */
  retry(ex: Exchange): void;
}

/** A pool's session; its streams' events drive their exchanges. */
export class H2Session implements StreamOwner {
  private session: ClientHttp2Session | undefined;
  private pending: PendingSocket | undefined;
  private readonly streams = new Set<H2Stream>();
  /** Streams open (started and not closed). */
  active = 0;
  /** The peer's SETTINGS_MAX_CONCURRENT_STREAMS (unknown until its first SETTINGS: 0). */
  maxStreams = 0;
  isReady = false;
  /** No new streams: GOAWAY came, or it failed. */
  closing = false;
  private gone = false;
  /** TCP connect and TLS handshake times, reported with the first stream only. */
  private connectMs = 0;
  private tlsMs = 0;
  private served = 0;
  private goawayLast = -1;
  private errCode: string | undefined;
  /** performance.now() past which a session still connecting is timed out; 0 = none. */
  deadline = 0;
  private readonly scheme: 'http' | 'https';
  private readonly authority: string;

  constructor(private readonly owner: SessionOwner, target: SocketTarget, authority: string, connectTimeoutMs: number, tls: ClientTls, adopted?: OpenedSocket) {
    this.scheme = target.tls ? 'https' : 'http';
    this.authority = authority;
    // Until the peer's first SETTINGS (a server that completes TLS and then says nothing must not hold requests forever).
    this.deadline = performance.now() + connectTimeoutMs;
    if (adopted) { this.attach(adopted); return; }
    this.pending = openSocket(target, ['h2'], tls, connectTimeoutMs, (err, opened) => {
      this.pending = undefined;
      if (err !== undefined) return this.finish(err);
      if (target.tls && opened!.alpn !== 'h2') { opened!.socket.destroy(); return this.finish(H2_ERRORS.notNegotiated); }
      this.attach(opened!);
    });
  }

  private attach(o: OpenedSocket): void {
    this.connectMs = o.connectMs;
    this.tlsMs = o.tlsMs;
    const sess = h2Connect(`${this.scheme}://${this.authority}`, { createConnection: () => o.socket });
    this.session = sess;
    sess.on('remoteSettings', (st: Settings) => this.onSettings(st));
    sess.on('goaway', (code: number, last: number) => this.onGoaway(code, last));
    sess.on('error', (e: NodeJS.ErrnoException) => { this.errCode ??= sessionErrorCode(e); });
    // A socket error (a TLS alert after the handshake, a reset) reaches the streams but does not end the
    // session by itself: end it, with the socket's code as the cause.
    o.socket.on('error', (e: NodeJS.ErrnoException) => {
      this.fail(e.code || e.name || 'Error');
      o.socket.destroy();
    });
    sess.on('close', () => this.finish(this.errCode ?? (this.goawayLast >= 0 ? H2_ERRORS.goaway : undefined)));
  }

  private onSettings(st: Settings): void {
    // Absent = unlimited (RFC 9113 6.5.2); a stream table of 1,000 per session is plenty for a load client.
    this.maxStreams = Math.min(st.maxConcurrentStreams ?? 1000, 1000);
    const first = !this.isReady;
    this.isReady = true;
    this.deadline = 0;
    if (first || this.active < this.maxStreams) this.owner.ready(this);
  }

  private onGoaway(code: number, last: number): void {
    this.goawayLast = last;
    if (code !== 0) this.errCode ??= H2_ERRORS.goaway;
    if (!this.closing) { this.closing = true; this.owner.draining(this); }
  }

  /** Room for another stream now. */
  get free(): boolean {
    return this.isReady && !this.closing && this.active < this.maxStreams;
  }

  /** Starts `ex` as a stream (the pool checked `free`). */
  start(ex: Exchange): void {
    const st = new H2Stream(this, ex);
    this.streams.add(st);
    this.active++;
    this.served++;
    const connectMs = this.connectMs;
    const tlsMs = this.tlsMs;
    this.connectMs = 0;
    this.tlsMs = 0;
    const at = performance.now();
    ex.written(connectMs, at, tlsMs, 'HTTP/2.0');
    const fields = h2RequestHeaders(ex.method, ex.path, ex.headers, this.scheme, this.authority, ex.bodyBytes);
    const sess = this.session!;
    st.start((h, o) => sess.request(h, o), fields, at, ex.timeoutMs - connectMs - tlsMs);
  }

  streamClosed(st: H2Stream): void {
    if (!this.streams.delete(st)) return;
    this.active--;
    if (!this.gone && !this.closing) this.owner.ready(this);
    else if (this.closing && this.active === 0 && this.session && !this.session.closed) this.session.close();
  }

  mayRetry(st: H2Stream, code: string): boolean {
    const ex = st.ex;
    if (ex.retried || !IDEMPOTENT.has(ex.method)) return false;
    // Streams above the GOAWAY's last stream id were not processed (RFC 9113 6.8): sent again once, as a
    // request on a keep-alive connection the server closed while idle is.
    const id = st.id;
    const unprocessed = this.goawayLast >= 0 && (id === undefined || id > this.goawayLast);
    if (!unprocessed && !(code !== H2_ERRORS.goaway && this.served > 1 && this.goawayLast < 0 && this.errCode === undefined && code === 'LC_HTTP_CLOSED')) return false;
    ex.retried = true;
    queueMicrotask(() => this.owner.retry(ex));
    return true;
  }

  sessionCode(): string | undefined {
    if (this.errCode !== undefined) return this.errCode;
    if (this.goawayLast >= 0) return H2_ERRORS.goaway;
    // Closed without an error or a GOAWAY: the server (or the network) dropped the connection.
    return this.gone || this.session?.destroyed || this.session?.closed ? 'LC_HTTP_CLOSED' : undefined;
  }

  /** Times out the streams whose deadline passed, or the session's connect. */
  sweep(now: number): void {
    if (this.deadline && now > this.deadline) return this.fail('LC_HTTP_CONNECT_TIMEOUT');
    for (const st of this.streams) if (st.deadline && now > st.deadline) st.timedOut();
  }

  /** ref()s (holds the process open) or unref()s the session. */
  hold(yes: boolean): void {
    if (yes) this.session?.ref();
    else this.session?.unref();
  }

  /** Fails every stream with `code` and closes the session. */
  fail(code: string): void {
    this.errCode ??= code;
    this.closing = true;
    for (const st of [...this.streams]) st.end(code);
    this.pending?.cancel();
    this.pending = undefined;
    this.session?.destroy();
    this.finish(code);
  }

  private finish(code: string | undefined): void {
    if (this.gone) return;
    this.gone = true;
    this.closing = true;
    this.deadline = 0;
    this.owner.gone(this, this.isReady ? undefined : code ?? 'LC_HTTP_CLOSED');
  }
}
