import type { WorkloadEngine, EngineContext, RunningWorkload } from '../../contracts/engine.ts';
import type { HttpWorkload, HttpStep } from '../../contracts/scenario-types.ts';
import type { WorkloadInfo } from '../../contracts/summary-types.ts';
import { IssueList, isPlainObject, join } from '../../config/checks.ts';
import { parseDuration } from '../../contracts/duration.ts';
import { EXECUTORS, planOf, startPlan, targetsOf } from '../../executors/index.ts';
import { HttpTagCache } from './http-series.ts';
import { OriginPools } from './origin-pools.ts';
import { HttpVU, describeSteps } from './vu.ts';
import { scenarioErrors } from '../scenario-errors.ts';
import { defaultHeaders, mergeHeaders } from './client/headers.ts';
import { DEFAULT_MAX_REDIRECTS } from './client/redirects.ts';
import { pathProblem } from './client/url.ts';
import { DEFAULTS } from '../../config/defaults.ts';
import type { ClientTls } from './tls-context.ts';
import type { HttpProtocolChoice } from './http-pool.ts';
import { workloadClient, validateWorkloadHttp } from './workload-http.ts';

const COMMON = ['protocol', 'executor', 'startTime', 'gracefulStop', 'tags', 'env', 'steps', 'mix', 'exec', 'maxRedirects', 'cookies', 'http'];
const STEP_KEYS = ['name', 'method', 'path', 'headers', 'body', 'expect', 'thinkTime', 'maxRedirects'];
const COOKIE_MODES = ['reset', 'keep', 'off'];
/** k6's default batchPerHost. */
const DEFAULT_BATCH_PER_HOST = 6;
const METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS'];

/** Scenario-level HTTP settings the engine needs. */
export interface HttpEngineSettings {
  timeoutMs: number;
  headers: Record<string, string>;
  /** Connections per origin; undefined = the workload's maximum VUs. */
  connections?: number;
  isAllowedHost(host: string): boolean;
  /** Redirects followed unless a workload, step or request says otherwise (default 10). */
  maxRedirects?: number;
  /** Send Accept-Encoding: gzip, deflate, br (default true). */
  compression?: boolean;
  /** Requests one VU runs in parallel per origin from exec (default 6). */
  batchPerHost?: number;
  /** TLS options of https: connections (http.tls). */
  tls?: ClientTls;
  /** HTTP version (http.protocol, default 'auto'). */
  protocol?: HttpProtocolChoice;
  /** HTTP/2 sessions per origin (http.h2Sessions, default 1). */
  h2Sessions?: number;
  /** The scenario file (a workload's http.tls paths are relative to it). */
  scenarioFile?: string;
}

/**
 * The HTTP engine: k6 executors driving flows of HTTP/1.1 (src/protocols/http/h1) or HTTP/2 (h2) requests. The HTTP workloads of a run share
 * one pool per origin (HTTP/1.1: sized to the sum of their maximum VUs, or http.connections), so a
 * workload starting later reuses warm connections, even when the one before it has already ended; it
 * closes when the last planned workload ends (or is parked, holding nothing open, if one never starts).
 */
