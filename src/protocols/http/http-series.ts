import type { SampleSink, SeriesHandle, TagSet } from '../../contracts/metric-types.ts';
import { seriesHandle, type RecordingHandle } from '../../metrics/handle.ts';

/** Distinct endpoint names one workload may create; later new names fold into `METHOD (other names)`. */
export const MAX_ENDPOINT_NAMES = 200;

/** Endpoint series with extra tags one workload may create; past it, requests' extra tags are dropped (an id in a tag value would otherwise grow a series per id). */
export const MAX_TAGGED_ENDPOINTS = 2000;

/** Tags loadcert sets on every request sample itself. */
const RESERVED = new Set(['name', 'method', 'status', 'expected_response', 'error', 'scenario', 'proto']);

/** `tags` without the reserved ones, with string values, keys sorted (one key per tag set); undefined when none is left. */
function ownTags(tags: Readonly<Record<string, string>>): Record<string, string> | undefined {
  let out: Record<string, string> | undefined;
  for (const k of Object.keys(tags).sort()) {
    if (RESERVED.has(k) || tags[k] === undefined) continue;
    (out ??= {})[k] = String(tags[k]);
  }
  return out;
}

/** The pre-resolved series one request outcome records into (one tag set: endpoint, status, expected_response, error). */
export class RequestSeries {
  readonly reqs: RecordingHandle;
  readonly duration: RecordingHandle;
  readonly blocked: RecordingHandle;
  readonly connecting: RecordingHandle;
  readonly tlsHandshaking: RecordingHandle;
  readonly sending: RecordingHandle;
  readonly waiting: RecordingHandle;
  readonly receiving: RecordingHandle;
  readonly failed: RecordingHandle;
  readonly sent: RecordingHandle;
  readonly received: RecordingHandle;
  constructor(sink: SampleSink, readonly tags: TagSet) {
    const h = (m: string) => seriesHandle(sink, m, tags);
    this.reqs = h('http_reqs');
    this.duration = h('http_req_duration');
    this.blocked = h('http_req_blocked');
    this.connecting = h('http_req_connecting');
    this.tlsHandshaking = h('http_req_tls_handshaking');
    this.sending = h('http_req_sending');
    this.waiting = h('http_req_waiting');
    this.receiving = h('http_req_receiving');
    this.failed = h('http_req_failed');
    this.sent = h('data_sent');
    this.received = h('data_received');
  }
}

/** The proto tag's values (k6's); at most these two, so the tag multiplies the series by 2 at most. */
type Proto = 'HTTP/1.1' | 'HTTP/2.0';
/** A proto as a key digit: none (never written), HTTP/1.1, HTTP/2.0. */
const protoIndex = (p: Proto | undefined): number => (p === undefined ? 0 : p === 'HTTP/2.0' ? 2 : 1);

/** One endpoint (name, method) of a workload: its request series by status and by error (and proto), created on first use. */
export class EndpointSeries {
  private readonly byStatus = new Map<number, RequestSeries>();
  private readonly byError = new Map<string, RequestSeries>();
  private readonly stTags = new Map<string, SeriesHandle>();
  constructor(private readonly cache: HttpTagCache, readonly name: string, readonly method: string, readonly extra?: Readonly<Record<string, string>>) {}
  /** Series of a response with `status`; `expected` is the expected_response tag (the status was among the expected ones). */
  status(status: number, expected: boolean, proto?: Proto): RequestSeries {
    const key = (expected ? status : -status) * 4 + protoIndex(proto);
    let s = this.byStatus.get(key);
    if (!s) { s = this.cache.requestSeries(this.name, this.method, String(status), expected, undefined, this.extra, proto); this.byStatus.set(key, s); }
    return s;
  }
  /** Series of a request that failed without a response (status 0, tagged with the error code, expected_response:false; proto once it was written). */
  error(code: string, proto?: Proto): RequestSeries {
    const key = protoIndex(proto) + code;
    let s = this.byError.get(key);
    if (!s) { s = this.cache.requestSeries(this.name, this.method, '0', false, code, this.extra, proto); this.byError.set(key, s); }
    return s;
  }
  /** server_timing series of a Server-Timing entry reported by this endpoint. */
  serverTiming(entry: string): SeriesHandle {
    let h = this.stTags.get(entry);
    if (!h) { h = this.cache.serverTiming(entry, this.name); this.stTags.set(entry, h); }
    return h;
  }
}

