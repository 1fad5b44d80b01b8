import type { EndpointSeries, HttpTagCache } from './http-series.ts';
import { parseServerTiming } from './server-timing.ts';
import type { HttpPool } from './http-pool.ts';
import { CLIENT_ERRORS, type Exchange, type HttpProto } from './h1/exchange.ts';
import { asksClose, requestHead } from './h1/request-head.ts';
import { headersOf } from './h1/response-headers.ts';
import type { NotableHeaders } from './h1/response-parser.ts';
import { decodeBody, DECODE_ERROR } from './client/decode.ts';
import { isRedirect } from './client/redirects.ts';
import { captureResolve, takeResolve } from './capture-resolve.ts';

/** What a request in flight reads of its request (a SendSpec, or a client layer's own request object). */
export interface RequestFields {
  method: string;
  body?: string | Buffer;
  /** The endpoint's pre-resolved series (name, method). */
  endpoint: EndpointSeries;
  /** Statuses counted as success; undefined = 200-399. */
  expect?: readonly number[];
  /**
   * Keep the body text and the headers and resolve with the request's result (the exec client needs
   * them). Flow steps only count bytes and need only to know the request ended: without readBody the
   * promise resolves with the shared STEP_DONE, not a result of this request.
   */
  readBody: boolean;
  /** Bound of the whole request, ms, from its write to its last byte (time queued for a pool connection excluded: it is in http_req_blocked). */
  timeoutMs: number;
}

/** One request to send through a pool. `path` is origin-relative and starts with '/'. */
export interface SendSpec extends RequestFields {
  path: string;
  headers: Record<string, string>;
  /** The client follows a redirect of this request: a 301/302/303/307/308 with a Location counts as expected whatever `expect` says (it is judged on the final response). */
  follow?: boolean;
}

/** What a request produced; failures never throw. */
export interface SendResult {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
  /** ms from the intended start to the last byte. */
  duration: number;
  ok: boolean;
  error?: string;
  /** Location, Set-Cookie and Content-Encoding, also without readBody (a result without readBody has only these and status). */
  notable?: NotableHeaders;
}

function isExpected(status: number, expect: readonly number[] | undefined): boolean {
  return expect ? expect.includes(status) : status >= 200 && status < 400;
}

const EMPTY = Buffer.alloc(0);
const NO_HEADERS: Readonly<Record<string, string>> = Object.freeze({});

/** What a request sent without readBody resolves with (no figures of its own: they are in the metrics). */
export const STEP_DONE: SendResult = Object.freeze({ status: 0, headers: Object.freeze({}), body: '', duration: 0, ok: true }) as SendResult;

/** Slots of a request's samples in a scratch array (T_END first: addFrom reads the clock from index 0). */
const T_END = 0, T_ONE = 1, T_FAILED = 2, T_DURATION = 3, T_BLOCKED = 4, T_TLS = 5, T_CONNECTING = 6, T_SENDING = 7, T_WAITING = 8, T_RECEIVING = 9, T_SENT = 10, T_RECEIVED = 11;
/**
 * Scratch arrays of the requests recording now: one while one records; a recording that triggers
 * another (closing a second may run code that ends requests) takes the next, so none is overwritten.
 */
const scratches: Float64Array[] = [];
let recording = 0;
function takeScratch(): Float64Array {
  if (recording === scratches.length) scratches.push(new Float64Array(12));
  return scratches[recording++];
}
function releaseScratch(): void {
  recording--;
}

/** Something in flight that a stop can cut. */
export interface Abortable { abort(): void }