export function createHttpEngine(settings: HttpEngineSettings): WorkloadEngine<HttpWorkload> {
  let pools: OriginPools | undefined;
  let running = 0;
  let started = 0;
  return {
    protocol: 'http',
    metrics: [],
    validate(w, path, file) {
      const issues = new IssueList(file);
      const exe = EXECUTORS.get((w as { executor?: string }).executor ?? '');
      if (!exe) {
        issues.add(join(path, 'executor'), `unknown executor ${JSON.stringify((w as { executor?: unknown }).executor)}`, `use one of ${[...EXECUTORS.keys()].join(', ')}`);
        return issues.issues;
      }
      const rec = w as unknown as Record<string, unknown>;
      issues.unknownKeys(rec, [...COMMON, ...exe.options], path);
      exe.validate(rec, issues, path);
      issues.duration(rec.startTime, join(path, 'startTime'));
      issues.duration(rec.gracefulStop, join(path, 'gracefulStop'));
      issues.stringMap(rec.tags, join(path, 'tags'));
      issues.stringMap(rec.env, join(path, 'env'));
      issues.number(rec.maxRedirects, join(path, 'maxRedirects'), { int: true, min: 0 });
      if (rec.cookies !== undefined && !COOKIE_MODES.includes(rec.cookies as string))
        issues.add(join(path, 'cookies'), `unknown cookie mode ${JSON.stringify(rec.cookies)}`, `use one of ${COOKIE_MODES.join(', ')} ('reset' clears the jar at each iteration start, as k6)`);
      validateWorkloadHttp(rec.http, join(path, 'http'), issues, file);
      if (!w.steps && !w.mix && !w.exec) issues.add(path, 'has nothing to run', 'give it steps: [...], mix: [...] or exec: async ({ http }) => {...}');
      if (w.steps !== undefined) validateSteps(w.steps, issues, join(path, 'steps'), false);
      if (w.mix !== undefined) validateSteps(w.mix, issues, join(path, 'mix'), true);
      if (w.exec !== undefined && typeof w.exec !== 'function') issues.add(join(path, 'exec'), 'must be an async function', 'write exec: async ({ http, check, sleep }) => { ... }');
      return issues.issues;
    },
    plan(name, w): WorkloadInfo {
      const t = targetsOf(w);
      return { name, executor: w.executor, kind: 'http', startTime: parseDuration(w.startTime ?? 0) / 1000, duration: t.durationMs / 1000, targetRate: t.targetRate, targetVUs: t.targetVUs };
    },
    start(w, ctx: EngineContext<HttpWorkload>): RunningWorkload {
      const plan = planOf(w, parseDuration(w.gracefulStop ?? DEFAULTS.gracefulStop));
      const peers = ctx.peers ?? [w];
      // the pool is shared by every HTTP workload of the run: sized to the sum of their maximum VUs
      // exec may run batchPerHost requests per VU at once (each VU's steps run one at a time)
      const plannedVUs = peers.reduce((sum, p) => sum + planOf(p, 0).plan.maxVUs * (p.exec ? settings.batchPerHost ?? DEFAULT_BATCH_PER_HOST : 1), 0);
      const tags = new HttpTagCache(ctx.baseTags, ctx.tagSet, ctx.sink, ctx.warn);
      const poolOptions = {
        // a segment keeps its part of the connections (and of the VUs its share runs)
        connections: Math.max(1, ctx.segment ? ctx.segment.scale(settings.connections ?? Math.max(plannedVUs, plan.plan.maxVUs)) : settings.connections ?? Math.max(plannedVUs, plan.plan.maxVUs)),
        timeoutMs: settings.timeoutMs,
        tls: settings.tls,
        protocol: settings.protocol,
        h2Sessions: settings.h2Sessions,
      };
      // A workload with its own http options (tls, protocol) has its own pools, closed when it ends.
      const own = w.http !== undefined ? workloadClient(w, settings, ctx.warn) : undefined;
      const myPools = own
        ? new OriginPools(ctx.baseUrl, { ...poolOptions, connections: Math.max(1, settings.connections ?? plan.plan.maxVUs * (w.exec ? settings.batchPerHost ?? DEFAULT_BATCH_PER_HOST : 1)), ...own }, settings.isAllowedHost)
        : (pools ??= new OriginPools(ctx.baseUrl, poolOptions, settings.isAllowedHost));
      running++;
      started++;
      const checkTagCache = new Map<string, ReturnType<EngineContext['tagSet']>>();
      const shared = {
        flow: w,
        workload: ctx.workload,
        env: workloadEnv(w.env),
        pools: myPools,
        sink: ctx.sink,
        tags,
        checkTags: (check: string, extra?: Record<string, string>) => {
          const key = extra ? `${check}\0${JSON.stringify(extra)}` : check;
          let t = checkTagCache.get(key);
          if (!t) { t = ctx.tagSet({ ...ctx.baseTags, ...extra, check }); checkTagCache.set(key, t); }
          return t;
        },
        groupTags: (path: string) => {
          const key = `\0group\0${path}`;
          let t = checkTagCache.get(key);
          if (!t) { t = ctx.tagSet({ ...ctx.baseTags, group: path }); checkTagCache.set(key, t); }
          return t;
        },
        errors: scenarioErrors(ctx),
        defaultHeaders: mergeHeaders(defaultHeaders(settings.compression !== false), settings.headers),
        timeoutMs: settings.timeoutMs,
        maxRedirects: w.maxRedirects ?? settings.maxRedirects ?? DEFAULT_MAX_REDIRECTS,
        cookies: w.cookies ?? 'reset',
        batchPerHost: settings.batchPerHost ?? DEFAULT_BATCH_PER_HOST,
        client: { pools: myPools, tags, warn: ctx.warn, warnedLoops: new Set<string>() },
        mixCumulative: cumulative(w.mix?.map((s) => s.weight) ?? []),
        stepInfo: describeSteps(w),
      };
      const handle = startPlan(plan, (id, signal) => new HttpVU(id, shared, signal), {
        sink: ctx.sink,
        tags: ctx.tagSet(ctx.baseTags),
        signal: ctx.signal,
        segment: ctx.segment,
      });
      const done = handle.done.then(async () => {
        running--;
        if (own) await myPools.close();
        const sharedPools = pools;
        if (running > 0 || !sharedPools) return;
        if (started < peers.length && !ctx.signal.aborted) {
          // A workload starting later (a measured phase after a warm-up) gets the warm connections, instead
          // of a storm of new ones in its first second; idle connections meanwhile do not hold the process.
          sharedPools.park();
          return;
        }
        pools = undefined;
        await sharedPools.close();
      });
      return { done, stop: () => handle.stop(), activity: () => handle.activity() };
    },
  };
}

