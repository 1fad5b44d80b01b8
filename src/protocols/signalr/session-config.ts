// What every SignalR session of one workload shares: resolved options, cached tag sets, the factory.
import type { HubConnection } from '@microsoft/signalr';
import type { SampleSink, TagSet } from '../../contracts/metric-types.ts';
import type { EngineContext } from '../../contracts/engine.ts';
import { parseDuration } from '../../contracts/duration.ts';
import { resolveTarget } from '../sessions/option-checks.ts';
import type { TickScheduler } from '../sessions/tick-scheduler.ts';
import type { HubArgs, HubCall, SignalRVu, SignalRWorkload } from '../../contracts/signalr-workload.ts';
import type { SignalRErrorCause } from './metrics.ts';
import { createConnectionFactory } from './connection-factory.ts';
import { scenarioErrors, type ScenarioErrors } from '../scenario-errors.ts';
import { interruptedOperations, type InterruptedRecorder } from '../interrupted.ts';
import { DEFAULTS } from '../../config/defaults.ts';
import { workloadTls } from '../http/workload-http.ts';
import type { SessionTlsDefaults } from '../sessions/session-tls.ts';

/** A loop step with its interval in ms. */
export interface ResolvedStep {
  readonly kind: 'invoke' | 'send';
  readonly method: string;
  readonly args: (vu: SignalRVu) => unknown[];
  readonly everyMs: number;
  readonly tags: TagSet;
}

/** Options and shared state of all sessions of one SignalR workload (built once per start). */
export interface SignalRSessionConfig {
  readonly sink: SampleSink;
  readonly scheduler: TickScheduler;
  readonly tags: TagSet;
  /** A new HubConnection for `vu`; `onTls` hears the code of a TLS failure of its requests (https: hubs). */
  readonly newConnection: (vu: SignalRVu, onTls: (code: string) => void) => HubConnection;
  /** Tag set {method} for per-method metrics (cached). */
  methodTags(method: string): TagSet;
  /** Tag set {cause} (and {code} for a TLS failure) for signalr_errors (cached). */
  errorTags(cause: SignalRErrorCause, code?: string): TagSet;
  /** Adds a run warning with the client's message the first time a cause occurs (bounded: once per cause). */
  explain(cause: SignalRErrorCause, err: unknown): void;
  /** Counts exceptions of the scenario's callbacks (join, args, broadcastTimestamp) in iteration_errors. */
  readonly errors: ScenarioErrors;
  /** Counts an operation cut by loadcert's own stop in interrupted_operations (never as an error). */
  readonly interrupted: InterruptedRecorder;
  readonly join: (vu: SignalRVu) => HubCall[];
  readonly steps: readonly ResolvedStep[];
  /** Server-to-client handlers, built once per workload and shared by every connection. */
  readonly handlers: ReadonlyArray<readonly [string, (...args: unknown[]) => void]>;
  readonly invokeTimeoutMs: number;
  readonly connectTimeoutMs: number;
  /** Delay before a failed or closed VU connects again; undefined = the VU ends. */
  readonly retryDelayMs: number | undefined;
  readonly reconnects: boolean;
}

/** Default broadcast timestamp: a numeric `serverTime` (or `timestamp`) on the first argument. */
export function defaultTimestamp(_method: string, args: unknown[]): number | undefined {
  const a = args[0] as Record<string, unknown> | null | undefined;
  if (!a || typeof a !== 'object') return undefined;
  const t = a.serverTime ?? a.timestamp;
  return typeof t === 'number' && Number.isFinite(t) ? t : undefined;
}

function argsFn(args: HubArgs | undefined): (vu: SignalRVu) => unknown[] {
  if (typeof args === 'function') return args;
  const fixed = args ?? [];
  return () => fixed;
}

/** Resolves a validated workload into the config its sessions share; `tls` is the scenario's http.tls (a workload's own http.tls replaces it). */
export function buildSignalRConfig(w: SignalRWorkload, ctx: EngineContext, scheduler: TickScheduler, tls: SessionTlsDefaults = {}): SignalRSessionConfig {
  const base = { ...ctx.baseTags, hub: w.hub };
  const methodCache = new Map<string, TagSet>();
  const errorCache = new Map<string, TagSet>();
  const methodTags = (method: string): TagSet => {
    let t = methodCache.get(method);
    if (!t) { t = ctx.tagSet({ ...base, method }); methodCache.set(method, t); }
    return t;
  };
  const join = w.join;
  const explained = new Set<string>();
  const errors = scenarioErrors(ctx);
  return {
    sink: ctx.sink,
    scheduler,
    tags: ctx.tagSet(base),
    newConnection: createConnectionFactory(w, resolveTarget(ctx.baseUrl, w.hub, false).toString(), workloadTls(w.http, tls, ctx.warn)),
    methodTags,
    errorTags(cause, code) {
      const key = code === undefined ? cause : `${cause}\u0000${code}`;
      let t = errorCache.get(key);
      if (!t) { t = ctx.tagSet(code === undefined ? { ...base, cause } : { ...base, cause, code }); errorCache.set(key, t); }
      return t;
    },
    explain(cause, err) {
      if (explained.has(cause) || err === undefined) return;
      explained.add(cause);
      const msg = err instanceof Error ? err.message : String(err);
      ctx.warn(`${ctx.workload}: SignalR ${cause} error (first of its kind, counted in signalr_errors{cause:${cause}}): ${msg}`);
    },
    errors,
    interrupted: interruptedOperations(ctx, 'signalr'),
    join: typeof join === 'function' ? join : () => join ?? [],
    steps: (w.loop ?? []).map((s) => {
      const kind = 'invoke' in s ? 'invoke' : 'send';
      const method = 'invoke' in s ? s.invoke : s.send;
      return { kind, method, args: argsFn(s.args), everyMs: parseDuration(s.every), tags: methodTags(method) };
    }),
    handlers: buildHandlers(w, ctx.sink, methodTags, errors),
    invokeTimeoutMs: parseDuration(w.invokeTimeout ?? DEFAULTS.signalrInvokeTimeout),
    connectTimeoutMs: parseDuration(w.connectTimeout ?? DEFAULTS.signalrConnectTimeout),
    retryDelayMs: w.retryDelay === false ? undefined : parseDuration(w.retryDelay ?? DEFAULTS.signalrRetryDelay),
    reconnects: !!w.automaticReconnect && !(Array.isArray(w.automaticReconnect) && w.automaticReconnect.length === 0),
  };
}

/** One handler per listened method: counts the message and records broadcast latency from its server timestamp. */
function buildHandlers(w: SignalRWorkload, sink: SampleSink, methodTags: (m: string) => TagSet, errors: ScenarioErrors): Array<readonly [string, (...args: unknown[]) => void]> {
  const stamp = w.broadcastTimestamp === false ? undefined : w.broadcastTimestamp ?? defaultTimestamp;
  return (w.on ?? []).map((method) => {
    const tags = methodTags(method);
    const handler = (...args: unknown[]): void => {
      const now = Date.now();
      sink.add('signalr_messages_received', 1, tags);
      if (!stamp) return;
      let t: number | undefined;
      try { t = stamp(method, args); } catch (err) { t = undefined; errors.record(err, 'broadcastTimestamp'); }
      if (typeof t === 'number' && Number.isFinite(t)) sink.add('signalr_broadcast_latency', Math.max(0, now - t), tags);
    };
    return [method, handler] as const;
  });
}