/** The requests of one VU that are in flight, so a stop can abort them with one signal listener per VU. */
export class InflightRequests {
  /** Set once the VU's signal aborted: requests failing after it were cut by loadcert's stop. */
  aborted = false;
  /** A VU's steps have one request in flight: it takes this slot; concurrent ones (exec) the set. */
  private one: Abortable | undefined;
  private more: Set<Abortable> | undefined;
  /** Tracks a started request (aborting it at once when the VU is already stopping). */
  add(r: Abortable): void {
    if (this.aborted) r.abort();
    else if (!this.one) this.one = r;
    else (this.more ??= new Set()).add(r);
  }
  /** Forgets a finished request. */
  delete(r: Abortable): void {
    if (this.one === r) this.one = undefined;
    else this.more?.delete(r);
  }
  /** Aborts every request in flight. */
  abortAll(): void {
    this.aborted = true;
    const all = this.more ? [...this.more] : [];
    if (this.one) all.push(this.one);
    this.one = undefined;
    this.more = undefined;
    for (const r of all) r.abort();
  }
}

/**
 * One request in flight, as the pool's Exchange (methods on the prototype: the hot path creates one
 * object per request and no closures). Its times, all performance.now(): intended start -> `writeAt`
 * (a connection is free and the request is written now) -> `sentAt` (the whole request is in the
 * kernel) -> `firstByteAt` (the first response bytes were read) -> end (the last byte was parsed).
 * A subclass says where the result goes (`settle`, called exactly once); `start` sends it.
 */
export abstract class RequestHandler implements Exchange, Abortable {
  conn: Exchange['conn'] = undefined;
  retried = false;
  /** Set by `start`. */
  head: Buffer = EMPTY;
  bodyBytes = 0;
  private pool: HttpPool | undefined;
  /** Origin-relative path and request headers (HTTP/2 sends them as pseudo-headers and fields); set by `start`. */
  path = '';
  headers: Readonly<Record<string, string>> = NO_HEADERS;
  private writeAt = 0;
  private sentAt = 0;
  private firstByteAt = 0;
  private connectMs = 0;
  private tlsMs = 0;
  private proto: HttpProto | undefined;
  private status = 0;
  private raw: string[] | undefined;
  private serverTiming: string[] | undefined;
  private notable: NotableHeaders | undefined;
  private chunks: Buffer[] | undefined;
  private settled = false;

  constructor(
    private spec: RequestFields,
    /** See SendSpec.follow. */
    private follows: boolean,
    private intendedAt: number,
    private readonly tags: HttpTagCache,
    private readonly inflight: InflightRequests,
  ) {
    this.prepare(spec, follows, intendedAt);
  }

  /** Makes this object a new request (a subclass reuses a settled one: nothing refers to it once it settled). */
  protected prepare(spec: RequestFields, follows: boolean, intendedAt: number): void {
    this.spec = spec;
    this.follows = follows;
    this.intendedAt = intendedAt;
    this.conn = undefined;
    this.retried = false;
    this.head = EMPTY;
    this.bodyBytes = spec.body ? Buffer.byteLength(spec.body) : 0;
    this.pool = undefined;
    this.path = '';
    this.headers = NO_HEADERS;
    this.proto = undefined;
    this.writeAt = 0;
    this.sentAt = 0;
    this.firstByteAt = 0;
    this.connectMs = 0;
    this.tlsMs = 0;
    this.status = 0;
    this.raw = undefined;
    this.serverTiming = undefined;
    this.notable = undefined;
    this.chunks = spec.readBody ? [] : undefined;
    this.settled = false;
  }

  /** Receives the request's result, once (STEP_DONE on the fast path, see RequestFields.readBody). */
  protected abstract settle(r: SendResult): void;

  get method(): string { return this.spec.method; }
  get body(): string | Buffer | undefined { return this.spec.body; }
  get readBody(): boolean { return this.spec.readBody; }
  get timeoutMs(): number { return this.spec.timeoutMs; }
  get closeAfter(): boolean { return asksClose(this.head); }

  abort(): void {
    this.pool?.abort(this);
  }