function cumulative(weights: number[]): number[] {
  let sum = 0;
  return weights.map((w) => (sum += w));
}

function validateSteps(steps: unknown, issues: IssueList, path: string, weighted: boolean): void {
  if (!Array.isArray(steps) || steps.length === 0)
    return issues.add(path, 'must be a non-empty array of steps', "write [{ name: 'list', method: 'GET', path: '/api/documents' }]");
  steps.forEach((s, i) => {
    const p = join(path, i);
    if (!isPlainObject(s)) return issues.add(p, 'must be an object', "write { name: 'list', path: '/api/documents' }");
    issues.unknownKeys(s, weighted ? [...STEP_KEYS, 'weight'] : STEP_KEYS, p);
    const step = s as unknown as HttpStep & { weight?: number };
    if (typeof step.path !== 'string' && typeof step.path !== 'function') issues.add(join(p, 'path'), 'is required (a string or a function)', "write path: '/api/documents'");
    else if (typeof step.path === 'string') {
      const problem = pathProblem(step.path);
      if (problem) issues.add(join(p, 'path'), problem, "write a path below baseUrl ('/api/documents') or an http(s) URL");
    }
    issues.number(step.maxRedirects, join(p, 'maxRedirects'), { int: true, min: 0 });
    if (step.method !== undefined && !METHODS.includes(step.method)) issues.add(join(p, 'method'), `unknown method ${JSON.stringify(step.method)}`, `use one of ${METHODS.join(', ')}`);
    if (step.name !== undefined && typeof step.name !== 'string') issues.add(join(p, 'name'), 'must be a string', "write name: 'list'");
    issues.stringMap(step.headers, join(p, 'headers'));
    if (step.expect !== undefined && (!Array.isArray(step.expect) || !step.expect.every((c) => Number.isInteger(c) && c >= 100 && c <= 599)))
      issues.add(join(p, 'expect'), 'must be an array of HTTP status codes', 'write expect: [200, 201]');
    if (step.thinkTime !== undefined) issues.duration(step.thinkTime, join(p, 'thinkTime'));
    if (weighted) issues.number(step.weight, join(p, 'weight'), { required: true, min: 0 });
  });
  if (weighted && (steps as Array<{ weight?: unknown }>).every((s) => typeof s.weight === 'number') && (steps as Array<{ weight: number }>).reduce((a, s) => a + s.weight, 0) <= 0)
    issues.add(path, 'weights add up to 0', 'give at least one step a weight above 0');
}

/**
 * What a workload's VUs see as `ctx.env` (k6's __ENV with the scenario's `env`): the process environment
 * as it is when the workload starts, this workload's `env` over it, frozen (process.env itself, shared
 * by every workload of the process, is never changed).
 */
export function workloadEnv(env: Readonly<Record<string, string>> | undefined): Readonly<Record<string, string | undefined>> {
  return Object.freeze({ ...process.env, ...env });
}
