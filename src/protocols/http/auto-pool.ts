// HTTP version negotiation of one https: origin under protocol 'auto', as k6 and browsers: the first
// connection offers ALPN h2 and http/1.1; the server's choice decides the origin's pool for good, and the
// negotiated socket becomes that pool's first connection (no second handshake).
import { H1Pool, type PoolOptions } from './h1/pool.ts';
import { CLIENT_ERRORS, type Exchange } from './h1/exchange.ts';
import { H2Pool, type H2PoolOptions } from './h2/pool.ts';
import { openSocket, type PendingSocket, type SocketTarget } from './connect.ts';
import { DEFAULT_CLIENT_TLS } from './tls-context.ts';
import type { HttpPool } from './http-pool.ts';

/** The pool of an https: origin until ALPN has chosen, then a pass-through to the chosen pool. */
export class AutoPool implements HttpPool {
  readonly host: string;
  private readonly target: SocketTarget;
  private chosen: H1Pool | H2Pool | undefined;
  private pending: PendingSocket | undefined;
  private queue: Exchange[] = [];
  private closed = false;

  constructor(private readonly url: URL, private readonly h1: PoolOptions, private readonly h2: H2PoolOptions) {
    this.host = url.host;
    this.target = { hostname: url.hostname.replace(/^\[|\]$/g, ''), port: Number(url.port) || 443, tls: true };
  }

  send(ex: Exchange): void {
    if (this.chosen) return this.chosen.send(ex);
    if (this.closed) return ex.failed(CLIENT_ERRORS.poolClosed, 0, 0);
    this.queue.push(ex);
    if (!this.pending) this.negotiate();
  }

  private negotiate(): void {
    this.pending = openSocket(this.target, ['h2', 'http/1.1'], this.h1.tls ?? DEFAULT_CLIENT_TLS, Math.min(this.h1.timeoutMs, 10_000), (err, opened) => {
      this.pending = undefined;
      if (err !== undefined) {
        // As a failed HTTP/1.1 connect fails what waited for it; the next request negotiates again.
        for (const ex of this.queue.splice(0)) ex.failed(err, 0, 0);
        return;
      }
      const o = opened!;
      if (o.alpn === 'h2') this.chosen = new H2Pool(this.url, this.h2, o);
      else {
        // http/1.1, or a server that ignores ALPN: HTTP/1.1, as a browser does.
        const p = new H1Pool(this.url, this.h1);
        p.adopt({ socket: o.socket, connectMs: o.connectMs, tlsMs: o.tlsMs });
        this.chosen = p;
      }
      const waiting = this.queue.splice(0);
      for (const ex of waiting) this.chosen.send(ex);
    });
  }

  abort(ex: Exchange): void {
    if (this.chosen) return this.chosen.abort(ex);
    const i = this.queue.indexOf(ex);
    if (i < 0) return;
    this.queue.splice(i, 1);
    ex.failed(CLIENT_ERRORS.aborted, 0, 0);
  }

  park(): void {
    this.chosen?.park();
  }

  async close(): Promise<void> {
    this.closed = true;
    this.pending?.cancel();
    this.pending = undefined;
    for (const ex of this.queue.splice(0)) ex.failed(CLIENT_ERRORS.poolClosed, 0, 0);
    await this.chosen?.close();
  }
}
