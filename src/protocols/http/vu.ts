import type { HttpStep, WeightedStep, Flow } from '../../contracts/scenario-types.ts';
import type { HttpClient, HttpResponse, RequestParams, VuContext } from '../../contracts/vu-context.ts';
import type { VU } from '../../executors/types.ts';
import type { SampleSink, TagSet } from '../../contracts/metric-types.ts';
import { parseDuration } from '../../contracts/duration.ts';
import { sendRequest, InflightRequests, type SendResult } from './request.ts';
import type { EndpointSeries, HttpTagCache } from './http-series.ts';
import type { OriginPools } from './origin-pools.ts';
import type { ScenarioErrors } from '../scenario-errors.ts';

/** Everything a workload's VUs share. */
export interface HttpVuShared {
  readonly flow: Flow;
  readonly workload: string;
  readonly pools: OriginPools;
  readonly sink: SampleSink;
  readonly tags: HttpTagCache;
  readonly checkTags: (name: string, extra?: Record<string, string>) => TagSet;
  /** Counts exceptions thrown by the scenario's functions (exec, path, body) in iteration_errors. */
  readonly errors: ScenarioErrors;
  readonly defaultHeaders: Record<string, string>;
  readonly timeoutMs: number;
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
}

/** Precomputes names and think times of every step of a flow. */
export function describeSteps(flow: Flow): Map<HttpStep, StepInfo> {
  const out = new Map<HttpStep, StepInfo>();
  for (const list of [flow.steps ?? [], flow.mix ?? []])
    list.forEach((s, i) => out.set(s, { name: stepName(s, i), thinkMs: s.thinkTime === undefined ? undefined : parseDuration(s.thinkTime) }));
  return out;
}

const JSON_HEADERS = { 'content-type': 'application/json' };

/**
 * An HTTP virtual user: runs the flow's steps, or one weighted step of its mix, then its exec
 * function. The first request of an iteration is measured from the iteration's intended start;
 * a request after a think time from the moment the pause should have ended.
 */
export class HttpVU implements VU {
  private pendingIntended: number | undefined;
  private iteration = 0;
  private readonly ctx: VuContext;
  private readonly inflight = new InflightRequests();

  constructor(readonly id: number, private readonly shared: HttpVuShared, private readonly signal: AbortSignal) {
    // One listener per VU (not per request): a hard stop aborts whatever this VU has in flight.
    signal.addEventListener('abort', () => this.inflight.abortAll(), { once: true });
    const client = this.makeClient();
    const self = this;
    this.ctx = {
      http: client,
      check: (value, checks, tags) => self.check(value, checks, tags),
      sleep: (seconds) => self.sleep(seconds * 1000),
      get vu() { return { id: self.id, iteration: self.iteration }; },
      workload: shared.workload,
      signal,
    };
  }

  /**
   * Runs one iteration; never rejects. An exception of the scenario's code (exec, a path or body
   * function) ends the iteration and is counted in iteration_errors, unless the hard stop cut it.
   */
  async run(intendedAt: number): Promise<void> {
    this.pendingIntended = intendedAt;
    const { flow } = this.shared;
    let where = 'exec';
    try {
      if (flow.steps) for (const step of flow.steps) {
        if (this.signal.aborted) return;
        where = `step "${this.shared.stepInfo.get(step)!.name}"`;
        await this.step(step);
      }
      if (flow.mix) {
        const step = this.pickWeighted(flow.mix);
        where = `step "${this.shared.stepInfo.get(step)!.name}"`;
        await this.step(step);
      }
      where = 'exec';
      if (flow.exec && !this.signal.aborted) await flow.exec(this.ctx);
    } catch (err) {
      if (!this.signal.aborted) this.shared.errors.record(err, where);
    } finally {
      this.iteration++;
      this.pendingIntended = undefined;
    }
  }

  private pickWeighted(mix: readonly WeightedStep[]): WeightedStep {
    const cum = this.shared.mixCumulative;
    const r = Math.random() * cum[cum.length - 1];
    let i = 0;
    while (cum[i] <= r) i++;
    return mix[i];
  }

  private async step(step: HttpStep): Promise<void> {
    const method = step.method ?? 'GET';
    const info = this.shared.stepInfo.get(step)!;
    const path = typeof step.path === 'function' ? step.path(this.ctx) : step.path;
    const rawBody = typeof step.body === 'function' ? step.body(this.ctx) : step.body;
    info.endpoint ??= this.shared.tags.endpoint(info.name, method);
    await this.send(method, path, rawBody, step.headers, step.expect, undefined, info.endpoint, false, info);
    if (info.thinkMs !== undefined) await this.sleep(info.thinkMs);
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

  private send(method: string, path: string, rawBody: unknown, extraHeaders: Record<string, string> | undefined, expect: readonly number[] | undefined,
    timeout: number | undefined, endpoint: EndpointSeries, readBody: boolean, step?: StepInfo): Promise<SendResult> {
    const intended = this.pendingIntended ?? performance.now();
    this.pendingIntended = undefined;
    let body: string | undefined;
    let json = false;
    if (rawBody !== undefined && rawBody !== null) {
      if (typeof rawBody === 'string') body = rawBody;
      else { body = JSON.stringify(rawBody); json = true; }
    }
    let headers: Record<string, string>;
    if (step) {
      const merged = (step.headers ??= [undefined, undefined]);
      headers = merged[+json] ??= this.mergeHeaders(json, extraHeaders);
    } else headers = this.mergeHeaders(json, extraHeaders);
    const { pool, path: fullPath } = this.shared.pools.resolve(path);
    return sendRequest(pool, {
      method, path: fullPath, headers, body, endpoint, expect,
      readBody, timeoutMs: timeout ?? this.shared.timeoutMs,
    }, intended, this.shared.tags, this.inflight);
  }

  /** The workload's default headers, with content-type for a JSON body and the request's own on top. */
  private mergeHeaders(json: boolean, extra: Record<string, string> | undefined): Record<string, string> {
    let headers = this.shared.defaultHeaders;
    if (json) headers = { ...JSON_HEADERS, ...headers };
    if (extra) headers = { ...headers, ...extra };
    return headers;
  }

  private check<T>(value: T, checks: Record<string, (v: T) => boolean>, tags?: Record<string, string>): boolean {
    let all = true;
    for (const [name, fn] of Object.entries(checks)) {
      let ok = false;
      try { ok = !!fn(value); } catch { ok = false; }
      all &&= ok;
      this.shared.sink.add('checks', ok ? 1 : 0, this.shared.checkTags(name, tags));
    }
    return all;
  }

  private makeClient(): HttpClient {
    const request = async (method: string, path: string, body?: string | object | null, params: RequestParams = {}): Promise<HttpResponse> => {
      const m = method.toUpperCase();
      const r = await this.send(m, path, body, params.headers, params.expect, params.timeout, this.shared.tags.endpoint(params.tags?.name ?? `${m} ${path}`, m), true);
      return { status: r.status, headers: r.headers, body: r.body, duration: r.duration, error: r.error, json: () => JSON.parse(r.body) };
    };
    return {
      request,
      get: (p, o) => request('GET', p, null, o),
      del: (p, o) => request('DELETE', p, null, o),
      post: (p, b, o) => request('POST', p, b, o),
      put: (p, b, o) => request('PUT', p, b, o),
      patch: (p, b, o) => request('PATCH', p, b, o),
    };
  }
}