  /** Builds the head and hands the request to `pool` (or fails it at once: a head that cannot be sent, a VU already stopping). */
  start(pool: HttpPool, path: string, headers: Record<string, string>): void {
    this.path = path;
    this.headers = headers;
    const head = requestHead(this.spec.method, path, headers, pool.host, this.bodyBytes);
    if (head === undefined) return this.failed(CLIENT_ERRORS.invalidRequest, 0, 0);
    this.head = head;
    // A VU already stopping sends nothing (inflight.add's abort cannot reach a request not yet in the pool).
    if (this.inflight.aborted) return this.failed(CLIENT_ERRORS.aborted, 0, 0);
    this.pool = pool;
    this.inflight.add(this);
    pool.send(this);
  }

  written(connectMs: number, at: number, tlsMs: number, proto: HttpProto): void {
    this.writeAt = at;
    this.proto = proto;
    this.connectMs = connectMs;
    this.tlsMs = tlsMs;
  }

  sent(): void {
    this.sentAt = performance.now();
  }

  firstByte(): void {
    this.firstByteAt = performance.now();
  }

  response(status: number, raw: string[] | undefined, serverTiming: string[] | undefined, notable: NotableHeaders | undefined): void {
    this.status = status;
    this.raw = raw;
    this.serverTiming = serverTiming;
    this.notable = notable;
  }

  bodyChunk(chunk: Buffer): void {
    this.chunks?.push(chunk);
  }

  complete(bytesWritten: number, bytesRead: number, at?: number): void {
    this.finish(undefined, bytesWritten, bytesRead, at);
  }

  failed(code: string, bytesWritten: number, bytesRead: number): void {
    this.finish(code, bytesWritten, bytesRead, undefined);
  }

  /** `at`: the end's performance.now() when the pool read it. */
  private finish(cause: string | undefined, bytesWritten: number, bytesRead: number, at: number | undefined): void {
    if (this.settled) return;
    this.settled = true;
    const end = at ?? performance.now();
    const { spec, intendedAt } = this;
    this.inflight.delete(this);
    const duration = end - intendedAt;
    if (cause && this.inflight.aborted) {
      // Cut by loadcert's own stop: not a failure of the system under test, and not a latency.
      this.tags.interrupted.addAt(1, end);
      this.settle({ status: 0, headers: {}, body: '', duration, ok: false, error: 'interrupted' });
      return;
    }
    const notable = this.notable;
    let body: Buffer | undefined;
    if (spec.readBody && !cause) {
      // After `end`: decoding is never part of a request's timings.
      const chunks = this.chunks!;
      body = chunks.length === 1 ? chunks[0] : Buffer.concat(chunks);
      const enc = notable?.contentEncoding;
      if (enc !== undefined) {
        try { body = decodeBody(body, enc); } catch { cause = DECODE_ERROR; }
      }
    }
    this.chunks = undefined;
    const status = cause ? 0 : this.status;
    const ok = !cause && (isExpected(status, spec.expect) || (this.follows && isRedirect(status, notable?.location)));
    const s = cause ? spec.endpoint.error(cause, this.proto) : spec.endpoint.status(status, ok, this.proto);
    // The samples go through a scratch array (addFrom): no double is boxed to cross a call.
    const v = takeScratch();
    v[T_END] = end;
    v[T_ONE] = 1;
    v[T_FAILED] = ok ? 0 : 1;
    v[T_DURATION] = duration;
    const writeAt = this.writeAt || end; // never written: all of it was blocked
    v[T_BLOCKED] = writeAt - intendedAt;
    v[T_SENT] = bytesWritten;
    v[T_RECEIVED] = bytesRead;
    try {
      s.reqs.addFrom(v, T_ONE);
      s.failed.addFrom(v, T_FAILED);
      s.duration.addFrom(v, T_DURATION);
      s.blocked.addFrom(v, T_BLOCKED);
      if (this.writeAt) {
        const sentAt = this.sentAt || end;
        const first = this.firstByteAt >= sentAt ? this.firstByteAt : sentAt;
        // Both are part of blocked: a connect begun before this request was due counts only from its
        // intended start (the TLS handshake, the later phase, first; then the TCP connect before it).
        const blocked = writeAt - intendedAt;
        const tls = Math.min(this.tlsMs, blocked);
        v[T_TLS] = tls;
        v[T_CONNECTING] = Math.min(this.connectMs, blocked - tls);
        v[T_SENDING] = sentAt - writeAt;
        v[T_WAITING] = (cause ? end : first) - sentAt;
        v[T_RECEIVING] = cause ? 0 : end - first;
        s.tlsHandshaking.addFrom(v, T_TLS);
        s.connecting.addFrom(v, T_CONNECTING);
        s.sending.addFrom(v, T_SENDING);
        s.waiting.addFrom(v, T_WAITING);
        s.receiving.addFrom(v, T_RECEIVING);
      }
      s.sent.addFrom(v, T_SENT);
      s.received.addFrom(v, T_RECEIVED);
    } finally {
      releaseScratch();
    }
    const st = this.serverTiming;
    if (st) for (const e of parseServerTiming(st)) spec.endpoint.serverTiming(e.name).add(e.dur);
    if (!spec.readBody) {
      // The fast path: nothing for the layers above unless a redirect or a cookie came.
      if (cause || notable === undefined || (notable.location === undefined && notable.setCookie === undefined)) return this.settle(STEP_DONE);
      return this.settle({ status, headers: STEP_DONE.headers, body: '', duration, ok, notable });
    }
    const status2 = cause === DECODE_ERROR ? this.status : status; // a body that cannot be decoded still had a status
    this.settle({ status: status2, headers: this.raw ? headersOf(this.raw) : {}, body: body ? body.toString('utf8') : '', duration, ok, error: cause, notable: cause && cause !== DECODE_ERROR ? undefined : notable });
  }
}

