import type { Dispatcher } from 'undici';
import type { SampleSink, TagSet } from '../../metrics/types.ts';
import { parseServerTiming } from './server-timing.ts';

/** One request to send through a pool. `path` is origin-relative and starts with '/'. */
export interface SendSpec {
  method: string;
  path: string;
  headers: Record<string, string>;
  body?: string;
  /** Endpoint name tag. */
  name: string;
  /** Statuses counted as success; undefined = 200-399. */
  expect?: readonly number[];
  /** Keep the body text (the exec client needs it; flow steps only count bytes). */
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

/** Distinct endpoint names one workload may create; later new names fold into `METHOD (other names)`. */
export const MAX_ENDPOINT_NAMES = 200;

/**
 * Interns the tag sets of a workload's HTTP samples; one instance per workload. Endpoint names are
 * capped (MAX_ENDPOINT_NAMES): a URL with an id in it used as a name would otherwise create a series,
 * and its histograms, per id.
 */
export class HttpTagCache {
  private readonly reqTags = new Map<string, TagSet>();
  private readonly stTags = new Map<string, TagSet>();
  private readonly names = new Set<string>();
  private warned = false;
  constructor(
    private readonly base: Readonly<Record<string, string>>,
    private readonly intern: (t: Record<string, string>) => TagSet,
    private readonly warn: (message: string) => void = () => {},
  ) {}
  /** Tags of one request's samples. */
  request(name: string, method: string, status: number, error?: string): TagSet {
    const key = `${name}\0${method}\0${status}\0${error ?? ''}`;
    let t = this.reqTags.get(key);
    if (!t) {
      if (!this.names.has(name)) {
        if (this.names.size >= MAX_ENDPOINT_NAMES && !name.endsWith(' (other names)')) {
          if (!this.warned) {
            this.warned = true;
            this.warn(`workload ${this.base.scenario ?? ''} produced more than ${MAX_ENDPOINT_NAMES} endpoint names (is an id in a URL used as the name?): further names are grouped as "${method} (other names)"; set tags: { name } on dynamic requests`);
          }
          const other = `${method} (other names)`;
          this.names.add(other); // always admitted, so the fallback cannot recurse
          return this.request(other, method, status, error);
        }
        this.names.add(name);
      }
      const tags: Record<string, string> = { ...this.base, name, method, status: String(status) };
      if (error) tags.error = error;
      t = this.intern(tags);
      this.reqTags.set(key, t);
    }
    return t;
  }
  /** Tags of a server_timing sample: the entry name, and the endpoint that reported it. */
  serverTiming(entry: string, endpoint: string): TagSet {
    const key = `${entry}\0${endpoint}`;
    let t = this.stTags.get(key);
    if (!t) {
      t = this.intern({ ...this.base, name: entry, endpoint });
      this.stTags.set(key, t);
    }
    return t;
  }
}

function isExpected(status: number, expect: readonly number[] | undefined): boolean {
  return expect ? expect.includes(status) : status >= 200 && status < 400;
}

/** Approximate bytes on the wire of a request: request line, headers and body. */
function requestBytes(spec: SendSpec): number {
  let n = spec.method.length + spec.path.length + 40;
  for (const k in spec.headers) n += k.length + spec.headers[k].length + 4;
  return n + (spec.body ? Buffer.byteLength(spec.body) : 0);
}

function headerBytes(headers: Record<string, string | string[] | undefined>): number {
  let n = 17;
  for (const k in headers) {
    const v = headers[k];
    n += k.length + 4 + (Array.isArray(v) ? v.join(', ').length : v ? v.length : 0);
  }
  return n;
}

/** The requests of one VU that are in flight, so a hard stop can abort them with one signal listener per VU. */
export class InflightRequests {
  /** Set once the VU's signal aborted: requests finishing after it are recorded as interrupted. */
  aborted = false;
  private readonly controllers = new Set<Dispatcher.DispatchController>();
  /** Tracks a started request (aborting it at once when the VU is already stopping). */
  add(c: Dispatcher.DispatchController): void {
    if (this.aborted) c.abort(new Error('aborted'));
    else this.controllers.add(c);
  }
  /** Forgets a finished request. */
  delete(c: Dispatcher.DispatchController | undefined): void {
    if (c) this.controllers.delete(c);
  }
  /** Aborts every request in flight. */
  abortAll(): void {
    this.aborted = true;
    for (const c of this.controllers) c.abort(new Error('aborted'));
    this.controllers.clear();
  }
}

/**
 * One request in flight: the undici dispatch handler (methods on the prototype, so the hot path
 * creates one object per request and no closures) that records the request's samples when it ends.
 */
class RequestHandler implements Dispatcher.DispatchHandler {
  private readonly start = performance.now();
  private headersAt = 0;
  private status = 0;
  private resHeaders: Record<string, string | string[] | undefined> = {};
  private received = 0;
  private chunks: Buffer[] | undefined;
  private controller: Dispatcher.DispatchController | undefined;
  private settled = false;

