// Opens the socket of a new connection or HTTP/2 session (TCP, then TLS with ALPN on https:) and measures
// its phases as k6 defines them: connecting = TCP connect only (from the end of the DNS lookup, if any),
// tls_handshaking = from TCP connected to the end of the TLS handshake.
import { connect as netConnect, type Socket } from 'node:net';
import { connect as tlsConnect, type TLSSocket } from 'node:tls';
import { tlsConnectOptions, type ClientTls } from './tls-context.ts';
import { CLIENT_ERRORS } from './h1/exchange.ts';

/** Where a connection goes. */
export interface SocketTarget {
  readonly hostname: string;
  readonly port: number;
  readonly tls: boolean;
}

/** A connected socket, its phase times (ms) and the protocol ALPN chose (false: none; undefined on http:). */
export interface OpenedSocket {
  readonly socket: Socket;
  readonly connectMs: number;
  readonly tlsMs: number;
  readonly alpn: string | false | undefined;
}

/** A connect in progress; `cancel` destroys it without calling back. */
export interface PendingSocket { cancel(): void }

/**
 * Connects to `target` offering `alpn` on TLS; calls `done` once: with the socket, or with an error code
 * (Node's, e.g. ECONNREFUSED or a TLS code, or LC_HTTP_CONNECT_TIMEOUT after `timeoutMs`).
 */
export function openSocket(target: SocketTarget, alpn: string[], tls: ClientTls, timeoutMs: number, done: (err: string | undefined, s?: OpenedSocket) => void): PendingSocket {
  let t0 = performance.now();
  let tcpAt = 0;
  let settled = false;
  const s: Socket = target.tls
    ? tlsConnect({
        host: target.hostname, port: target.port,
        ALPNProtocols: alpn,
        ...tlsConnectOptions(tls, target.hostname),
      })
    : netConnect({ host: target.hostname, port: target.port });
  s.setNoDelay(true);
  const finish = (err: string | undefined): void => {
    if (settled) return;
    settled = true;
    clearTimeout(timer);
    s.removeListener('error', onError);
    s.removeListener('close', onClose);
    if (err !== undefined) { s.destroy(); return done(err); }
    const connectMs = tcpAt ? tcpAt - t0 : 0;
    const tlsMs = target.tls ? performance.now() - (tcpAt || t0) : 0;
    done(undefined, { socket: s, connectMs, tlsMs, alpn: target.tls ? (s as TLSSocket).alpnProtocol ?? false : undefined });
  };
  const onError = (e: NodeJS.ErrnoException): void => finish(e.code || e.name || 'Error');
  const onClose = (): void => finish(CLIENT_ERRORS.closed);
  const timer = setTimeout(() => finish(CLIENT_ERRORS.connectTimeout), timeoutMs);
  s.once('lookup', () => { t0 = performance.now(); });
  s.once('connect', () => { tcpAt = performance.now(); });
  s.once(target.tls ? 'secureConnect' : 'connect', () => finish(undefined));
  s.on('error', onError);
  s.on('close', onClose);
  return { cancel: () => { if (!settled) { settled = true; clearTimeout(timer); s.destroy(); } } };
}
