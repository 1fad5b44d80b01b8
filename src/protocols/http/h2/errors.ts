// The error codes the HTTP/2 client reports itself, in one table (network and TLS errors keep Node's code,
// as HTTP/1.1's do; the codes shared with HTTP/1.1 are in ../h1/exchange.ts CLIENT_ERRORS). When each
// one is raised: see session.ts.
import { ERROR_NAMES } from './frames.ts';

/** Every HTTP/2-specific code a request can fail with. */
export const H2_ERRORS = {
  /** The server sent GOAWAY and this stream did not complete (one above its last stream id is first sent again once, if idempotent). */
  goaway: 'LC_H2_GOAWAY',
  /** Prefix: the server reset the stream, `LC_H2_RST_STREAM:<RFC 9113 error name>` (e.g. LC_H2_RST_STREAM:INTERNAL_ERROR). */
  rstStream: 'LC_H2_RST_STREAM',
  /** The server broke HTTP/2 flow control (the session is torn down, or the stream reset when only the stream's window was broken). */
  flowControl: 'LC_H2_FLOW_CONTROL',
  /** The server broke the protocol (a bad frame or frame size, bad header compression, a malformed response; the session is torn down, or the stream reset for a malformed response). */
  protocol: 'LC_H2_PROTOCOL',
  /** Prefix: the session failed for another reason, `LC_H2_SESSION:<RFC 9113 error name>` (ENHANCE_YOUR_CALM: a response header block over 256 KiB). */
  session: 'LC_H2_SESSION',
  /** protocol 'h2' on https: and the server's ALPN did not choose h2 (it ignores ALPN). */
  notNegotiated: 'LC_H2_NOT_NEGOTIATED',
} as const;

/** The failure code of a stream the peer reset with `code` (an unknown code by number: bounded by 2^32, in practice by the server's few). */
export function rstStreamCode(code: number): string {
  return `${H2_ERRORS.rstStream}:${ERROR_NAMES[code] ?? `0x${code.toString(16)}`}`;
}
