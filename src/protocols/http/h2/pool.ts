// An HTTP/2 session pool to one origin: up to `sessions` sessions, requests multiplexed on them as streams
// up to each peer's maxConcurrentStreams; requests beyond that wait in FIFO order (their wait shows in
// http_req_blocked, as HTTP/1.1's wait for a connection does).
import { CLIENT_ERRORS, type Exchange } from '../h1/exchange.ts';
import { SWEEP_MS } from '../h1/pool.ts'; // deadlines checked as often as the HTTP/1.1 pool's
import type { OpenedSocket, SocketTarget } from '../connect.ts';
import { DEFAULT_CLIENT_TLS, type ClientTls } from '../tls-context.ts';
import { H2Session, type SessionOwner } from './session.ts';

/** Options of an HTTP/2 pool. */
export interface H2PoolOptions {
  /** Sessions (connections) per origin. */
  sessions: number;
  /** Default per-request timeout (ms) and the bound of a connect (min(timeout, 10 s)). */
  timeoutMs: number;
  tls?: ClientTls;
}

/** Session pool to one origin (https: with ALPN h2, or http: as h2c with prior knowledge); `send` never throws. */
export class H2Pool implements SessionOwner {
  /** The :authority of this origin. */
  readonly host: string;
  private readonly target: SocketTarget;
  private readonly sessions = new Set<H2Session>();
  private queue: Exchange[] = [];
  private sweeper: NodeJS.Timeout | undefined;
  private closed = false;
  private parked = false;

  /** `adopted`: the socket on which negotiation already chose h2 (becomes the first session). */
  constructor(url: URL, private readonly opts: H2PoolOptions, adopted?: OpenedSocket) {
    this.host = url.host;
    const tls = url.protocol === 'https:';
    this.target = { hostname: url.hostname.replace(/^\[|\]$/g, ''), port: Number(url.port) || (tls ? 443 : 80), tls };
    if (adopted) this.open(adopted);
  }

  /** Starts `ex` on the least busy session with room, or queues it (opening a session while under the limit). */
  send(ex: Exchange): void {
    if (this.closed) return ex.failed(CLIENT_ERRORS.poolClosed, 0, 0);
    if (this.parked) { this.parked = false; for (const s of this.sessions) s.hold(true); }
    const s = this.pick();
    if (s && this.queue.length === 0) return s.start(ex);
    this.queue.push(ex);
    this.grow();
  }

  private pick(): H2Session | undefined {
    let best: H2Session | undefined;
    for (const s of this.sessions) if (s.free && (!best || s.active < best.active)) best = s;
    return best;
  }

  /** Opens another session while requests wait and fewer than `sessions` are open or opening. */
  private grow(): void {
    if (this.closed || this.queue.length === 0) return;
    let usable = 0;
    for (const s of this.sessions) if (!s.closing) usable++;
    if (usable < this.opts.sessions) this.open(undefined);
  }

  private open(adopted: OpenedSocket | undefined): void {
    this.sessions.add(new H2Session(this, this.target, this.host, Math.min(this.opts.timeoutMs, 10_000), this.opts.tls ?? DEFAULT_CLIENT_TLS, adopted));
    if (!this.sweeper) {
      this.sweeper = setInterval(() => this.sweep(), SWEEP_MS);
      this.sweeper.unref();
    }
  }

  ready(s: H2Session): void {
    while (this.queue.length > 0 && s.free) s.start(this.queue.shift()!);
    if (this.parked && s.active === 0) s.hold(false);
  }

  draining(_s: H2Session): void {
    this.grow();
  }

  gone(s: H2Session, failedConnect: string | undefined): void {
    if (!this.sessions.delete(s)) return;
    if (failedConnect !== undefined) {
      // Every waiting request waited for this session: fail them all unless another session may take them.
      let other = false;
      for (const o of this.sessions) if (!o.closing) other = true;
      if (!other) for (const ex of this.queue.splice(0)) ex.failed(failedConnect, 0, 0);
    }
    this.grow();
  }

  retry(ex: Exchange): void {
    if (this.closed) return ex.failed(CLIENT_ERRORS.poolClosed, 0, 0);
    const s = this.pick();
    if (s) return s.start(ex);
    this.queue.unshift(ex);
    this.grow();
  }

  /** Aborts `ex` wherever it is (a stream, or the queue). */
  abort(ex: Exchange): void {
    if (ex.conn) return ex.conn.abort(ex);
    const i = this.queue.indexOf(ex);
    if (i < 0) return;
    this.queue.splice(i, 1);
    ex.failed(CLIENT_ERRORS.aborted, 0, 0);
  }

  /** Keeps the sessions for a later user without letting idle ones hold the process open (until the next send). */
  park(): void {
    this.parked = true;
    for (const s of this.sessions) if (s.active === 0) s.hold(false);
  }

  /** Closes every session and fails what waits; the pool refuses new requests. */
  async close(): Promise<void> {
    this.closed = true;
    if (this.sweeper) clearInterval(this.sweeper);
    for (const ex of this.queue.splice(0)) ex.failed(CLIENT_ERRORS.poolClosed, 0, 0);
    for (const s of [...this.sessions]) s.fail(CLIENT_ERRORS.poolClosed);
  }

  private sweep(): void {
    const now = performance.now();
    for (const s of this.sessions) s.sweep(now);
  }
}
