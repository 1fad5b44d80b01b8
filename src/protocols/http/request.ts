import type { Dispatcher } from 'undici';
import type { EndpointSeries, HttpTagCache } from './http-series.ts';
import { parseServerTiming } from './server-timing.ts';
import { claimSocket, doneWith, willWrite, type SocketTimed, type TimedSocket } from './socket-timing.ts';

/** One request to send through a pool. `path` is origin-relative and starts with '/'. */
export interface SendSpec {
  method: string;
  path: string;
  headers: Record<string, string>;
  body?: string;
  /** The endpoint's pre-resolved series (name, method). */
  endpoint: EndpointSeries;
  /** Statuses counted as success; undefined = 200-399. */
  expect?: readonly number[];
  /** Keep the body text and the headers (the exec client needs them; flow steps only count bytes). */
  readBody: boolean;
  timeoutMs: number;
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
}

function isExpected(status: number, expect: readonly number[] | undefined): boolean {
  return expect ? expect.includes(status) : status >= 200 && status < 400;
}

/** Response headers from undici's raw [name, value, ...] buffers: lower-case names, repeated names as arrays. */
function parseRawHeaders(raw: Buffer[]): Record<string, string | string[] | undefined> {
  const out: Record<string, string | string[] | undefined> = {};
  for (let i = 0; i + 1 < raw.length; i += 2) {
    const k = raw[i].toString('latin1').toLowerCase();
    const v = raw[i + 1].toString('latin1');
    const prev = out[k];
    out[k] = prev === undefined ? v : Array.isArray(prev) ? [...prev, v] : [prev, v];
  }
  return out;
}

const SERVER_TIMING = 'server-timing';

/** Server-Timing values among raw headers, without building a header object. */
function serverTimingOf(raw: Buffer[]): string[] | undefined {
  let out: string[] | undefined;
  for (let i = 0; i + 1 < raw.length; i += 2) {
    const k = raw[i];
    if (k.length === SERVER_TIMING.length && k.toString('latin1').toLowerCase() === SERVER_TIMING) (out ??= []).push(raw[i + 1].toString('latin1'));
  }
  return out;
}

/** The requests of one VU that are in flight, so a stop can abort them with one signal listener per VU. */
export class InflightRequests {
  /** Set once the VU's signal aborted: requests failing after it were cut by loadcert's stop. */
  aborted = false;
  private readonly aborts = new Set<(err?: Error) => void>();
  /** Tracks a started request (aborting it at once when the VU is already stopping). */
  add(abort: (err?: Error) => void): void {
    if (this.aborted) abort(new Error('aborted'));
    else this.aborts.add(abort);
  }
  /** Forgets a finished request. */
  delete(abort: ((err?: Error) => void) | undefined): void {
    if (abort) this.aborts.delete(abort);
  }
  /** Aborts every request in flight. */
  abortAll(): void {
    this.aborted = true;
    for (const a of this.aborts) a(new Error('aborted'));
    this.aborts.clear();
  }
}

/**
 * One request in flight: an undici dispatch handler (methods on the prototype, so the hot path creates
 * one object per request and no closures). Its times, all performance.now():
 * intended start -> `writeAt` (undici's onConnect: the request got a connection and is written next)
 * -> `sentAt` (onRequestSent: the whole request is in the socket) -> `firstByteAt` (the socket's first
 * readable data after the write) -> end (onComplete: the last byte was parsed).
 */
class RequestHandler implements SocketTimed {
  firstByteAt = 0;
  private writeAt = 0;
  private sentAt = 0;
  private connectMs = 0;
  private socket: TimedSocket | undefined;
  private written0 = 0;
  private read0 = 0;
  private status = 0;
  private rawHeaders: Buffer[] | undefined;
  private chunks: Buffer[] | undefined;
  private abort: ((err?: Error) => void) | undefined;
  private settled = false;

  constructor(
    private readonly spec: SendSpec,
    private readonly intendedAt: number,
    private readonly tags: HttpTagCache,
    private readonly inflight: InflightRequests,
    private readonly resolve: (r: SendResult) => void,
  ) {
    if (spec.readBody) this.chunks = [];
  }

