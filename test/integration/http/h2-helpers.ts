// Shared by the HTTP/2 tests: node:http2 servers on 127.0.0.1 port 0 (TLS or h2c) and a client over
// createPool (the load's pool choice) with its own metric store.
import { createSecureServer, createServer, type Http2Server, type Http2SecureServer, type SecureServerOptions, type ServerHttp2Stream, type IncomingHttpHeaders, type ServerHttp2Session } from 'node:http2';
import type { AddressInfo } from 'node:net';
import { MetricRegistry } from '../../../src/metrics/registry.ts';
import { MetricStore } from '../../../src/metrics/store.ts';
import { tagSet } from '../../../src/metrics/tagset.ts';
import { HttpTagCache } from '../../../src/protocols/http/http-series.ts';
import { createPool, type ClientPoolOptions } from '../../../src/protocols/http/http-pool.ts';
import { sendRequest, InflightRequests, type SendResult, type SendSpec } from '../../../src/protocols/http/request.ts';

/** A stream handler of the test servers. */
export type StreamHandler = (stream: ServerHttp2Stream, headers: IncomingHttpHeaders) => void;

/** A running HTTP/2 server: its URL, the sessions it accepted and the streams it saw. */
export interface H2TestServer {
  url: string;
  server: Http2Server | Http2SecureServer;
  sessions: ServerHttp2Session[];
  streams: number;
  close(): Promise<void>;
}

/** Starts an HTTP/2 server: TLS with `tls` options (allowHTTP1, requestCert...), else cleartext h2c. */
export async function h2Server(handler: StreamHandler, tls?: SecureServerOptions, settings?: { maxConcurrentStreams?: number; headerTableSize?: number }): Promise<H2TestServer> {
  const server = tls ? createSecureServer({ ...tls, settings }) : createServer({ settings });
  const out: H2TestServer = {
    url: '', server, sessions: [], streams: 0,
    close: async () => {
      for (const s of out.sessions) s.destroy();
      await new Promise((r) => server.close(r));
    },
  };
  server.on('session', (s) => out.sessions.push(s));
  server.on('stream', (stream, headers) => { out.streams++; stream.on('error', () => {}); handler(stream, headers); });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  out.url = `${tls ? 'https' : 'http'}://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return out;
}

/** Resolves when `cond` holds (polled every 10 ms), false after `ms`. */
export async function until(cond: () => boolean, ms = 5000): Promise<boolean> {
  const end = Date.now() + ms;
  while (!cond()) {
    if (Date.now() > end) return false;
    await new Promise((r) => setTimeout(r, 10));
  }
  return true;
}

/** A pool of `url`'s origin chosen by createPool with `opts`, its store, and `send` through the request layer. */
export function h2Client(url: string, opts: Partial<ClientPoolOptions> = {}) {
  const store = new MetricStore(new MetricRegistry());
  const tags = new HttpTagCache({ scenario: 't' }, tagSet, store);
  const pool = createPool(new URL(url), { connections: 8, timeoutMs: 5000, ...opts });
  const inflight = new InflightRequests();
  const send = (over: Partial<SendSpec> = {}, flight = inflight): Promise<SendResult> => {
    const method = over.method ?? 'GET';
    return sendRequest(pool, { method, path: '/', headers: {}, endpoint: tags.endpoint('e', method), readBody: true, timeoutMs: 5000, ...over }, performance.now(), tags, flight);
  };
  const counter = (metric: string, sel: Record<string, string> = {}): number => store.query(metric, sel)?.values(1).count ?? 0;
  const trend = (metric: string, sel: Record<string, string> = {}) => store.query(metric, sel)!.values(1);
  return { store, pool, send, inflight, counter, trend };
}
