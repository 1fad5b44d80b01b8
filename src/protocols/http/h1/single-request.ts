// One request over a pool (HTTP/1.1 or HTTP/2) outside the load (health probes): status, headers, a capped body and its
// duration, with a timeout and an abort signal of its own. No metrics are recorded.
import { CLIENT_ERRORS, type Exchange } from './exchange.ts';
import type { HttpPool } from '../http-pool.ts';
import { requestHead } from './request-head.ts';
import { headersOf } from './response-headers.ts';

/** What singleRequest sends. */
export interface SingleRequestOptions {
  method: string;
  /** Origin-relative target, starting with '/'. */
  path: string;
  headers: Record<string, string>;
  /** Bound of the whole request from the moment it is handed to the pool (connect and queue included), ms. */
  timeoutMs: number;
  /** Most body bytes kept (the rest is read and counted, not kept). */
  maxBodyBytes: number;
  signal?: AbortSignal;
}

/** The outcome; `error` is a client code (LC_HTTP_*, a Node network code such as ECONNREFUSED) when no response came. */
export interface SingleResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
  /** ms from the call to the end (or failure). */
  durationMs: number;
  error?: string;
  /** Ended by `timeoutMs` (then error is LC_HTTP_TIMEOUT). */
  timedOut: boolean;
  /** Ended by `signal` (then error is 'aborted'). */
  aborted: boolean;
}

class SingleExchange implements Exchange {
  conn: Exchange['conn'] = undefined;
  retried = false;
  readonly body = undefined;
  readonly bodyBytes = 0;
  readonly readBody = true;
  timedOut = false;
  aborted = false;
  private status = 0;
  private raw: string[] | undefined;
  private kept: Buffer[] = [];
  private keptBytes = 0;
  private done = false;
  constructor(
    readonly method: string,
    readonly head: Buffer,
    readonly path: string,
    readonly headers: Readonly<Record<string, string>>,
    readonly timeoutMs: number,
    private readonly maxBody: number,
    private readonly start: number,
    private readonly settle: (r: SingleResponse) => void,
  ) {}
  written(): void {}
  sent(): void {}
  firstByte(): void {}
  response(status: number, raw: string[] | undefined): void {
    this.status = status;
    this.raw = raw;
  }
  bodyChunk(chunk: Buffer): void {
    if (this.keptBytes >= this.maxBody) return;
    const piece = chunk.subarray(0, this.maxBody - this.keptBytes);
    this.kept.push(Buffer.from(piece)); // the chunk is a view into the socket's buffer
    this.keptBytes += piece.length;
  }
  complete(): void {
    this.finish(undefined);
  }
  failed(code: string): void {
    this.finish(this.timedOut ? CLIENT_ERRORS.timeout : code);
  }
  private finish(error: string | undefined): void {
    if (this.done) return;
    this.done = true;
    const durationMs = performance.now() - this.start;
    if (error) return this.settle({ status: 0, headers: {}, body: '', durationMs, error, timedOut: this.timedOut || error === CLIENT_ERRORS.timeout, aborted: this.aborted });
    const body = Buffer.concat(this.kept).toString('utf8');
    this.settle({ status: this.status, headers: this.raw ? headersOf(this.raw) : {}, body, durationMs, timedOut: false, aborted: false });
  }
}

/** Sends one request through `pool` and resolves with its outcome; never rejects. */
export function singleRequest(pool: HttpPool, opts: SingleRequestOptions): Promise<SingleResponse> {
  return new Promise((resolve) => {
    const start = performance.now();
    const head = requestHead(opts.method, opts.path, opts.headers, pool.host, 0);
    if (!head) return resolve({ status: 0, headers: {}, body: '', durationMs: 0, error: CLIENT_ERRORS.invalidRequest, timedOut: false, aborted: false });
    const signal = opts.signal;
    let timer: NodeJS.Timeout | undefined;
    const onAbort = (): void => {
      ex.aborted = true;
      pool.abort(ex);
    };
    const ex = new SingleExchange(opts.method, head, opts.path, opts.headers, opts.timeoutMs, opts.maxBodyBytes, start, (r) => {
      clearTimeout(timer);
      signal?.removeEventListener('abort', onAbort);
      resolve(r);
    });
    if (signal?.aborted) {
      ex.aborted = true;
      return ex.failed(CLIENT_ERRORS.aborted);
    }
    signal?.addEventListener('abort', onAbort, { once: true });
    // The pool's own deadline counts from the write and fires up to its sweep late; this one bounds the call.
    timer = setTimeout(() => {
      ex.timedOut = true;
      pool.abort(ex);
    }, opts.timeoutMs);
    pool.send(ex);
  });
}
