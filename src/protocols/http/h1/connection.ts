// One keep-alive HTTP/1.1 connection: writes a request, parses its response, reports timings and bytes.
import { connect as netConnect, type OnReadOpts, type Socket } from 'node:net';
import { connect as tlsConnect, type ConnectionOptions } from 'node:tls';
import { ResponseParser, type ParserEvents } from './response-parser.ts';
import { CLIENT_ERRORS, type Exchange } from './exchange.ts';
import { DEFAULT_CLIENT_TLS, tlsConnectOptions, type ClientTls } from '../tls-context.ts';

/** Where a pool connects. */
export interface Origin {
  readonly hostname: string;
  readonly port: number;
  readonly tls: boolean;
}

/** A connected socket handed over by the protocol negotiation (see ../auto-pool.ts), with the times its connect took. */
export interface AdoptedSocket {
  readonly socket: Socket;
  readonly connectMs: number;
  readonly tlsMs: number;
}

/** What a connection tells its pool. */
export interface ConnectionOwner {
  connected(c: H1Connection): void;
  release(c: H1Connection): void;
  /** The connection is gone; `failedConnect` with the code when it never connected. */
  remove(c: H1Connection, failedConnect: string | undefined): void;
  /** Sends `ex` again (once) after its reused connection died before any response byte. */
  retry(ex: Exchange): void;
}

/**
 * The read buffer of every connection this thread opens itself, plain TCP and TLS (net's and tls's
 * `onread`): the kernel's (or OpenSSL's decrypted) bytes land here and are parsed at once, so a read
 * allocates no Buffer and takes no trip through the stream machinery. Shared: reads are handled one at a
 * time, and what outlives a read (a partial head, a body kept for the exec client) is copied.
 */
let readBuffer: Buffer | undefined;
const READ_BUFFER_BYTES = 64 * 1024;

/** Methods RFC 9110 lets a client send again automatically. */
export const IDEMPOTENT = new Set(['GET', 'HEAD', 'OPTIONS', 'TRACE', 'PUT', 'DELETE']);

/** A pool connection; its methods are called by the pool, its socket events drive the exchange it carries. */
export class H1Connection implements ParserEvents {
  private readonly socket: Socket;
  /** Reads land in the shared readBuffer (every socket it opened itself): body views must be copied to be kept. */
  private readonly sharedReads: boolean;
  private readonly parser = new ResponseParser(this);
  private ex: Exchange | undefined;
  /** TCP connect time (DNS lookup excluded) not yet reported with a request (reported once, on the first). */
  private connectMs = 0;
  /** TLS handshake time (TCP connected to secureConnect), reported like connectMs. */
  private tlsMs = 0;
  private connected = false;
  private served = 0;
  private written = 0;
  private read = 0;
  private sentReported = true;
  private errCode: string | undefined;
  private gone = false;
  /** performance.now() past which the pool's sweep times this connection out; 0 = no deadline. */
  deadline = 0;
  /** performance.now() past which the server may have closed it while idle (from Keep-Alive: timeout). */
  idleUntil = Infinity;
  /** The pool's event-loop turn (see turn.ts) when it was last released; -1 before, and while its pool records no turns (H1Pool.tracking). */
  releasedTurn = -1;

  /** Connects to `origin`, or takes over the connected socket `adopted` (then the pool calls `connected` itself). */
  constructor(private readonly owner: ConnectionOwner, origin: Origin, connectTimeoutMs: number, tls: ClientTls = DEFAULT_CLIENT_TLS, adopted?: AdoptedSocket) {
    if (adopted) {
      const s = (this.socket = adopted.socket);
      this.connectMs = adopted.connectMs;
      this.tlsMs = adopted.tlsMs;
      this.connected = true;
      this.sharedReads = false; // an adopted socket is a negotiated TLS one: its reads come as 'data'
      this.listen(s, true);
      return;
    }
    let t0 = performance.now();
    this.deadline = t0 + connectTimeoutMs;
    const onread: OnReadOpts = { buffer: (readBuffer ??= Buffer.allocUnsafe(READ_BUFFER_BYTES)), callback: (n: number, buf: Uint8Array) => { this.onData(buf as Buffer, n); return true; } };
    // tls.connect takes onread as net.connect does (Node's docs; @types/node lacks it): decrypted bytes land in the shared buffer
    const tlsOptions: ConnectionOptions & { onread: OnReadOpts } = {
      host: origin.hostname, port: origin.port,
      ALPNProtocols: ['http/1.1'],
      ...tlsConnectOptions(tls, origin.hostname),
      onread,
    };
    const s = origin.tls
      ? tlsConnect(tlsOptions)
      : netConnect({ host: origin.hostname, port: origin.port, onread });
    this.socket = s;
    this.sharedReads = true;
    s.setNoDelay(true);
    // Phases as k6 defines them: connecting = TCP connect only (from the end of the DNS lookup, if any),
    // tls_handshaking = from TCP connected to the end of the TLS handshake.
    let tcpAt = 0;
    s.once('lookup', () => { t0 = performance.now(); });
    s.once('connect', () => { tcpAt = performance.now(); this.connectMs = tcpAt - t0; });
    s.once(origin.tls ? 'secureConnect' : 'connect', () => {
      if (origin.tls) this.tlsMs = performance.now() - (tcpAt || t0);
      this.connected = true;
      this.deadline = 0;
      this.owner.connected(this);
    });
    this.listen(s, false);
  }

