// The error codes the HTTP/2 client reports itself, in one table (network and TLS errors keep Node's code,
// as HTTP/1.1's do; the codes shared with HTTP/1.1 are in ../h1/exchange.ts CLIENT_ERRORS).
import { constants } from 'node:http2';

/** Every HTTP/2-specific code a request can fail with. */
export const H2_ERRORS = {
  /** The server sent GOAWAY and this stream did not complete (one above its last stream id is first sent again once, if idempotent). */
  goaway: 'LC_H2_GOAWAY',
  /** Prefix: the server reset the stream, `LC_H2_RST_STREAM:<RFC 9113 error name>` (e.g. LC_H2_RST_STREAM:INTERNAL_ERROR). */
  rstStream: 'LC_H2_RST_STREAM',
  /** The server broke HTTP/2 flow control (the session is torn down). */
  flowControl: 'LC_H2_FLOW_CONTROL',
  /** The server broke the HTTP/2 protocol (a bad frame, bad header compression; the session is torn down). */
  protocol: 'LC_H2_PROTOCOL',
  /** The session failed for another reason Node reports (its ERR_HTTP2_* code follows the colon). */
  session: 'LC_H2_SESSION',
  /** protocol 'h2' on https: and the server's ALPN did not choose h2 (it ignores ALPN). */
  notNegotiated: 'LC_H2_NOT_NEGOTIATED',
} as const;

/** RFC 9113 section 7 error code names, by code. */
const NAMES: readonly string[] = [
  'NO_ERROR', 'PROTOCOL_ERROR', 'INTERNAL_ERROR', 'FLOW_CONTROL_ERROR', 'SETTINGS_TIMEOUT', 'STREAM_CLOSED',
  'FRAME_SIZE_ERROR', 'REFUSED_STREAM', 'CANCEL', 'COMPRESSION_ERROR', 'CONNECT_ERROR', 'ENHANCE_YOUR_CALM',
  'INADEQUATE_SECURITY', 'HTTP_1_1_REQUIRED',
];

/** The failure code of a stream the peer reset with `code` (an unknown code by number: bounded by 2^32, in practice by the server's few). */
export function rstStreamCode(code: number): string {
  return `${H2_ERRORS.rstStream}:${NAMES[code] ?? `0x${code.toString(16)}`}`;
}

/** nghttp2's error number for a flow-control violation (NGHTTP2_ERR_FLOW_CONTROL). */
const ERR_FLOW_CONTROL = -524;

/** The failure code of a session error Node raised (`e` from the session's 'error' event). */
export function sessionErrorCode(e: NodeJS.ErrnoException): string {
  const code = e.code ?? '';
  if (code === 'ERR_HTTP2_ERROR') return e.errno === ERR_FLOW_CONTROL ? H2_ERRORS.flowControl : H2_ERRORS.protocol;
  if (code === 'ERR_HTTP2_SESSION_ERROR') {
    // The peer's GOAWAY carried an error code (Node destroys the session with it).
    return H2_ERRORS.goaway;
  }
  if (code.startsWith('ERR_HTTP2_')) return `${H2_ERRORS.session}:${code}`;
  return code || e.name || 'Error';
}

/** The NO_ERROR code, for comparisons. */
export const NO_ERROR = constants.NGHTTP2_NO_ERROR;
