import { Pool, buildConnector } from 'undici';
import { timeSocket } from './socket-timing.ts';

/** Options of a keep-alive connection pool to one origin. */
export interface PoolOptions {
  connections: number;
  /** Headers + body timeout per request, ms. */
  timeoutMs: number;
}

/**
 * Creates an undici keep-alive Pool whose connector times every new TCP connection (call to the
 * socket's connect event) and marks the socket, so the first request written to it records that time
 * as its `http_req_connecting` (requests on a reused connection record 0, as in k6).
 */
export function createPool(origin: string, opts: PoolOptions): Pool {
  const connector = buildConnector({ timeout: Math.min(opts.timeoutMs, 10_000) });
  return new Pool(origin, {
    connections: opts.connections,
    pipelining: 1,
    keepAliveTimeout: 60_000,
    keepAliveMaxTimeout: 600_000,
    headersTimeout: opts.timeoutMs,
    bodyTimeout: opts.timeoutMs,
    connect(options, callback) {
      const t0 = performance.now();
      connector(options, (err, socket) => {
        if (err) return callback(err, null);
        timeSocket(socket!, performance.now() - t0);
        callback(null, socket!);
      });
    },
  });
}
