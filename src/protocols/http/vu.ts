import type { HttpStep, WeightedStep, Flow } from '../../contracts/scenario-types.ts';
import type { HttpClient, HttpResponse, RequestParams, VuContext } from '../../contracts/vu-context.ts';
import type { VU } from '../../executors/types.ts';
import type { SampleSink, TagSet } from '../../contracts/metric-types.ts';
import { parseDuration } from '../../contracts/duration.ts';
import { InflightRequests } from './request.ts';
import type { EndpointSeries, HttpTagCache } from './http-series.ts';
import type { OriginPools, Resolved } from './origin-pools.ts';
import type { ScenarioErrors } from '../scenario-errors.ts';
import { VuClient, type ClientShared, type ClientResult, type ClientRequest } from './client/client.ts';
import { VuCookieJar } from './client/cookie-jar.ts';
import { encodeBody } from './client/body.ts';
import { mergeHeaders, findHeader } from './client/headers.ts';

/** What the cookie jar of a workload's VUs does: cleared at each iteration start (k6), kept across iterations, or no jar. */
export type CookiesMode = 'reset' | 'keep' | 'off';

/** Everything a workload's VUs share. */
export interface HttpVuShared {
  readonly flow: Flow;
  readonly workload: string;
  /** k6's __ENV of this workload: the process environment with the workload's `env` over it (frozen). */
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly pools: OriginPools;
  readonly sink: SampleSink;
  readonly tags: HttpTagCache;
  readonly checkTags: (name: string, extra?: Record<string, string>) => TagSet;
  /** Tags of group_duration for the group path `::a::b` (k6's `group` tag). */
  readonly groupTags: (path: string) => TagSet;
  /** Counts exceptions thrown by the scenario's functions (exec, path, body) in iteration_errors. */
  readonly errors: ScenarioErrors;
  /** The scenario's headers over loadcert's defaults (User-Agent, Accept-Encoding). */
  readonly defaultHeaders: Record<string, string>;
  readonly timeoutMs: number;
  /** Redirects followed by default (the workload's, else the scenario's, else 10). */
  readonly maxRedirects: number;
  readonly cookies: CookiesMode;
  /** Requests one VU runs in parallel per origin from exec (k6's batchPerHost). */
  readonly batchPerHost: number;
  readonly client: ClientShared;
  /** Cumulative weights of `flow.mix`, for weighted choice. */
  readonly mixCumulative: number[];
  /** Endpoint name and think time (ms) of each step of `flow.steps` and `flow.mix`, computed once. */
  readonly stepInfo: ReadonlyMap<HttpStep, StepInfo>;
}

/**
 * The endpoint name of a step: its `name`, else `METHOD path` for a fixed path, else `METHOD step N`
 * (a computed path usually holds ids, which must not become one endpoint each).
 */
export function stepName(step: HttpStep, index: number): string {
  const method = step.method ?? 'GET';
  if (step.name) return step.name;
  return typeof step.path === 'string' ? `${method} ${step.path}` : `${method} step ${index + 1}`;
}

/** What a step's requests need, computed once: endpoint name, think time, and its series (resolved on first use). */
export interface StepInfo {
  name: string;
  thinkMs: number | undefined;
  endpoint?: EndpointSeries;
  /** The step's request headers without and with a JSON body, merged once (the same object each request, so its serialized head is reused). */
  headers?: [Record<string, string> | undefined, Record<string, string> | undefined];
  /** A fixed path's resolution, once. */
  resolved?: Resolved;
}

/** Precomputes names and think times of every step of a flow. */
export function describeSteps(flow: Flow): Map<HttpStep, StepInfo> {
  const out = new Map<HttpStep, StepInfo>();
  for (const list of [flow.steps ?? [], flow.mix ?? []])
    list.forEach((s, i) => out.set(s, { name: stepName(s, i), thinkMs: s.thinkTime === undefined ? undefined : parseDuration(s.thinkTime) }));
  return out;
}

const JSON_TYPE = 'application/json';

/**
 * An HTTP virtual user: runs the flow's steps, or one weighted step of its mix, then its exec
 * function. The first request of an iteration is measured from the iteration's intended start;
 * a request after a think time from the moment the pause should have ended.
 */
