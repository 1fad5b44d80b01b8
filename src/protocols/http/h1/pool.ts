// A keep-alive HTTP/1.1 connection pool to one origin: at most `connections` sockets, one request on a
// socket at a time, requests beyond that wait in FIFO order (their wait shows in http_req_blocked).
import { H1Connection, IDEMPOTENT, type AdoptedSocket, type ConnectionOwner, type Origin } from './connection.ts';
import { CLIENT_ERRORS, type Exchange } from './exchange.ts';
import { afterNextIo, currentTurn, turnNow } from './turn.ts';
import type { ClientTls } from '../tls-context.ts';

/** Options of a pool. */
export interface PoolOptions {
  connections: number;
  /** Default per-request timeout (ms) and the bound of a connect (min(timeout, 10 s)). */
  timeoutMs: number;
  /** TLS options of https: connections (default: verify against the system roots). */
  tls?: ClientTls;
}

/** How often deadlines (request and connect timeouts) are checked, ms: timeouts fire up to this late. */
export const SWEEP_MS = 100;

/** Connection pool to one origin (http: or https:); `send` never throws, outcomes arrive on the Exchange. */
export class H1Pool implements ConnectionOwner {
  /** The `host` header value of this origin. */
  readonly host: string;
  private readonly origin: Origin;
  private readonly conns = new Set<H1Connection>();
  private readonly idle: H1Connection[] = [];
  private queue: Exchange[] = [];
  private qHead = 0;
  /** Requests that may not be sent again (POST...) held for one I/O turn: their connection was released in this turn. */
  private deferred: Exchange[] = [];
  private connecting = 0;
  private sweeper: NodeJS.Timeout | undefined;
  private closed = false;
  /** No workload uses the pool for now: idle connections must not keep the process alive. */
  private parked = false;
  /**
   * A request that may not be sent again came: releases record their event-loop turn from then on
   * (see defer). Until then a GET-only pool asks turn.ts for nothing (no setImmediate per turn).
   */
  private tracking = false;

  constructor(url: URL, private readonly opts: PoolOptions) {
    this.host = url.host;
    const tls = url.protocol === 'https:';
    this.origin = { hostname: url.hostname.replace(/^\[|\]$/g, ''), port: Number(url.port) || (tls ? 443 : 80), tls };
  }

  /** Sends `ex` on an idle connection, or queues it (opening a connection while under the limit). */
  send(ex: Exchange): void {
    if (this.closed) return ex.failed(CLIENT_ERRORS.poolClosed, 0, 0);
    if (this.parked) { this.parked = false; for (const c of this.conns) c.hold(true); }
    if (!this.tracking && !IDEMPOTENT.has(ex.method)) this.startTracking();
    // One clock reading serves the idle check and the write's time (only read when a connection is idle).
    const now = this.idle.length > 0 ? performance.now() : 0;
    const c = this.takeIdle(now);
    if (c) {
      if (c.releasedTurn !== turnNow() || IDEMPOTENT.has(ex.method)) return c.start(ex, now);
      this.idle.push(c);
      return this.defer(ex);
    }
    this.queue.push(ex);
    this.grow();
  }

  /**
   * Holds `ex` until the next I/O phase has run: a server that closes after each response (without
   * `Connection: close`) has its close read by then, so a request that cannot be sent again is not
   * written to a connection already closing. Idempotent requests are not held (they are sent again
   * once if that happens, see H1Connection.fail): their path pays one comparison, plus, once the pool
   * has carried such a request, turn.ts's one setImmediate per event-loop turn shared by every pool.
   */
  private defer(ex: Exchange): void {
    if (this.deferred.push(ex) === 1) afterNextIo(() => this.sendDeferred());
  }

  private sendDeferred(): void {
    const deferred = this.deferred;
    this.deferred = [];
    for (const ex of deferred) this.send(ex);
  }

  /** Takes a connected socket (the one protocol negotiation chose HTTP/1.1 on) as one of the pool's connections. */
  adopt(adopted: AdoptedSocket): void {
    if (this.closed || this.conns.size >= this.opts.connections) { adopted.socket.destroy(); return; }
    const c = new H1Connection(this, this.origin, 0, this.opts.tls, adopted);
    this.conns.add(c);
    this.connecting++;
    this.connected(c);
    this.grow();
  }

