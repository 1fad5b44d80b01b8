// `--metrics-port`: an HTTP endpoint serving the run's metrics while it runs, for Prometheus to scrape.
import { createServer, type Server } from 'node:http';
import type { MetricStore } from '../metrics/store.ts';
import { ConfigError } from '../contracts/errors.ts';
import { PROM_CONTENT_TYPE, renderPrometheus } from './prometheus-text.ts';

/** A started metrics endpoint. */
export interface MetricsServer {
  /** e.g. http://127.0.0.1:9464/metrics */
  readonly url: string;
  close(): Promise<void>;
}

/**
 * Serves GET /metrics (Prometheus text format, see renderPrometheus) on `host:port` (default 127.0.0.1;
 * port 0 picks a free one). A port that cannot be bound is a ConfigError (exit 104) naming --metrics-port.
 */
export async function startMetricsServer(store: MetricStore, port: number, host = '127.0.0.1'): Promise<MetricsServer> {
  const server: Server = createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0];
    if (req.method !== 'GET' || (path !== '/metrics' && path !== '/')) {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('loadcert serves its metrics at /metrics\n');
      return;
    }
    // during an in-process run: rendered by its fold thread
    (store.handOffTarget?.prometheusText?.() ?? renderPrometheus(store)).then(
      (text) => res.writeHead(200, { 'content-type': PROM_CONTENT_TYPE }).end(text),
      (err: Error) => res.writeHead(500, { 'content-type': 'text/plain' }).end(`${err.message}\n`),
    );
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', (err: NodeJS.ErrnoException) =>
      reject(new ConfigError([{ file: 'command line', path: '--metrics-port', message: `cannot listen on ${host}:${port}: ${err.code ?? err.message}`, fix: 'choose a free port (or 0 for any free port)' }])));
    server.listen(port, host, () => resolve());
  });
  server.unref();
  const addr = server.address() as { port: number };
  const shown = host.includes(':') ? `[${host}]` : host;
  return {
    url: `http://${shown}:${addr.port}/metrics`,
    close: () => new Promise<void>((r) => { server.closeAllConnections(); server.close(() => r()); }),
  };
}