export class HttpVU implements VU {
  private pendingIntended: number | undefined;
  private iteration = 0;
  /** k6's group path of the code running now ('' outside any group, else `::a::b`). */
  private groupPath = '';
  private readonly ctx: VuContext;
  private readonly inflight = new InflightRequests();
  private readonly jar = new VuCookieJar();
  private readonly client: VuClient;
  /** The request of this VU's step in flight (steps run one at a time), reused by the next step. */
  private stepRequest: ClientRequest | undefined;
  /** Endpoint of a step's redirect hop (no extra tags). */
  private readonly hopEndpoint = (name: string, method: string) => this.shared.tags.endpoint(name, method);

  constructor(readonly id: number, private readonly shared: HttpVuShared, private readonly signal: AbortSignal) {
    // One listener per VU (not per request): a hard stop aborts whatever this VU has in flight.
    signal.addEventListener('abort', () => this.inflight.abortAll(), { once: true });
    this.client = new VuClient(shared.client, this.inflight, shared.cookies === 'off' ? undefined : this.jar, shared.batchPerHost);
    const client = this.makeClient();
    const self = this;
    this.ctx = {
      http: client,
      cookies: this.jar,
      check: (value, checks, tags) => self.check(value, checks, tags),
      group: (name, fn) => self.group(name, fn),
      sleep: (seconds) => self.sleep(seconds * 1000),
      get vu() { return { id: self.id, iteration: self.iteration }; },
      workload: shared.workload,
      env: shared.env,
      signal,
    };
  }

  /**
   * Runs one iteration; never rejects. An exception of the scenario's code (exec, a path or body
   * function) ends the iteration and is counted in iteration_errors, unless the hard stop cut it.
   */
  async run(intendedAt: number): Promise<void> {
    this.pendingIntended = intendedAt;
    if (this.shared.cookies === 'reset') this.jar.reset();
    const { flow } = this.shared;
    // The step running (undefined: exec); its name is built only for an error.
    let where: HttpStep | undefined;
    try {
      const steps = flow.steps;
      if (steps) for (let i = 0; i < steps.length; i++) {
        if (this.signal.aborted) return;
        where = steps[i];
        await this.step(where);
      }
      if (flow.mix) {
        where = this.pickWeighted(flow.mix);
        await this.step(where);
      }
      where = undefined;
      if (flow.exec && !this.signal.aborted) await flow.exec(this.ctx);
    } catch (err) {
      if (!this.signal.aborted) this.shared.errors.record(err, where ? `step "${this.shared.stepInfo.get(where)!.name}"` : 'exec');
    } finally {
      this.iteration++;
      this.pendingIntended = undefined;
      this.groupPath = '';
    }
  }

  private pickWeighted(mix: readonly WeightedStep[]): WeightedStep {
    const cum = this.shared.mixCumulative;
    const r = Math.random() * cum[cum.length - 1];
    let i = 0;
    while (cum[i] <= r) i++;
    return mix[i];
  }

  /** Sends a step's request (and waits its think time): not an async function, so the VU awaits the client's own promise, not one more around it. */
  private step(step: HttpStep): Promise<unknown> {
    const method = step.method ?? 'GET';
    const info = this.shared.stepInfo.get(step)!;
    const path = typeof step.path === 'function' ? step.path(this.ctx) : (info.resolved ??= this.client.resolve(step.path));
    const rawBody = typeof step.body === 'function' ? step.body(this.ctx) : step.body;
    info.endpoint ??= this.shared.tags.endpoint(info.name, method);
    let body: string | undefined;
    let json = false;
    if (rawBody !== undefined && rawBody !== null) {
      if (typeof rawBody === 'string') body = rawBody;
      else { body = JSON.stringify(rawBody); json = true; }
    }
    const merged = (info.headers ??= [undefined, undefined]);
    const headers = merged[+json] ??= this.mergeHeaders(json ? JSON_TYPE : undefined, step.headers);
    const intended = this.pendingIntended ?? performance.now();
    this.pendingIntended = undefined;
    // One request object per VU, rewritten per step: the client keeps it only until the step's promise settles.
    const req = (this.stepRequest ??= {
      method, path, headers, body, endpoint: info.endpoint, hopEndpoint: this.hopEndpoint,
      expect: undefined, timeoutMs: 0, readBody: false, maxRedirects: 0, intendedAt: 0,
    });
    req.method = method;
    req.path = path;
    req.headers = headers;
    req.body = body;
    req.endpoint = info.endpoint;
    req.expect = step.expect;
    req.timeoutMs = this.shared.timeoutMs;
    req.maxRedirects = step.maxRedirects ?? this.shared.maxRedirects;
    req.intendedAt = intended;
    const sent = this.client.send(req, false);
    const think = info.thinkMs;
    return think === undefined ? sent : sent.then(() => this.sleep(think));
  }