/** A request whose result resolves a promise (sendRequest). */
class PromisedRequest extends RequestHandler {
  resolve: (r: SendResult) => void = noop;
  protected settle(r: SendResult): void { this.resolve(r); }
}

/** A request whose result is kept for a synchronous caller (refuseRequest). */
class KeptRequest extends RequestHandler {
  result: SendResult = STEP_DONE;
  protected settle(r: SendResult): void { this.result = r; }
}

function noop(): void {}

/** Records a request refused before anything was sent (e.g. a redirect to a host the guard refuses) as a failed sample with `code`. */
export function refuseRequest(spec: SendSpec, code: string, intendedAt: number, tags: HttpTagCache, inflight: InflightRequests): SendResult {
  const r = new KeptRequest({ ...spec, readBody: true }, spec.follow === true, intendedAt, tags, inflight);
  r.failed(code, 0, 0);
  return r.result;
}

/**
 * Sends one request through `pool`, measuring from `intendedAt` (performance.now() time base), and
 * records into the endpoint's series: http_reqs, http_req_failed, http_req_duration (intended start to
 * last byte) and its phases http_req_blocked (intended start to the write, pool queue and connect
 * included; over HTTP/2 also the wait for a stream slot), http_req_connecting (TCP connect; 0 on a reused connection or session), http_req_tls_handshaking, http_req_sending, http_req_waiting, http_req_receiving, plus data_sent /
 * data_received (bytes this request wrote to and read from its socket) and server_timing. Every sample
 * is tagged expected_response, and proto (HTTP/1.1 or HTTP/2.0) once it was written. A request cut by loadcert's own stop records only interrupted_operations.
 * Never rejects.
 */
export function sendRequest(pool: HttpPool, spec: SendSpec, intendedAt: number, tags: HttpTagCache, inflight: InflightRequests): Promise<SendResult> {
  const r = new PromisedRequest(spec, spec.follow === true, intendedAt, tags, inflight);
  const p = new Promise<SendResult>(captureResolve);
  r.resolve = takeResolve<SendResult>();
  r.start(pool, spec.path, spec.headers);
  return p;
}