  constructor(
    private readonly spec: SendSpec,
    private readonly intendedAt: number,
    private readonly sink: SampleSink,
    private readonly tags: HttpTagCache,
    private readonly inflight: InflightRequests,
    private readonly resolve: (r: SendResult) => void,
  ) {
    if (spec.readBody) this.chunks = [];
  }

  onRequestStart(c: Dispatcher.DispatchController): void {
    this.controller = c;
    this.inflight.add(c);
  }

  onResponseStart(_c: Dispatcher.DispatchController, statusCode: number, headers: Record<string, string | string[] | undefined>): void {
    this.headersAt = performance.now();
    this.status = statusCode;
    this.resHeaders = headers;
  }

  onResponseData(_c: Dispatcher.DispatchController, chunk: Buffer): void {
    this.received += chunk.length;
    if (this.chunks) this.chunks.push(chunk);
  }

  onResponseEnd(): void {
    this.finish();
  }

  onResponseError(_c: Dispatcher.DispatchController, err: Error): void {
    this.finish((err as { code?: string }).code || err.name || 'Error');
  }

  private finish(cause?: string): void {
    if (this.settled) return;
    this.settled = true;
    const { spec, sink, tags, headersAt, status, resHeaders } = this;
    this.inflight.delete(this.controller);
    const error = cause && this.inflight.aborted ? 'interrupted' : cause;
    const end = performance.now();
    const duration = end - this.intendedAt;
    const ok = !error && isExpected(status, spec.expect);
    const t = tags.request(spec.name, spec.method, error ? 0 : status, error);
    sink.add('http_reqs', 1, t);
    sink.add('http_req_duration', duration, t);
    sink.add('http_req_blocked', this.start - this.intendedAt, t);
    if (headersAt) {
      sink.add('http_req_waiting', headersAt - this.start, t);
      sink.add('http_req_receiving', end - headersAt, t);
    }
    sink.add('http_req_failed', ok ? 0 : 1, t);
    sink.add('data_sent', requestBytes(spec), t);
    if (headersAt) sink.add('data_received', this.received + headerBytes(resHeaders), t);
    const st = resHeaders['server-timing'];
    if (st) for (const e of parseServerTiming(st)) sink.add('server_timing', e.dur, tags.serverTiming(e.name, spec.name));
    const body = this.chunks ? Buffer.concat(this.chunks).toString('utf8') : '';
    this.chunks = undefined;
    this.resolve({ status: error ? 0 : status, headers: resHeaders, body, duration, ok, error });
  }
}

/**
 * Sends one request through `pool`, measuring from `intendedAt` (performance.now() time base), and
 * records http_reqs, http_req_duration, http_req_waiting, http_req_blocked, http_req_receiving,
 * http_req_failed, data_sent, data_received and server_timing into `sink`. A request cut by a hard
 * stop is still recorded (failed, tagged error: interrupted, measured until the cut): a request
 * slower than gracefulStop is a real slow response, not a missing one. Never rejects.
 */
export function sendRequest(
  pool: Dispatcher,
  spec: SendSpec,
  intendedAt: number,
  sink: SampleSink,
  tags: HttpTagCache,
  inflight: InflightRequests,
): Promise<SendResult> {
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
      new RequestHandler(spec, intendedAt, sink, tags, inflight, resolve),
    );
  });
}
