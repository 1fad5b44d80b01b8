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

/** Interns the tag sets of a workload's HTTP samples; one instance per workload. */
export class HttpTagCache {
  private readonly reqTags = new Map<string, TagSet>();
  private readonly stTags = new Map<string, TagSet>();
  constructor(
    private readonly base: Readonly<Record<string, string>>,
    private readonly intern: (t: Record<string, string>) => TagSet,
  ) {}
  /** Tags of one request's samples. */
  request(name: string, method: string, status: number, error?: string): TagSet {
    const key = `${name}\0${method}\0${status}\0${error ?? ''}`;
    let t = this.reqTags.get(key);
    if (!t) {
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

function headerBytes(headers: Record<string, string | string[] | undefined>): number {
  let n = 17;
  for (const k in headers) {
    const v = headers[k];
    n += k.length + 4 + (Array.isArray(v) ? v.join(', ').length : v ? v.length : 0);
  }
  return n;
}

/**
 * Sends one request through `pool`, measuring from `intendedAt` (performance.now() time base), and
 * http_req_receiving, http_req_failed, data_sent, data_received and server_timing into `sink`.
 */
export function sendRequest(
  pool: Dispatcher,
  spec: SendSpec,
  intendedAt: number,
  sink: SampleSink,
  tags: HttpTagCache,
  signal?: AbortSignal,
): Promise<SendResult> {
  return new Promise((resolve) => {
    const start = performance.now();
    let headersAt = 0;
    let status = 0;
    let resHeaders: Record<string, string | string[] | undefined> = {};
    let received = 0;
    let chunks: Buffer[] | undefined = spec.readBody ? [] : undefined;
    let controller: Dispatcher.DispatchController | undefined;
    let settled = false;
    const onAbort = () => controller?.abort(new Error('aborted'));
    if (signal) signal.addEventListener('abort', onAbort, { once: true });

    const finish = (error?: string) => {
      if (settled) return;
      settled = true;
      if (signal) signal.removeEventListener('abort', onAbort);
      if (signal?.aborted) {
        // Cut by the hard stop: not a measurement of the system under test.
        resolve({ status: 0, headers: {}, body: '', duration: 0, ok: false, error: 'aborted' });
        return;
      }
      const end = performance.now();
      const duration = end - intendedAt;
      const ok = !error && isExpected(status, spec.expect);
      const t = tags.request(spec.name, spec.method, error ? 0 : status, error);
      sink.add('http_reqs', 1, t);
      sink.add('http_req_duration', duration, t);
      sink.add('http_req_blocked', start - intendedAt, t);
      if (headersAt) {
        sink.add('http_req_waiting', headersAt - start, t);
        sink.add('http_req_receiving', end - headersAt, t);
      }
      sink.add('http_req_failed', ok ? 0 : 1, t);
      sink.add('data_sent', spec.method.length + spec.path.length + 40 + (spec.body ? Buffer.byteLength(spec.body) : 0), t);
      if (headersAt) sink.add('data_received', received + headerBytes(resHeaders), t);
      const st = resHeaders['server-timing'];
      if (st) for (const e of parseServerTiming(st)) sink.add('server_timing', e.dur, tags.serverTiming(e.name, spec.name));
      const body = chunks ? Buffer.concat(chunks).toString('utf8') : '';
      chunks = undefined;
      resolve({ status: error ? 0 : status, headers: resHeaders, body, duration, ok, error });
    };

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
      {
        onRequestStart(c) {
          controller = c;
          if (signal?.aborted) c.abort(new Error('aborted'));
        },
        onResponseStart(_c, statusCode, headers) {
          headersAt = performance.now();
          status = statusCode;
          resHeaders = headers as Record<string, string | string[] | undefined>;
        },
        onResponseData(_c, chunk) {
          received += chunk.length;
          if (chunks) chunks.push(chunk);
        },
        onResponseEnd() {
          finish();
        },
        onResponseError(_c, err) {
          const code = (err as { code?: string }).code;
          finish(code || err.name || 'Error');
        },
      },
    );
  });
}
