// The contract between one request in flight and the connection pool that carries it.
import type { NotableHeaders } from './response-parser.ts';

/** Every error code the HTTP/1.1 client reports itself (network errors keep Node's code, e.g. ECONNREFUSED). */
export const CLIENT_ERRORS = {
  /** The response did not end within the request's timeout, counted from its write (see H1Connection.start). */
  timeout: 'LC_HTTP_TIMEOUT',
  /** The TCP connect and TLS handshake did not finish within min(timeout, 10 s). */
  connectTimeout: 'LC_HTTP_CONNECT_TIMEOUT',
  /** The server closed the connection before the response ended. */
  closed: 'LC_HTTP_CLOSED',
  /** The pool was closed (the workload ended) while the request waited. */
  poolClosed: 'LC_HTTP_POOL_CLOSED',
  /** Cut by loadcert's own stop. */
  aborted: 'aborted',
  /** Refused before sending (see requestHead): a bad method, path or header; nothing was written. */
  invalidRequest: 'LC_HTTP_INVALID_REQUEST',
  /** A response that is not valid HTTP/1.1. */
  parse: 'LC_HTTP_PARSE',
  /** A response head (or trailer block) over MAX_HEAD_BYTES. */
  headTooLarge: 'LC_HTTP_HEAD_TOO_LARGE',
  /** A 101 Switching Protocols answer (upgrades are not supported). */
  upgrade: 'LC_HTTP_UPGRADE',
} as const;

/** The protocol a request went over, as k6's `proto` tag writes it. */
export type HttpProto = 'HTTP/1.1' | 'HTTP/2.0';

/**
 * One request as the pool sees it (an HTTP/1.1 pool or an HTTP/2 session pool, see ../http-pool.ts). The pool writes `head` (and `body`) to a connection and reports
 * the request's lifecycle through the callbacks, each at most once and in this order: written, sent,
 * firstByte, response, body*, then exactly one of complete / failed (failed may come at any point).
 */
export interface Exchange {
  readonly method: string;
  /** The request head's bytes, see requestHead (HTTP/1.1; also proves method, path and headers valid). */
  readonly head: Buffer;
  /** Origin-relative target (HTTP/2's :path). */
  readonly path: string;
  /** The request's headers as given (HTTP/2 sends them as fields; HTTP/1.1 uses `head`). */
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string | Buffer | undefined;
  /** Byte length of `body` (a string as UTF-8). */
  readonly bodyBytes: number;
  /** Keep response headers and body (else only counted). */
  readonly readBody: boolean;
  /** Bound of the whole request, ms: from the write (and the connect it waited for) to the response's last byte. */
  readonly timeoutMs: number;
  /** The request asked for `Connection: close`: the connection is closed after its response (absent = keep-alive). */
  readonly closeAfter?: boolean;
  /** Set by the pool while a connection carries it; undefined while queued. */
  conn: { abort(ex: Exchange): void } | undefined;
  /** The pool already sent it again once (after a reused connection died before any response byte). */
  retried: boolean;
  /**
   * Right before the write, at performance.now() `at`; `connectMs` (TCP connect) and `tlsMs` (TLS handshake)
   * are the connection's (HTTP/2: the session's) if this is its first request, else 0; `proto` the protocol it goes over.
   */
  written(connectMs: number, at: number, tlsMs: number, proto: HttpProto): void;
  /** The whole request was handed to the kernel. */
  sent(): void;
  /** The first response byte arrived. */
  firstByte(): void;
  /** The final response head was parsed (raw headers only with readBody; `notable` always, when one of its headers came). */
  response(status: number, raw: string[] | undefined, serverTiming: string[] | undefined, notable: NotableHeaders | undefined): void;
  /** A piece of the body (only with readBody). */
  bodyChunk(chunk: Buffer): void;
  /**
   * The response ended; byte counts are what this request wrote to and read from the socket (both
   * sockets when it was sent again); `at`: performance.now() when its last byte was parsed, when the pool read it.
   */
  complete(bytesWritten: number, bytesRead: number, at?: number): void;
  /** The request failed with `code`; bytes as in complete. */
  failed(code: string, bytesWritten: number, bytesRead: number): void;
}