  onConnect(abort: (err?: Error) => void): void {
    this.writeAt = performance.now();
    this.abort = abort;
    this.inflight.add(abort);
    willWrite(this);
  }

  attach(socket: TimedSocket): void {
    this.socket = socket;
    this.written0 = socket.bytesWritten;
    this.read0 = socket.bytesRead;
    this.connectMs = claimSocket(socket, this);
  }

  onRequestSent(): void {
    this.sentAt = performance.now();
  }

  onUpgrade(): void {
    this.finish('upgrade not supported');
  }

  onHeaders(statusCode: number, rawHeaders: Buffer[]): boolean {
    this.status = statusCode;
    this.rawHeaders = rawHeaders;
    return true;
  }

  onData(chunk: Buffer): boolean {
    if (this.chunks) this.chunks.push(chunk);
    return true;
  }

  onComplete(): void {
    this.finish();
  }

  onError(err: Error): void {
    this.finish((err as { code?: string }).code || err.name || 'Error');
  }

  private finish(cause?: string): void {
    if (this.settled) return;
    this.settled = true;
    const end = performance.now();
    const { spec, intendedAt, socket } = this;
    this.inflight.delete(this.abort);
    doneWith(this, socket);
    const duration = end - intendedAt;
    if (cause && this.inflight.aborted) {
      // Cut by loadcert's own stop: not a failure of the system under test, and not a latency.
      this.tags.interrupted.add(1);
      this.resolve({ status: 0, headers: {}, body: '', duration, ok: false, error: 'interrupted' });
      return;
    }
    const status = cause ? 0 : this.status;
    const ok = !cause && isExpected(status, spec.expect);
    const s = cause ? spec.endpoint.error(cause) : spec.endpoint.status(status, ok);
    s.reqs.add(1);
    s.failed.add(ok ? 0 : 1);
    s.duration.add(duration);
    const writeAt = this.writeAt || end; // never written: all of it was blocked
    s.blocked.add(writeAt - intendedAt);
    if (this.writeAt) {
      const sentAt = this.sentAt || end;
      const first = this.firstByteAt >= sentAt ? this.firstByteAt : sentAt;
      s.connecting.add(Math.min(this.connectMs, writeAt - intendedAt));
      s.sending.add(sentAt - writeAt);
      s.waiting.add((cause ? end : first) - sentAt);
      s.receiving.add(cause ? 0 : end - first);
    }
    if (socket) {
      s.sent.add(socket.bytesWritten - this.written0);
      s.received.add(socket.bytesRead - this.read0);
    }
    const raw = this.rawHeaders;
    if (raw) {
      const st = serverTimingOf(raw);
      if (st) for (const e of parseServerTiming(st)) spec.endpoint.serverTiming(e.name).add(e.dur);
    }
    const body = this.chunks ? Buffer.concat(this.chunks).toString('utf8') : '';
    this.chunks = undefined;
    const headers = spec.readBody && raw ? parseRawHeaders(raw) : {};
    this.resolve({ status, headers, body, duration, ok, error: cause });
  }
}

/**
 * Sends one request through `pool`, measuring from `intendedAt` (performance.now() time base), and
 * records into the endpoint's series: http_reqs, http_req_failed, http_req_duration (intended start to
 * last byte) and its phases http_req_blocked (intended start to the write, pool queue and connect
 * included), http_req_connecting, http_req_sending, http_req_waiting, http_req_receiving, plus data_sent /
 * data_received (socket byte counters) and server_timing. Every sample is tagged expected_response.
 * A request cut by loadcert's own stop records only interrupted_operations. Never rejects.
 */
export function sendRequest(pool: Dispatcher, spec: SendSpec, intendedAt: number, tags: HttpTagCache, inflight: InflightRequests): Promise<SendResult> {
  return new Promise((resolve) => {
    pool.dispatch(
      {
        origin: undefined,
        method: spec.method as Dispatcher.HttpMethod,
        path: spec.path,
        headers: spec.headers,
        body: spec.body,
        headersTimeout: spec.timeoutMs,
        bodyTimeout: spec.timeoutMs,
      },
      new RequestHandler(spec, intendedAt, tags, inflight, resolve) as unknown as Dispatcher.DispatchHandler,
    );
  });
}
