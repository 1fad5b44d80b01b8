// The typed shape of a scenario file's default export: what a QA engineer writes in scenarios/*.ts.
import type { VuContext } from './vu-context.ts';
import type { ThresholdMap } from './threshold-types.ts';
import type { ResourceOptions } from './sampler.ts';

/** A duration in k6's grammar: milliseconds as a number or unit-less string ('1500'), or a string such as '500ms', '1m30s', '1d2h'. */
export type Duration = number | string;

/** One stage of a ramping executor: move linearly to `target` over `duration`. */
export interface Stage {
  duration: Duration;
  target: number;
}

/** Options every workload accepts, with k6's meaning. */
export interface CommonWorkloadOptions {
  /** Offset from the start of the run when this workload begins (default 0). */
  startTime?: Duration;
  /** How long in-flight iterations may finish after the workload's end before they are cut (default '10s'). */
  gracefulStop?: Duration;
  /** Extra tags put on every sample of this workload. */
  tags?: Record<string, string>;
}

/** HTTP method names the client and steps accept. */
export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE' | 'HEAD' | 'OPTIONS';

/** A value, or a function of the VU context computing it per iteration. */
export type PerIteration<T> = T | ((ctx: VuContext) => T);

/** One HTTP request of a flow. */
export interface HttpStep {
  /** Tag `name` on every sample of this request (defaults to `METHOD path`): metrics per endpoint read it. */
  name?: string;
  method?: HttpMethod;
  /** Path below baseUrl (or a full loopback URL); may be computed per iteration. */
  path: PerIteration<string>;
  headers?: Record<string, string>;
  /** Request body: a string is sent as is, an object as JSON. */
  body?: PerIteration<string | Record<string, unknown> | unknown[]>;
  /** Statuses counted as success (default 200-399). */
  expect?: number[];
  /** Pause after this step before the next one (think time). */
  thinkTime?: Duration;
  /** Redirects followed (default: the workload's maxRedirects); 0 measures the redirect itself. */
  maxRedirects?: number;
}

/** A step of a weighted mix: each iteration runs one step, chosen with probability weight / sum of weights. */
export interface WeightedStep extends HttpStep {
  weight: number;
}

/** What one iteration does: an ordered list of steps, a weighted mix, and/or an async function. */
export interface Flow {
  /** Steps run in order, each iteration. */
  steps?: HttpStep[];
  /** One step per iteration, chosen by weight. */
  mix?: WeightedStep[];
  /**
   * Environment variables of this workload's VUs (k6's `scenarios.<name>.env`): string values, seen in
   * `ctx.env` (k6's `__ENV`) over the process environment, by this workload only.
   */
  env?: Record<string, string>;
  /** Runs after the steps, with a typed client (`http.get/post`, `check`, `sleep`). */
  exec?: (ctx: VuContext) => Promise<void>;
  /** Redirects followed by this workload's requests (default: http.maxRedirects, else 10). */
  maxRedirects?: number;
  /** Each VU's cookie jar: 'reset' (default, cleared at each iteration start as in k6), 'keep' (kept across iterations) or 'off' (no jar). */
  cookies?: 'reset' | 'keep' | 'off';
  /** This workload's own TLS options and HTTP version, replacing the scenario's http.tls / http.protocol (the workload then has its own connections). */
  http?: WorkloadHttpOptions;
}

/** The HTTP options a workload may set for itself (see HttpOptions). */
export interface WorkloadHttpOptions {
  tls?: HttpTlsOptions;
  protocol?: 'auto' | 'http1' | 'h2';
}

/** Open model: `rate` iterations per `timeUnit`, whatever the responses. */
export interface ConstantArrivalRate extends CommonWorkloadOptions, Flow {
  executor: 'constant-arrival-rate';
  rate: number;
  timeUnit?: Duration;
  duration: Duration;
  preAllocatedVUs: number;
  maxVUs?: number;
}

/** Open model: iteration rate ramped through stages, starting at `startRate`. */
export interface RampingArrivalRate extends CommonWorkloadOptions, Flow {
  executor: 'ramping-arrival-rate';
  startRate?: number;
  timeUnit?: Duration;
  stages: Stage[];
  preAllocatedVUs: number;
  maxVUs?: number;
}

/** Closed model: `vus` (default 1, as k6) virtual users loop for `duration`. */
export interface ConstantVUs extends CommonWorkloadOptions, Flow {
  executor: 'constant-vus';
  vus?: number;
  duration: Duration;
}

/** Closed model: the number of looping VUs ramps through stages. */
export interface RampingVUs extends CommonWorkloadOptions, Flow {
  executor: 'ramping-vus';
  startVUs?: number;
  stages: Stage[];
}

/** Closed model: each of `vus` (default 1) runs exactly `iterations` (default 1) iterations, within `maxDuration`. */
export interface PerVuIterations extends CommonWorkloadOptions, Flow {
  executor: 'per-vu-iterations';
  vus?: number;
  iterations?: number;
  maxDuration?: Duration;
}

/** Closed model: `vus` (default 1) VUs share `iterations` (default 1, at least vus) iterations, each VU taking the next until all are taken, within `maxDuration`. */
export interface SharedIterations extends CommonWorkloadOptions, Flow {
  executor: 'shared-iterations';
  vus?: number;
  iterations?: number;
  maxDuration?: Duration;
}

