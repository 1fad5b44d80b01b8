// The one interface of a per-origin HTTP pool (HTTP/1.1 connections or HTTP/2 sessions) and the choice of
// which one serves an origin, shared by the load (origin-pools.ts) and the health probes (preflight).
import { H1Pool } from './h1/pool.ts';
import type { Exchange } from './h1/exchange.ts';
import { H2Pool } from './h2/pool.ts';
import { AutoPool } from './auto-pool.ts';
import type { ClientTls } from './tls-context.ts';

/** HTTP version choice (scenario http.protocol): see HttpOptions.protocol. */
export type HttpProtocolChoice = 'auto' | 'http1' | 'h2';

/** A pool of one origin; `send` never throws, outcomes arrive on the Exchange (see h1/exchange.ts for the call order). */
export interface HttpPool {
  /** The origin's host (HTTP/1.1 `host`, HTTP/2 `:authority`). */
  readonly host: string;
  send(ex: Exchange): void;
  /** Aborts `ex` wherever it is (in flight or waiting). */
  abort(ex: Exchange): void;
  /** Idle connections stop holding the process open until the next send. */
  park(): void;
  /** Closes everything; what waits or runs fails with LC_HTTP_POOL_CLOSED. */
  close(): Promise<void>;
}

/** What every pool of one client is made with. */
export interface ClientPoolOptions {
  /** HTTP/1.1 connections per origin. */
  connections: number;
  timeoutMs: number;
  tls?: ClientTls;
  /** Default 'auto'. */
  protocol?: HttpProtocolChoice;
  /** HTTP/2 sessions per origin (default 1). */
  h2Sessions?: number;
}

/**
 * The pool of `url`'s origin: HTTP/1.1 for 'http1' and for http: under 'auto'; HTTP/2 for 'h2' (ALPN h2
 * on https:, h2c with prior knowledge on http:); under 'auto' on https: the first connection's ALPN decides.
 */
export function createPool(url: URL, opts: ClientPoolOptions): HttpPool {
  const protocol = opts.protocol ?? 'auto';
  const h1 = { connections: opts.connections, timeoutMs: opts.timeoutMs, tls: opts.tls };
  const h2 = { sessions: opts.h2Sessions ?? 1, timeoutMs: opts.timeoutMs, tls: opts.tls };
  if (protocol === 'h2') return new H2Pool(url, h2);
  if (protocol === 'http1' || url.protocol !== 'https:') return new H1Pool(url, h1);
  return new AutoPool(url, h1, h2);
}