/**
 * The series of a workload's HTTP samples, resolved once per endpoint and outcome; one instance per
 * workload. Endpoint names are capped (MAX_ENDPOINT_NAMES): a URL with an id in it used as a name would
 * otherwise create a series, and its histograms, per id.
 */
export class HttpTagCache {
  private readonly endpoints = new Map<string, EndpointSeries>();
  private readonly names = new Set<string>();
  private warned = false;
  /** interrupted_operations{scenario,protocol:http,op:request}: requests cut by loadcert's own stop. */
  readonly interrupted: SeriesHandle;
  constructor(
    private readonly base: Readonly<Record<string, string>>,
    private readonly intern: (t: Record<string, string>) => TagSet,
    private readonly sink: SampleSink,
    private readonly warn: (message: string) => void = () => {},
  ) {
    this.interrupted = seriesHandle(sink, 'interrupted_operations', intern({ scenario: base.scenario ?? '', protocol: 'http', op: 'request' }));
  }
  /**
   * The endpoint `name` `method` (or `METHOD (other names)` past the cap), with `extra` tags (a request's
   * params.tags other than name) on its samples; tags loadcert sets itself (method, status,
   * expected_response, error, scenario) cannot be overridden. The same object for the same arguments.
   */
  endpoint(name: string, method: string, extra?: Readonly<Record<string, string>>): EndpointSeries {
    let key = `${name}\0${method}`;
    if (extra) {
      const own = ownTags(extra);
      if (own) {
        key += `\0${JSON.stringify(own)}`;
        const e = this.endpoints.get(key);
        if (e) return e;
        const plain = this.endpoint(name, method); // the name cap applies to the name alone
        if (this.endpoints.size >= MAX_TAGGED_ENDPOINTS) return plain;
        const tagged = new EndpointSeries(this, plain.name, method, own);
        this.endpoints.set(key, tagged);
        return tagged;
      }
    }
    let e = this.endpoints.get(key);
    if (e) return e;
    if (!this.names.has(name)) {
      if (this.names.size >= MAX_ENDPOINT_NAMES && !name.endsWith(' (other names)')) {
        if (!this.warned) {
          this.warned = true;
          this.warn(`workload ${this.base.scenario ?? ''} produced more than ${MAX_ENDPOINT_NAMES} endpoint names (is an id in a URL used as the name?): further names are grouped as "${method} (other names)"; set tags: { name } on dynamic requests`);
        }
        const other = `${method} (other names)`;
        this.names.add(other); // always admitted, so the fallback cannot recurse
        return this.endpoint(other, method); // not kept under `key`: ids must not grow this map either
      }
      this.names.add(name);
    }
    e = new EndpointSeries(this, name, method);
    this.endpoints.set(key, e);
    return e;
  }
  /** Builds the series of one outcome (used by EndpointSeries). */
  requestSeries(name: string, method: string, status: string, expected: boolean, error?: string, extra?: Readonly<Record<string, string>>, proto?: Proto): RequestSeries {
    const tags: Record<string, string> = { ...this.base, ...extra, name, method, status, expected_response: String(expected) };
    if (error) tags.error = error;
    if (proto) tags.proto = proto;
    return new RequestSeries(this.sink, this.intern(tags));
  }
  /** server_timing series of an entry name and the endpoint that reported it. */
  serverTiming(entry: string, endpoint: string): SeriesHandle {
    return seriesHandle(this.sink, 'server_timing', this.intern({ ...this.base, name: entry, endpoint }));
  }
}
