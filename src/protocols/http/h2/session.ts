// One HTTP/2 connection (session) of a pool, loadcert's own client side of RFC 9113 on a net or TLS socket:
// connects (or takes over a negotiated socket), sends the preface with SETTINGS (no push, the largest
// stream window) and one connection WINDOW_UPDATE, learns the peer's SETTINGS, then carries up to its
// maxConcurrentStreams streams at once. Frames are parsed straight out of the socket's Buffers
// (frames.ts) and written in one batch per tick (frame-writer.ts).
//
// Call order towards the owner: ready (once, when streams may start; again when a slot frees) ->
// draining? (GOAWAY received, or stream ids exhausted) -> gone (once; with the connect's error code when
// it never became ready).
//
// Errors a stream may end with (codes in errors.ts and ../h1/exchange.ts):
//   LC_H2_GOAWAY               GOAWAY received and the stream did not complete (unprocessed idempotent ones are sent again once)
//   LC_H2_RST_STREAM:<NAME>    the server reset the stream
//   LC_H2_FLOW_CONTROL         the server broke flow control (connection-wide: the session is torn down after our GOAWAY)
//   LC_H2_PROTOCOL             the server broke the protocol (bad frame, frame size, header compression, malformed response)
//   LC_H2_SESSION:ENHANCE_YOUR_CALM  a response header block over MAX_LIST_BYTES (the session is torn down)
//   LC_HTTP_CLOSED             the connection closed without GOAWAY (a request on a reused session is sent again once)
//   LC_HTTP_TIMEOUT, aborted   the stream's own timeout, loadcert's stop (RST_STREAM CANCEL sent)
//   a socket or TLS code       the socket failed (e.g. ECONNRESET, ERR_SSL_TLSV13_ALERT_CERTIFICATE_REQUIRED)
import type { Socket } from 'node:net';
import { IDEMPOTENT } from '../h1/connection.ts';
import { CLIENT_ERRORS, type Exchange } from '../h1/exchange.ts';
import { openSocket, type OpenedSocket, type PendingSocket, type SocketTarget } from '../connect.ts';
import type { ClientTls } from '../tls-context.ts';
import { H2_ERRORS } from './errors.ts';
import { FrameReader, FrameType, Flag, Setting, ErrorCode, PREFACE, FRAME_HEADER, DEFAULT_MAX_FRAME, MAX_MAX_FRAME, MAX_WINDOW, DEFAULT_WINDOW, fixedLength, writeFrameHeader, type FrameSink } from './frames.ts';
import { FrameWriter } from './frame-writer.ts';
import { HpackDecoder, MAX_LIST_BYTES } from './hpack.ts';
import { HpackEncoder } from './hpack-encoder.ts';
import { encodeRequest, requestRoom, lastFieldBytes } from './request-headers.ts';
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

/** The largest stream id (2^31 - 1). */
const MAX_STREAM_ID = 0x7fffffff;
/** Received bytes after which a WINDOW_UPDATE gives them back (half the window we announce). */
const WINDOW_REFILL = 0x40000000;
/** Streams per session at most, whatever the peer allows (a stream table of 1,000 is plenty for a load client). */
const STREAM_CAP = 1000;
/** Our SETTINGS: no server push, the largest initial stream window. */
const OUR_SETTINGS = [Setting.ENABLE_PUSH, 0, Setting.INITIAL_WINDOW_SIZE, MAX_WINDOW];

/** A pool's session; its socket's frames drive its streams' exchanges. */
export class H2Session implements StreamOwner, FrameSink {
  private socket: Socket | undefined;
  private pending: PendingSocket | undefined;
  private readonly reader = new FrameReader(this);
  private writer: FrameWriter | undefined;
  private readonly decoder = new HpackDecoder();
  private readonly encoder = new HpackEncoder();
  private readonly streams = new Map<number, H2Stream>();
  /** Streams open (started and not closed). */
  active = 0;
  /** The peer's SETTINGS_MAX_CONCURRENT_STREAMS, capped (unknown until its first SETTINGS: 0). */
  maxStreams = 0;
  private peerMaxStreams = STREAM_CAP;
  isReady = false;
  /** No new streams: GOAWAY came, ids ran out, or it failed. */
  closing = false;
  /** The socket is gone (or never came); the owner was told. */
  private dead = false;
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
  private nextId = 1;
  private peerInitialWindow = DEFAULT_WINDOW;
  private peerMaxFrame = DEFAULT_MAX_FRAME;
  /** Connection send window (ours towards the peer) and receive window (the peer's towards us). */
  private sendWindow = DEFAULT_WINDOW;
  private recvWindow = MAX_WINDOW;
  private recvUnacked = 0;
  /** A header block continued by CONTINUATION frames: its stream (0: none), END_STREAM, bytes so far. */
  private contId = 0;
  private contEnd = false;
  private contBuf: Buffer | undefined;
  private contLen = 0;
  /** Streams whose request ended in the batch not yet handed to the socket (ex.sent() at the write). */
  private sentWaiting: H2Stream[] = [];
  /** Streams whose body waits for send window. */
  private blocked: H2Stream[] = [];

