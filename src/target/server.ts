// createDemoTarget: the embedded system under test, a plain node:http server on loopback.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import type { DemoTarget, DemoTargetOptions, FaultState, TargetExtension } from './types.ts';
import { applyFaults, createState, type TargetState } from './state.ts';
import { HEALTH_PATHS, handleHealth } from './routes-health.ts';
import { OUTAGE_RESPONSE, outageCovers } from './outage.ts';
import { handleApi } from './routes-api.ts';
import { handleAdmin } from './admin.ts';
import { canned, sendCanned } from './respond.ts';
import { LoadcertError, ExitCode } from '../contracts/errors.ts';

/** Hosts the demo target may listen on. */
export const LOOPBACK_HOSTS: readonly string[] = ['127.0.0.1', '::1', 'localhost'];

const NOT_FOUND = canned(404, '{"status":404,"error":"not found"}', 'application/json; charset=utf-8');
const INTERNAL = canned(500, '{"status":500,"error":"unexpected error in the demo target"}', 'application/json; charset=utf-8');

/** Throws LC_TARGET_HOST (exit 104) unless `host` is loopback; returns the address to bind. */
export function loopbackAddress(host: string): string {
  if (!LOOPBACK_HOSTS.includes(host))
    throw new LoadcertError('LC_TARGET_HOST', `the demo target only listens on loopback (127.0.0.1, ::1 or localhost), not "${host}"`, ExitCode.INVALID_CONFIG);
  return host === 'localhost' ? '127.0.0.1' : host;
}

function route(state: TargetState, extensions: readonly TargetExtension[], req: IncomingMessage, res: ServerResponse): void {
  for (const ext of extensions) if (ext.handle(req, res)) return;
  const url = req.url ?? '/';
  const q = url.indexOf('?');
  const path = q < 0 ? url : url.slice(0, q);
  const query = q < 0 ? '' : url.slice(q + 1);
  if (state.outage.active() && outageCovers(path, HEALTH_PATHS)) return sendCanned(res, OUTAGE_RESPONSE);
  if ((req.method === 'GET' || req.method === 'HEAD') && handleHealth(path, state.faults, res)) return;
  if (handleApi(state, req, res, path, query)) return;
  if (handleAdmin(state, req, res, path, query)) return;
  sendCanned(res, NOT_FOUND);
}

/** Starts the demo target on loopback (port 0 = ephemeral); resolves once it listens. Throws LC_TARGET_* on bad options or LC_TARGET_LISTEN. */
export async function createDemoTarget(options: DemoTargetOptions = {}): Promise<DemoTarget> {
  const address = loopbackAddress(options.host ?? '127.0.0.1');
  const port = options.port ?? 0;
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new LoadcertError('LC_TARGET_OPTION', `port must be an integer in 0..65535, got ${port}`, ExitCode.INVALID_CONFIG);
  const state = createState(options);
  const extensions = options.extensions ?? [];

  const server = createServer((req, res) => {
    try {
      route(state, extensions, req, res);
    } catch {
      if (!res.headersSent) sendCanned(res, INTERNAL);
      else res.destroy();
    }
  });
  // Long keep-alive so load clients do not race the server's idle close.
  server.keepAliveTimeout = 65_000;
  server.headersTimeout = 66_000;
  server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    for (const ext of extensions) if (ext.upgrade?.(req, socket, head)) return;
    socket.end('HTTP/1.1 404 Not Found\r\nconnection: close\r\ncontent-length: 0\r\n\r\n');
  });
  server.on('clientError', (_err, socket) => {
    if (socket.writable) socket.end('HTTP/1.1 400 Bad Request\r\nconnection: close\r\ncontent-length: 0\r\n\r\n');
    else socket.destroy();
  });

  await new Promise<void>((resolve, reject) => {
    const onError = (err: NodeJS.ErrnoException): void =>
      reject(new LoadcertError('LC_TARGET_LISTEN', `demo target cannot listen on ${address}:${port}: ${err.code ?? err.message}`));
    server.once('error', onError);
    server.listen(port, address, () => {
      server.off('error', onError);
      resolve();
    });
  });
  state.stall.apply(state.faults.stall);

  const bound = (server.address() as AddressInfo).port;
  const url = `http://${address.includes(':') ? `[${address}]` : address}:${bound}`;
  let closing: Promise<void> | null = null;

  return {
    url,
    port: bound,
    server,
    setFaults: (partial: Partial<FaultState>) => applyFaults(state, partial),
    faults: () => ({ ...state.faults }),
    failFor: (ms: number) => state.outage.start(ms),
    close(): Promise<void> {
      closing ??= new Promise<void>((resolve) => {
        state.stall.stop();
        state.deadlines.clear();
        state.held = [];
        for (const ext of extensions) {
          try {
            ext.close?.();
          } catch {
            /* an extension failing to close must not keep the target open */
          }
        }
        server.close(() => resolve());
        server.closeAllConnections();
      });
      return closing;
    },
  };
}