  /** Aborts `ex` wherever it is (on a connection, or waiting for one). */
  abort(ex: Exchange): void {
    if (ex.conn) return ex.conn.abort(ex);
    const h = this.deferred.indexOf(ex);
    if (h >= 0) {
      this.deferred.splice(h, 1);
      return ex.failed(CLIENT_ERRORS.aborted, 0, 0);
    }
    const i = this.queue.indexOf(ex, this.qHead);
    if (i < 0) return;
    this.queue.splice(i, 1);
    ex.failed(CLIENT_ERRORS.aborted, 0, 0);
  }

  /** Keeps the connections for a later user without letting idle ones hold the process open (until the next send). */
  park(): void {
    this.parked = true;
    for (const c of this.idle) c.hold(false);
  }

  /** Closes every connection and fails what waits; the pool refuses new requests. */
  async close(): Promise<void> {
    this.closed = true;
    if (this.sweeper) clearInterval(this.sweeper);
    // The queue first: a connection still connecting fails the oldest waiting request as it goes (remove).
    let ex: Exchange | undefined;
    while ((ex = this.dequeue())) ex.failed(CLIENT_ERRORS.poolClosed, 0, 0);
    for (const h of this.deferred.splice(0)) h.failed(CLIENT_ERRORS.poolClosed, 0, 0);
    for (const c of [...this.conns]) c.fail(CLIENT_ERRORS.poolClosed);
  }

  connected(c: H1Connection): void {
    this.connecting--;
    this.give(c, false);
  }

  /**
   * Starts recording release turns. The idle connections' turns were not recorded: each counts as
   * released in this turn, so the request that started it waits one I/O phase like any other held one.
   */
  private startTracking(): void {
    this.tracking = true;
    const t = currentTurn();
    for (const c of this.idle) c.releasedTurn = t;
  }

  release(c: H1Connection): void {
    if (this.tracking) c.releasedTurn = currentTurn();
    this.give(c, true);
  }

  /** Starts the longest-waiting request on `c`, or keeps `c` idle; `reused`: `c` just ended a response (see defer). */
  private give(c: H1Connection, reused: boolean): void {
    let ex: Exchange | undefined;
    while ((ex = this.dequeue()) && reused && !IDEMPOTENT.has(ex.method)) this.defer(ex);
    if (ex) c.start(ex);
    else {
      this.idle.push(c);
      if (this.parked) c.hold(false);
    }
  }

  remove(c: H1Connection, failedConnect: string | undefined): void {
    if (!this.conns.delete(c)) return;
    const i = this.idle.lastIndexOf(c);
    if (i >= 0) this.idle.splice(i, 1);
    if (failedConnect === undefined) { this.grow(); return; }
    this.connecting--;
    // A connect that failed fails the request waiting longest (a refused port must not queue forever).
    const ex = this.dequeue();
    if (ex) ex.failed(failedConnect, 0, 0);
    this.grow();
  }

  retry(ex: Exchange): void {
    if (this.closed) return ex.failed(CLIENT_ERRORS.poolClosed, 0, 0);
    const now = performance.now();
    const c = this.takeIdle(now);
    if (c) return c.start(ex, now);
    if (this.qHead > 0) this.queue[--this.qHead] = ex;
    else this.queue.unshift(ex);
    this.grow();
  }

  /** An idle connection the server has not closed by `now` (performance.now()), past ones destroyed. */
  private takeIdle(now: number): H1Connection | undefined {
    let c: H1Connection | undefined;
    while ((c = this.idle.pop())) {
      if (now > c.idleUntil) { c.destroy(); continue; }
      return c;
    }
    return undefined;
  }

  private dequeue(): Exchange | undefined {
    if (this.qHead >= this.queue.length) return undefined;
    const ex = this.queue[this.qHead++];
    if (this.qHead === this.queue.length) { this.queue.length = 0; this.qHead = 0; }
    else if (this.qHead > 1024 && this.qHead * 2 > this.queue.length) { this.queue = this.queue.slice(this.qHead); this.qHead = 0; }
    return ex;
  }

  /** Opens connections for waiting requests, up to the limit. */
  private grow(): void {
    if (this.closed) return;
    while (this.connecting < this.queue.length - this.qHead && this.conns.size < this.opts.connections) {
      this.connecting++;
      this.conns.add(new H1Connection(this, this.origin, Math.min(this.opts.timeoutMs, 10_000), this.opts.tls));
    }
    if (!this.sweeper && this.conns.size) {
      this.sweeper = setInterval(() => this.sweep(), SWEEP_MS);
      this.sweeper.unref();
    }
  }

  private sweep(): void {
    const now = performance.now();
    for (const c of this.conns) if (c.deadline && now > c.deadline) c.timedOut();
  }
}