  constructor(private readonly owner: SessionOwner, target: SocketTarget, authority: string, connectTimeoutMs: number, tls: ClientTls, adopted?: OpenedSocket) {
    this.scheme = target.tls ? 'https' : 'http';
    this.authority = authority;
    // Until the peer's first SETTINGS (a server that completes TLS and then says nothing must not hold requests forever).
    this.deadline = performance.now() + connectTimeoutMs;
    if (adopted) { this.attach(adopted); return; }
    this.pending = openSocket(target, ['h2'], tls, connectTimeoutMs, (err, opened) => {
      this.pending = undefined;
      if (err !== undefined) return this.fail(err);
      if (target.tls && opened!.alpn !== 'h2') { opened!.socket.destroy(); return this.fail(H2_ERRORS.notNegotiated); }
      this.attach(opened!);
    });
  }

  private attach(o: OpenedSocket): void {
    if (this.dead) { o.socket.destroy(); return; }
    this.connectMs = o.connectMs;
    this.tlsMs = o.tlsMs;
    const s = (this.socket = o.socket);
    const w = (this.writer = new FrameWriter((chunk) => this.write(chunk)));
    const b = w.reserve(PREFACE.length);
    w.commit(PREFACE.copy(b, w.end));
    w.settings(OUR_SETTINGS, false);
    w.windowUpdate(0, MAX_WINDOW - DEFAULT_WINDOW);
    s.on('data', (d: Buffer) => this.onBytes(d));
    // A socket error (a TLS alert after the handshake, a reset) ends the session with the socket's code.
    s.on('error', (e: NodeJS.ErrnoException) => this.fail(e.code || e.name || 'Error'));
    s.on('close', () => this.teardown(this.errCode ?? (this.goawayLast >= 0 ? H2_ERRORS.goaway : CLIENT_ERRORS.closed)));
    s.on('drain', () => this.reportSent());
  }

  private write(chunk: Buffer): void {
    const s = this.socket;
    if (!s || this.dead || s.writableEnded) return;
    if (s.write(chunk) && this.sentWaiting.length > 0) this.reportSent(); // else at 'drain'
  }

  private reportSent(): void {
    const list = this.sentWaiting;
    if (list.length === 0) return;
    this.sentWaiting = [];
    for (const st of list) if (!st.sentReported) { st.sentReported = true; st.ex.sent(); }
  }

  private onBytes(d: Buffer): void {
    if (this.dead) return;
    if (!this.reader.feed(d, 0, d.length) && this.reader.error !== undefined) this.connectionError(ErrorCode.FRAME_SIZE_ERROR);
  }

  /** Room for another stream now. */
  get free(): boolean {
    return this.isReady && !this.closing && this.active < this.maxStreams;
  }

  /** Starts `ex` as a stream (the pool checked `free`). */
  start(ex: Exchange): void {
    const st = new H2Stream(this, ex);
    const id = this.nextId;
    this.nextId += 2;
    this.streams.set(id, st);
    this.active++;
    this.served++;
    const connectMs = this.connectMs;
    const tlsMs = this.tlsMs;
    this.connectMs = 0;
    this.tlsMs = 0;
    const at = performance.now();
    ex.written(connectMs, at, tlsMs, 'HTTP/2.0');
    const endStream = ex.bodyBytes === 0;
    this.writeHeaders(id, ex, endStream);
    const bodyBytes = ex.bodyBytes;
    st.open(id, this.peerInitialWindow, MAX_WINDOW, lastFieldBytes + FRAME_HEADER + bodyBytes + (bodyBytes > 0 ? FRAME_HEADER : 0), at + ex.timeoutMs - connectMs - tlsMs);
    if (endStream) {
      st.localEnded = true;
      this.sentWaiting.push(st);
    } else {
      const body = ex.body!;
      st.body = typeof body === 'string' ? Buffer.from(body, 'utf8') : body;
      this.sendBody(st);
    }
    this.writer!.streamWritten();
    if (this.nextId > MAX_STREAM_ID && !this.closing) {
      // Stream ids ran out: this session takes no more (a new one is opened for what waits).
      this.closing = true;
      this.owner.draining(this);
    }
  }