  /** Socket events; `dataEvents`: reads come as 'data' Buffers (an adopted socket), else through the shared onread buffer. */
  private listen(s: Socket, dataEvents: boolean): void {
    if (dataEvents) s.on('data', (d: Buffer) => this.onData(d, d.length));
    else s.resume(); // no 'data' listener with onread: flowing, so 'end' is still emitted
    s.on('error', (e: NodeJS.ErrnoException) => { this.errCode ??= e.code || e.name || 'Error'; });
    s.on('end', () => this.onEnd());
    s.on('close', () => this.onClose());
    s.on('drain', () => this.onDrain());
  }

  /** Writes `ex` on this idle, connected connection; `at`: performance.now() just read by the caller (the write's time). */
  start(ex: Exchange, at = performance.now()): void {
    this.ex = ex;
    ex.conn = this;
    this.read = 0;
    this.parser.begin(ex.method === 'HEAD', ex.readBody, ex.readBody);
    const connectMs = this.connectMs;
    const tlsMs = this.tlsMs;
    this.connectMs = 0;
    this.tlsMs = 0;
    ex.written(connectMs, at, tlsMs, 'HTTP/1.1');
    const s = this.socket;
    if (ex.bodyBytes === 0) {
      s.write(ex.head);
    } else {
      s.cork();
      s.write(ex.head);
      s.write(ex.body!, 'utf8');
      s.uncork();
    }
    // A request sent again already wrote the same bytes once, on the connection that died.
    this.written = (ex.head.length + ex.bodyBytes) * (ex.retried ? 2 : 1);
    this.sentReported = s.writableLength === 0;
    if (this.sentReported) ex.sent(); // else when the socket drains
    // The timeout bounds the whole request, from the write to the last byte (including the connect this
    // request waited for): a server trickling bytes cannot stretch it. Never moved once set.
    this.deadline = at + ex.timeoutMs - connectMs - tlsMs;
  }

  private onDrain(): void {
    if (!this.sentReported && this.ex) { this.sentReported = true; this.ex.sent(); }
  }

  /** `len` bytes of `d` arrived (d may be the shared read buffer: valid only during this call). */
  private onData(d: Buffer, len: number): void {
    const ex = this.ex;
    if (!ex) { this.destroy(); return; } // bytes nobody asked for: the connection cannot be trusted
    if (this.read === 0) {
      if (!this.sentReported) { this.sentReported = true; ex.sent(); }
      ex.firstByte();
    }
    this.read += len;
    if (!this.parser.feed(d, len)) return this.fail(this.parser.error!);
    if (this.parser.done) this.finish();
  }

  onHead(): void {
    const p = this.parser;
    this.ex!.response(p.status, p.raw, p.serverTiming, p.notable);
  }

  onBody(chunk: Buffer): void {
    const ex = this.ex!;
    if (ex.readBody) ex.bodyChunk(this.sharedReads ? Buffer.from(chunk) : chunk);
  }

  private finish(): void {
    const ex = this.ex!;
    this.ex = undefined;
    ex.conn = undefined;
    this.deadline = 0;
    this.served++;
    const p = this.parser;
    // The response's end, read once: the exchange's end time and the idle deadline's start.
    const end = performance.now();
    const reuse = p.keepAlive && !p.trailing && !this.gone && ex.closeAfter !== true;
    if (reuse) this.idleUntil = p.keepAliveTimeoutS === undefined ? Infinity : end + Math.max(p.keepAliveTimeoutS * 500, p.keepAliveTimeoutS * 1000 - 1000); // a margin for the server's clock: 1 s, or half a short timeout
    ex.complete(this.written, this.read, end);
    if (reuse) this.owner.release(this);
    else this.destroy();
  }

  private onEnd(): void {
    if (this.ex && this.parser.untilClose) {
      this.parser.finishAtEof();
      this.finish();
    } else if (!this.ex) this.destroy(); // the server closed an idle connection: out of the pool at once
  }

  private onClose(): void {
    const wasGone = this.gone;
    this.gone = true;
    if (!wasGone) this.owner.remove(this, this.connected ? undefined : this.errCode ?? CLIENT_ERRORS.closed);
    if (this.ex) this.fail(this.errCode ?? CLIENT_ERRORS.closed);
  }

  /** Ends the exchange in flight with `code` and closes the connection; retries once what may be retried. */
  fail(code: string): void {
    const ex = this.ex;
    this.ex = undefined;
    this.destroy();
    if (!ex) return;
    ex.conn = undefined;
    if (this.served > 0 && this.read === 0 && !ex.retried && code !== CLIENT_ERRORS.timeout && code !== CLIENT_ERRORS.aborted && IDEMPOTENT.has(ex.method)) {
      // A reused connection the server closed while idle (its keep-alive ran out as we wrote): no response
      // byte came back, so the request may not have reached the application; send it once more.
      ex.retried = true;
      this.owner.retry(ex);
      return;
    }
    ex.failed(code, this.written, this.read);
  }

  /** ref()s the socket (it holds the process open) or unref()s it (an idle connection kept for later). */
  hold(yes: boolean): void {
    if (yes) this.socket.ref();
    else this.socket.unref();
  }

  /** Aborts `ex` if this connection carries it. */
  abort(ex: Exchange): void {
    if (this.ex === ex) this.fail(CLIENT_ERRORS.aborted);
  }

  /** Called by the pool's sweep when `deadline` passed. */
  timedOut(): void {
    if (!this.connected) {
      this.errCode = CLIENT_ERRORS.connectTimeout;
      this.destroy();
    } else this.fail(CLIENT_ERRORS.timeout);
  }

  /** Closes the socket (the pool is told through remove, once). */
  destroy(): void {
    if (!this.gone) {
      this.gone = true;
      this.owner.remove(this, this.connected ? undefined : this.errCode ?? CLIENT_ERRORS.closed);
    }
    this.deadline = 0;
    this.socket.destroy();
  }
}