/** An HTTP workload: a k6 executor and the flow it runs. */
export type HttpWorkload = ConstantArrivalRate | RampingArrivalRate | ConstantVUs | RampingVUs | PerVuIterations | SharedIterations;

/** Every workload kind a scenario may hold (realtime engines add theirs here). */
export type Workload = HttpWorkload | import('./websocket-workload.ts').WebSocketWorkload | import('./signalr-workload.ts').SignalRWorkload;

/** Health probes before the run (preflight) and during it (availability). */
export interface HealthOptions {
  /** Paths or loopback URLs to probe (default ['/health', '/health/detailed', '/api/health']). */
  endpoints?: string[];
  /** Poll interval during the run (default '1s'). */
  interval?: Duration;
  /** Per-probe timeout (default '2s'). */
  timeout?: Duration;
  /** Headers sent with each probe. */
  headers?: Record<string, string>;
}

/**
 * TLS settings of the HTTP client (k6: tlsAuth, insecureSkipTLSVerify, tlsVersion). `ca`, `cert` and
 * `key` are PEM text (starting with "-----BEGIN") or a file path relative to the scenario file.
 */
export interface HttpTlsOptions {
  /** CA certificate(s) trusted in addition to the system's (a private CA, a self-signed certificate). */
  ca?: string;
  /** Client certificate for mutual TLS (with `key`). */
  cert?: string;
  /** Private key of `cert` (unencrypted PEM). */
  key?: string;
  /** Accept any server certificate (k6's name); allowed, with a warning in the console and the report. */
  insecureSkipTLSVerify?: boolean;
  /** Lowest TLS version offered: 'TLSv1.2' or 'TLSv1.3' (k6's 'tls1.2'/'tls1.3' too); default Node's (TLSv1.2). */
  minVersion?: string;
  /** Highest TLS version offered (default TLSv1.3). */
  maxVersion?: string;
  /** Name sent by SNI and checked against the certificate (default the URL's host name; none for an IP). */
  serverName?: string;
}

/** HTTP client settings shared by a scenario's workloads. */
export interface HttpOptions {
  /** TLS settings of every https: connection (load, preflight and availability probes). */
  tls?: HttpTlsOptions;
  /** Request timeout (default '30s'): bounds the whole request, from its write (and the connect it waited for) to its last byte. */
  timeout?: Duration;
  /** Keep-alive connections per origin, shared by the HTTP workloads (default: the sum of their maximum VUs). */
  connections?: number;
  /** Headers sent with every request (for example an Authorization bearer token); they override the defaults User-Agent: loadcert/<version> and Accept-Encoding. */
  headers?: Record<string, string>;
  /** Redirects followed by default (10, as k6); 0 measures each redirect itself. */
  maxRedirects?: number;
  /** Send `Accept-Encoding: gzip, deflate, br` (default true); encoded bodies are decoded either way. */
  compression?: boolean;
  /** Requests one VU runs in parallel per origin from exec (Promise.all, http.batch); default 6, as k6. */
  batchPerHost?: number;
  /**
   * HTTP version: 'auto' (default, as k6 and browsers: ALPN offers h2 and http/1.1 on https:, HTTP/1.1 on
   * http:), 'http1' (HTTP/1.1 only), 'h2' (HTTP/2 only: ALPN h2 on https:, h2c with prior knowledge on http:).
   */
  protocol?: 'auto' | 'http1' | 'h2';
  /** HTTP/2 connections (sessions) per origin, streams multiplexed on them (default 1). */
  h2Sessions?: number;
}

/** A scenario: the whole test of a release, default-exported from a file in scenarios/. */
export interface ScenarioDefinition {
  /** Name used in the results folder and reports (default: the file name). */
  name?: string;
  description?: string;
  /** Origin of the system under test, e.g. 'http://127.0.0.1:8080'; `--base-url` overrides it. */
  baseUrl: string;
  /** Hosts outside loopback that this scenario may load on purpose. */
  allowedHosts?: string[];
  /** Named workloads that run concurrently, each from its own startTime. */
  workloads: Record<string, Workload>;
  /** Thresholds merged over the thresholds file: an entry here replaces the file's entry for the same metric key. */
  thresholds?: ThresholdMap;
  /** Thresholds file relative to the working directory (default 'thresholds.json'); false to use none. */
  thresholdsFile?: string | false;
  health?: HealthOptions;
  http?: HttpOptions;
  /** Resource samplers of the system under test. */
  resources?: ResourceOptions;
  /** How `loadcert capacity` scales this scenario (ignored by `loadcert run`). */
  capacity?: CapacityOptions;
  /** Faults injected under load, by name (the `fault` tag of their samples); see contracts/fault-types.ts. */
  faults?: Record<string, import('./fault-types.ts').FaultDefinition>;
}

/** Capacity search options of a scenario. */
export interface CapacityOptions {
  /**
   * Workloads that are not arrival-rate but scale in proportion to the searched rate: their users
   * (SignalR), connections (WebSocket) or vus (closed model) are multiplied by rate / target rate.
   */
  scaleWith?: string[];
}

/** Identity function that gives a scenario its type, so editors complete every option. */
export function defineScenario(scenario: ScenarioDefinition): ScenarioDefinition {
  return scenario;
}