  /** Writes the request's HEADERS (and CONTINUATIONs when the block exceeds the peer's frame size). */
  private writeHeaders(id: number, ex: Exchange, endStream: boolean): void {
    const w = this.writer!;
    const room = requestRoom(ex.method, ex.path, ex.headers, this.authority);
    const b = w.reserve(FRAME_HEADER + room);
    const at = w.end + FRAME_HEADER;
    const len = encodeRequest(b, at, this.encoder, ex.method, ex.path, ex.headers, this.scheme, this.authority, ex.bodyBytes) - at;
    const es = endStream ? Flag.END_STREAM : 0;
    if (len <= this.peerMaxFrame) {
      writeFrameHeader(b, w.end, len, FrameType.HEADERS, es | Flag.END_HEADERS, id);
      w.commit(FRAME_HEADER + len);
      return;
    }
    const block = Buffer.from(b.subarray(at, at + len));
    let off = 0;
    while (off < len) {
      const n = Math.min(len - off, this.peerMaxFrame);
      const last = off + n === len;
      w.frame(off === 0 ? FrameType.HEADERS : FrameType.CONTINUATION, (off === 0 ? es : 0) | (last ? Flag.END_HEADERS : 0), id, block, off, off + n);
      off += n;
    }
  }

  /** Sends as much of `st`'s body as the windows allow; the rest waits for WINDOW_UPDATE. */
  private sendBody(st: H2Stream): void {
    const body = st.body!;
    const w = this.writer!;
    while (st.bodyOff < body.length) {
      const n = Math.min(body.length - st.bodyOff, this.peerMaxFrame, st.sendWindow, this.sendWindow);
      if (n <= 0) {
        if (!this.blocked.includes(st)) this.blocked.push(st);
        return;
      }
      const last = st.bodyOff + n === body.length;
      w.frame(FrameType.DATA, last ? Flag.END_STREAM : 0, st.id, body, st.bodyOff, st.bodyOff + n);
      st.bodyOff += n;
      st.sendWindow -= n;
      this.sendWindow -= n;
    }
    st.body = undefined;
    st.localEnded = true;
    this.sentWaiting.push(st);
  }

  private resumeBodies(): void {
    if (this.blocked.length === 0) return;
    const list = this.blocked;
    this.blocked = [];
    for (const st of list) if (st.body !== undefined && this.streams.get(st.id) === st) this.sendBody(st);
  }

  // ---- frames from the server ----

  onFrame(type: number, flags: number, id: number, buf: Buffer, start: number, len: number, shared: boolean): boolean {
    if (this.dead) return false;
    if (this.contId !== 0 && type !== FrameType.CONTINUATION) return this.connectionError(ErrorCode.PROTOCOL_ERROR);
    const fixed = fixedLength(type);
    if (fixed >= 0 && len !== fixed) return this.connectionError(ErrorCode.FRAME_SIZE_ERROR);
    switch (type) {
      case FrameType.DATA: return this.onDataFrame(flags, id, buf, start, len, shared);
      case FrameType.HEADERS: return this.onHeadersFrame(flags, id, buf, start, len);
      case FrameType.CONTINUATION: return this.onContinuation(flags, id, buf, start, len);
      case FrameType.PRIORITY: return id === 0 ? this.connectionError(ErrorCode.PROTOCOL_ERROR) : true;
      case FrameType.RST_STREAM: {
        if (id === 0) return this.connectionError(ErrorCode.PROTOCOL_ERROR);
        const st = this.streams.get(id);
        if (st) st.onReset(buf.readUInt32BE(start));
        else if (id >= this.nextId) return this.connectionError(ErrorCode.PROTOCOL_ERROR);
        return true;
      }
      case FrameType.SETTINGS: return this.onSettings(flags, id, buf, start, len);
      case FrameType.PUSH_PROMISE: return this.connectionError(ErrorCode.PROTOCOL_ERROR); // we disabled push
      case FrameType.PING:
        if (id !== 0) return this.connectionError(ErrorCode.PROTOCOL_ERROR);
        if ((flags & Flag.ACK) === 0) this.writer!.frame(FrameType.PING, Flag.ACK, 0, buf, start, start + 8);
        return true;
      case FrameType.GOAWAY:
        if (id !== 0) return this.connectionError(ErrorCode.PROTOCOL_ERROR);
        if (len < 8) return this.connectionError(ErrorCode.FRAME_SIZE_ERROR);
        this.onGoaway(buf.readUInt32BE(start + 4), buf.readUInt32BE(start) & 0x7fffffff);
        return !this.dead;
      case FrameType.WINDOW_UPDATE: return this.onWindowUpdate(id, buf.readUInt32BE(start) & 0x7fffffff);
      default: return true; // unknown frame types are ignored (RFC 9113 4.1)
    }
  }

