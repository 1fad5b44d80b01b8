import { subscribe } from 'node:diagnostics_channel';
import type { Socket } from 'node:net';

/** What a request in flight learns from the socket it was written to. */
export interface SocketTimed {
  /** performance.now() of the first bytes that arrived after the request was written; 0 until then. */
  firstByteAt: number;
  /** Called when undici writes this request's headers to `socket`. */
  attach(socket: TimedSocket): void;
}

const kConnectMs = Symbol('loadcert.connectMs');
const kCurrent = Symbol('loadcert.current');

/** A pool socket: the unclaimed time of its TCP connect, and the request it is carrying. */
export interface TimedSocket extends Socket {
  [kConnectMs]?: number;
  [kCurrent]?: SocketTimed;
}

/**
 * The request whose undici `onConnect` just ran: undici writes it to its socket synchronously right after,
 * publishing `undici:client:sendHeaders` with the socket, so the next publish belongs to it.
 */
let starting: SocketTimed | undefined;

subscribe('undici:client:sendHeaders', (msg) => {
  const r = starting;
  starting = undefined;
  if (r) r.attach((msg as { socket: TimedSocket }).socket);
});

/** Marks `r` as the request undici is about to write (call from the handler's onConnect). */
export function willWrite(r: SocketTimed): void {
  starting = r;
}

/** Forgets `r` if it was never written (aborted before its write). */
export function doneWith(r: SocketTimed, socket: TimedSocket | undefined): void {
  if (starting === r) starting = undefined;
  if (socket && socket[kCurrent] === r) socket[kCurrent] = undefined;
}

/** Binds a written request to its socket; returns the socket's TCP connect time if this request is its first (else 0). */
export function claimSocket(socket: TimedSocket, r: SocketTimed): number {
  socket[kCurrent] = r;
  const c = socket[kConnectMs];
  if (c === undefined) return 0;
  socket[kConnectMs] = undefined;
  return c;
}

function onReadable(this: TimedSocket): void {
  const r = this[kCurrent];
  if (r && !r.firstByteAt) r.firstByteAt = performance.now();
}

/** Prepares a freshly connected socket: remembers its connect time (`connectMs`) and watches it for first bytes. */
export function timeSocket(socket: Socket, connectMs: number): void {
  const s = socket as TimedSocket;
  s[kConnectMs] = connectMs;
  s.on('readable', onReadable);
}
