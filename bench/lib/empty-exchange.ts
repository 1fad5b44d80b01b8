// An HTTP/1.1 exchange that only reports its end: measures loadcert's pool alone (no timing, no metrics).
import type { Exchange } from '../../src/protocols/http/h1/exchange.ts';

/** A GET exchange of `head` that calls `done` when it completes or fails. */
export function emptyExchange(head: Buffer, done: () => void): Exchange {
  return {
    method: 'GET', head, path: '/', headers: {}, body: undefined, bodyBytes: 0, readBody: false, timeoutMs: 10_000, conn: undefined, retried: false,
    written() {}, sent() {}, firstByte() {}, response() {}, bodyChunk() {}, complete: done, failed: done,
  };
}