  private onDataFrame(flags: number, id: number, buf: Buffer, start: number, len: number, shared: boolean): boolean {
    if (id === 0) return this.connectionError(ErrorCode.PROTOCOL_ERROR);
    let s = start;
    let e = start + len;
    if (flags & Flag.PADDED) {
      if (len < 1) return this.connectionError(ErrorCode.FRAME_SIZE_ERROR);
      const pad = buf[s++];
      if (pad >= len) return this.connectionError(ErrorCode.PROTOCOL_ERROR);
      e -= pad;
    }
    // The whole payload (padding included) counts against both windows, whatever the stream's state.
    this.recvWindow -= len;
    if (this.recvWindow < 0) return this.connectionError(ErrorCode.FLOW_CONTROL_ERROR);
    this.recvUnacked += len;
    if (this.recvUnacked >= WINDOW_REFILL) {
      this.writer!.windowUpdate(0, this.recvUnacked);
      this.recvWindow += this.recvUnacked;
      this.recvUnacked = 0;
    }
    const st = this.streams.get(id);
    if (!st) return id < this.nextId || this.connectionError(ErrorCode.PROTOCOL_ERROR); // a stream we closed: ignored
    if (!st.hasResponse) { st.end(H2_ERRORS.protocol, ErrorCode.PROTOCOL_ERROR); return true; }
    st.recvWindow -= len;
    if (st.recvWindow < 0) { st.end(H2_ERRORS.flowControl, ErrorCode.FLOW_CONTROL_ERROR); return true; }
    const endStream = (flags & Flag.END_STREAM) !== 0;
    st.recvUnacked += len;
    if (st.recvUnacked >= WINDOW_REFILL && !endStream) {
      this.writer!.windowUpdate(id, st.recvUnacked);
      st.recvWindow += st.recvUnacked;
      st.recvUnacked = 0;
    }
    st.onData(buf, s, e, shared, endStream);
    return true;
  }

  private onHeadersFrame(flags: number, id: number, buf: Buffer, start: number, len: number): boolean {
    if (id === 0 || (id & 1) === 0) return this.connectionError(ErrorCode.PROTOCOL_ERROR);
    let s = start;
    let e = start + len;
    if (flags & Flag.PADDED) {
      if (len < 1) return this.connectionError(ErrorCode.FRAME_SIZE_ERROR);
      const pad = buf[s++];
      if (pad > e - s) return this.connectionError(ErrorCode.PROTOCOL_ERROR);
      e -= pad;
    }
    if (flags & Flag.PRIORITY) {
      s += 5;
      if (s > e) return this.connectionError(ErrorCode.FRAME_SIZE_ERROR);
    }
    const endStream = (flags & Flag.END_STREAM) !== 0;
    if (flags & Flag.END_HEADERS) return this.headerBlock(id, buf, s, e, endStream);
    this.contId = id;
    this.contEnd = endStream;
    this.contLen = 0;
    return this.appendBlock(buf, s, e);
  }

  private onContinuation(flags: number, id: number, buf: Buffer, start: number, len: number): boolean {
    if (this.contId === 0 || id !== this.contId) return this.connectionError(ErrorCode.PROTOCOL_ERROR);
    if (!this.appendBlock(buf, start, start + len)) return false;
    if ((flags & Flag.END_HEADERS) === 0) return true;
    this.contId = 0;
    return this.headerBlock(id, this.contBuf!, 0, this.contLen, this.contEnd);
  }