  private async sleep(ms: number): Promise<void> {
    const due = performance.now() + ms;
    if (ms > 0 && !this.signal.aborted) await new Promise<void>((resolve) => {
      const signal = this.signal;
      const done = () => { clearTimeout(t); signal.removeEventListener('abort', done); resolve(); };
      const t = setTimeout(done, ms);
      signal.addEventListener('abort', done, { once: true });
    });
    this.pendingIntended = due;
  }

  /** The workload's default headers, with the body's implied content-type (unless given) and the request's own on top. */
  private mergeHeaders(contentType: string | undefined, extra: Record<string, string> | undefined): Record<string, string> {
    let headers = this.shared.defaultHeaders;
    if (contentType && findHeader(extra ?? {}, 'content-type') === undefined && findHeader(headers, 'content-type') === undefined) headers = { ...headers, 'content-type': contentType };
    return mergeHeaders(headers, extra);
  }

  private check<T>(value: T, checks: Record<string, (v: T) => boolean>, tags?: Record<string, string>): boolean {
    let all = true;
    for (const [name, fn] of Object.entries(checks)) {
      let ok = false;
      try { ok = !!fn(value); } catch { ok = false; }
      all &&= ok;
      this.shared.sink.add('checks', ok ? 1 : 0, this.shared.checkTags(name, this.groupPath ? { ...tags, group: this.groupPath } : tags));
    }
    return all;
  }

  /** k6's group(): runs `fn` with the group path extended by `name`, records its time in group_duration. */
  private async group<T>(name: string, fn: () => T | Promise<T>): Promise<T> {
    if (typeof name !== 'string' || name === '' || name.includes('::'))
      throw new Error(`group name ${JSON.stringify(name)} is invalid: it must be a non-empty string without "::" (k6's rule)`);
    const outer = this.groupPath;
    const path = `${outer}::${name}`;
    this.groupPath = path;
    const t0 = performance.now();
    try {
      return await fn();
    } finally {
      this.shared.sink.add('group_duration', performance.now() - t0, this.shared.groupTags(path));
      this.groupPath = outer;
    }
  }

  /** One exec request: body encoded, headers merged, sent through the VU's client in parallel with the VU's others (per-host limit). */
  private async request(method: string, path: string, rawBody: unknown, params: RequestParams = {}): Promise<HttpResponse> {
    const m = method.toUpperCase();
    const intended = this.pendingIntended ?? performance.now();
    this.pendingIntended = undefined;
    const enc = await encodeBody(rawBody);
    const headers = this.mergeHeaders(enc.contentType, params.headers);
    const tags = this.groupPath ? { ...params.tags, group: this.groupPath } : params.tags;
    const extra = tags && Object.keys(tags).some((k) => k !== 'name') ? tags : undefined;
    const name = tags?.name ?? `${m} ${path}`;
    const { result: r, url } = await this.client.send({
      method: m, path, headers, body: enc.body, endpoint: this.shared.tags.endpoint(name, m, extra),
      hopEndpoint: (n, hm) => this.shared.tags.endpoint(n, hm, extra),
      expect: params.expect, timeoutMs: params.timeout ?? this.shared.timeoutMs, readBody: true,
      maxRedirects: params.redirects ?? this.shared.maxRedirects, intendedAt: intended,
    }, true);
    return toResponse(r, url);
  }

  private makeClient(): HttpClient {
    const request = (method: string, path: string, body?: unknown, params?: RequestParams) => this.request(method, path, body, params);
    return {
      request,
      get: (p, o) => request('GET', p, null, o),
      del: (p, o) => request('DELETE', p, null, o),
      post: (p, b, o) => request('POST', p, b, o),
      put: (p, b, o) => request('PUT', p, b, o),
      patch: (p, b, o) => request('PATCH', p, b, o),
      batch: (reqs) => Promise.all(reqs.map((q) => {
        if (typeof q === 'string') return request('GET', q);
        if (Array.isArray(q)) return request(q[0], q[1], q[2], q[3]);
        return request(q.method ?? 'GET', q.url, q.body, q.params);
      })),
      cookieJar: () => this.jar,
    };
  }
}

/** The exec client's response of a client result. */
function toResponse(r: ClientResult['result'], url: string): HttpResponse {
  return { status: r.status, headers: r.headers, body: r.body, duration: r.duration, error: r.error, url, json: () => JSON.parse(r.body) };
}
