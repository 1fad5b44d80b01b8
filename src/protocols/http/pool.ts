import { Pool, buildConnector } from 'undici';
import type { SampleSink, TagSet } from '../../metrics/types.ts';

/** Options of a keep-alive connection pool to one origin. */
export interface PoolOptions {
  connections: number;
  /** Headers + body timeout per request, ms. */
  timeoutMs: number;
  sink: SampleSink;
  /** Tags for http_req_connecting samples. */
  connectTags: TagSet;
}

/**
 * Creates an undici keep-alive Pool whose connector records the time of every new TCP connection
 * as `http_req_connecting` (reused connections cost nothing and record nothing).
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
        if (!err) opts.sink.add('http_req_connecting', performance.now() - t0, opts.connectTags);
        if (err) callback(err, null);
        else callback(null, socket!);
      });
    },
  });
}