  private appendBlock(buf: Buffer, s: number, e: number): boolean {
    const need = this.contLen + (e - s);
    if (need > MAX_LIST_BYTES) return this.connectionError(ErrorCode.ENHANCE_YOUR_CALM);
    if (!this.contBuf || this.contBuf.length < need) {
      const next = Buffer.allocUnsafe(Math.max(need, 2 * (this.contBuf?.length ?? 8192)));
      if (this.contBuf) this.contBuf.copy(next, 0, 0, this.contLen);
      this.contBuf = next;
    }
    buf.copy(this.contBuf, this.contLen, s, e);
    this.contLen = need;
    return true;
  }

  /** A whole header block: decoded whatever its stream's state (the dynamic table is the connection's). */
  private headerBlock(id: number, buf: Buffer, s: number, e: number, endStream: boolean): boolean {
    const d = this.decoder;
    if (!d.decode(buf, s, e)) return this.connectionError(d.error === 'ENHANCE_YOUR_CALM' ? ErrorCode.ENHANCE_YOUR_CALM : ErrorCode.COMPRESSION_ERROR);
    const st = this.streams.get(id);
    if (!st) return id < this.nextId || this.connectionError(ErrorCode.PROTOCOL_ERROR);
    if (st.onHeaders(d.names, d.values, d.count, d.bytes, endStream) !== undefined) st.end(H2_ERRORS.protocol, ErrorCode.PROTOCOL_ERROR);
    return true;
  }

  private onSettings(flags: number, id: number, buf: Buffer, start: number, len: number): boolean {
    if (id !== 0) return this.connectionError(ErrorCode.PROTOCOL_ERROR);
    if (flags & Flag.ACK) return len === 0 || this.connectionError(ErrorCode.FRAME_SIZE_ERROR);
    if (len % 6 !== 0) return this.connectionError(ErrorCode.FRAME_SIZE_ERROR);
    let grew = false;
    for (let p = start; p < start + len; p += 6) {
      const v = buf.readUInt32BE(p + 2);
      switch (buf.readUInt16BE(p)) {
        case Setting.ENABLE_PUSH: if (v > 1) return this.connectionError(ErrorCode.PROTOCOL_ERROR); break;
        case Setting.MAX_CONCURRENT_STREAMS: this.peerMaxStreams = Math.min(v, STREAM_CAP); break;
        case Setting.INITIAL_WINDOW_SIZE: {
          if (v > MAX_WINDOW) return this.connectionError(ErrorCode.FLOW_CONTROL_ERROR);
          const delta = v - this.peerInitialWindow;
          this.peerInitialWindow = v;
          for (const st of this.streams.values()) {
            st.sendWindow += delta;
            if (st.sendWindow > MAX_WINDOW) return this.connectionError(ErrorCode.FLOW_CONTROL_ERROR);
          }
          if (delta > 0) grew = true;
          break;
        }
        case Setting.MAX_FRAME_SIZE:
          if (v < DEFAULT_MAX_FRAME || v > MAX_MAX_FRAME) return this.connectionError(ErrorCode.PROTOCOL_ERROR);
          this.peerMaxFrame = v;
          break;
        case Setting.HEADER_TABLE_SIZE: this.encoder.setPeerTableSize(v); break;
        default: break; // MAX_HEADER_LIST_SIZE: advisory; unknown: ignored
      }
    }
    this.writer!.settings([], true);
    this.maxStreams = this.peerMaxStreams;
    const first = !this.isReady;
    this.isReady = true;
    this.deadline = 0;
    if (grew) this.resumeBodies();
    if ((first || this.active < this.maxStreams) && !this.dead) this.owner.ready(this);
    return !this.dead;
  }

  private onWindowUpdate(id: number, inc: number): boolean {
    if (id === 0) {
      if (inc === 0) return this.connectionError(ErrorCode.PROTOCOL_ERROR);
      this.sendWindow += inc;
      if (this.sendWindow > MAX_WINDOW) return this.connectionError(ErrorCode.FLOW_CONTROL_ERROR);
      this.resumeBodies();
      return true;
    }
    const st = this.streams.get(id);
    if (!st) return id < this.nextId || this.connectionError(ErrorCode.PROTOCOL_ERROR);
    if (inc === 0) { st.end(H2_ERRORS.protocol, ErrorCode.PROTOCOL_ERROR); return true; }
    st.sendWindow += inc;
    if (st.sendWindow > MAX_WINDOW) { st.end(H2_ERRORS.flowControl, ErrorCode.FLOW_CONTROL_ERROR); return true; }
    if (st.body !== undefined) this.resumeBodies();
    return true;
  }

  private onGoaway(code: number, last: number): void {
    this.goawayLast = this.goawayLast < 0 ? last : Math.min(this.goawayLast, last);
    if (code !== ErrorCode.NO_ERROR) this.errCode ??= H2_ERRORS.goaway;
    if (!this.closing) { this.closing = true; this.owner.draining(this); }
    // Streams above the last stream id were not processed (RFC 9113 6.8): they end now (sent again once if idempotent).
    for (const [id, st] of this.streams) if (id > this.goawayLast) st.sessionEnded(this.errCode ?? H2_ERRORS.goaway);
    if (this.active === 0) this.closeGracefully();
  }

  /** A connection error (RFC 9113 5.4.1): GOAWAY with `rfc`, then the session ends with its code. */
  private connectionError(rfc: number): false {
    if (this.dead) return false;
    const code = rfc === ErrorCode.FLOW_CONTROL_ERROR ? H2_ERRORS.flowControl
      : rfc === ErrorCode.ENHANCE_YOUR_CALM ? `${H2_ERRORS.session}:ENHANCE_YOUR_CALM` : H2_ERRORS.protocol;
    this.errCode ??= code;
    const w = this.writer!;
    w.goaway(0, rfc);
    w.flush();
    this.teardown(code);
    return false;
  }

  // ---- stream owner ----

  streamClosed(st: H2Stream, rst: number): void {
    if (this.streams.get(st.id) !== st) return;
    this.streams.delete(st.id);
    this.active--;
    st.body = undefined;
    if (this.dead) return;
    if (rst >= 0) this.writer!.rstStream(st.id, rst);
    if (!this.closing) this.owner.ready(this);
    else if (this.active === 0) this.closeGracefully();
  }

  mayRetry(st: H2Stream, code: string): boolean {
    const ex = st.ex;
    if (ex.retried || !IDEMPOTENT.has(ex.method)) return false;
    // Streams above the GOAWAY's last stream id were not processed (RFC 9113 6.8): sent again once, as a
    // request on a keep-alive connection the server closed while idle is.
    const unprocessed = this.goawayLast >= 0 && st.id > this.goawayLast;
    if (!unprocessed && !(code === CLIENT_ERRORS.closed && this.served > 1 && this.goawayLast < 0 && this.errCode === undefined)) return false;
    ex.retried = true;
    queueMicrotask(() => this.owner.retry(ex));
    return true;
  }

  sessionCode(): string | undefined {
    if (this.errCode !== undefined) return this.errCode;
    if (this.goawayLast >= 0) return H2_ERRORS.goaway;
    // Closed without an error or a GOAWAY: the server (or the network) dropped the connection.
    return this.dead ? CLIENT_ERRORS.closed : undefined;
  }

  /** Times out the streams whose deadline passed, or the session's connect. */
  sweep(now: number): void {
    if (this.deadline && now > this.deadline) return this.fail(CLIENT_ERRORS.connectTimeout);
    for (const st of this.streams.values()) if (st.deadline && now > st.deadline) st.timedOut();
  }

  /** ref()s (holds the process open) or unref()s the session's socket. */
  hold(yes: boolean): void {
    if (yes) this.socket?.ref();
    else this.socket?.unref();
  }

  /** Fails every stream with `code` and closes the session. */
  fail(code: string): void {
    this.errCode ??= code;
    this.teardown(code);
  }

  /** No stream left on a session that takes no more: GOAWAY(NO_ERROR) and the end of our side; 'close' follows. */
  private closeGracefully(): void {
    if (this.dead || !this.socket || this.socket.writableEnded) return;
    const w = this.writer!;
    w.goaway(0, ErrorCode.NO_ERROR);
    w.flush();
    this.socket.end();
  }

  /** The session is over: every stream ends with `code` (or is sent again), the socket is destroyed, the owner told once. */
  private teardown(code: string): void {
    if (this.dead) return;
    this.dead = true;
    this.closing = true;
    this.deadline = 0;
    this.writer?.close();
    this.pending?.cancel();
    this.pending = undefined;
    this.socket?.destroy();
    for (const st of this.streams.values()) st.sessionEnded(code);
    this.blocked = [];
    this.sentWaiting = [];
    this.owner.gone(this, this.isReady ? undefined : code);
  }
}
