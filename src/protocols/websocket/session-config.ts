// What every WebSocket session of one workload shares: resolved options, tag sets and the sink.
import type { SampleSink, TagSet } from '../../contracts/metric-types.ts';
import type { EngineContext } from '../../contracts/engine.ts';
import { parseDuration } from '../../contracts/duration.ts';
import type { WebSocketWorkload, WsCorrelationCodec, WsMessageContext } from '../../contracts/websocket-workload.ts';
import type { WsErrorCause } from './metrics.ts';
import { resolveTarget } from '../sessions/option-checks.ts';
import type { TickScheduler } from '../sessions/tick-scheduler.ts';
import { scenarioErrors, type ScenarioErrors } from '../scenario-errors.ts';
import { interruptedOperations, type InterruptedRecorder } from '../interrupted.ts';
import { DEFAULTS } from '../../config/defaults.ts';
import { DEFAULT_CLIENT_TLS, tlsConnectOptions } from '../http/tls-context.ts';
import { workloadTls } from '../http/workload-http.ts';
import type { SessionTlsDefaults } from '../sessions/session-tls.ts';

/** A resolved exchange: times in ms, send as a function. */
export interface ResolvedExchange {
  readonly tags: TagSet;
  readonly send: (ctx: WsMessageContext) => string;
  readonly expect: (message: string) => boolean;
  readonly timeoutMs: number;
}

/** Options and shared state of all sessions of one WebSocket workload (built once per start). */
export interface WsSessionConfig {
  readonly url: string;
  readonly sink: SampleSink;
  readonly scheduler: TickScheduler;
  readonly tags: TagSet;
  /** Interned error tag set for cause/code (cached). */
  errorTags(cause: WsErrorCause, code: string | number): TagSet;
  /** ms between periodic messages; 0 = none. */
  readonly intervalMs: number;
  /** ms between ping frames (ws_ping); 0 = no pings. */
  readonly pingIntervalMs: number;
  readonly payload: (ctx: WsMessageContext) => string;
  /** Counts exceptions of the scenario's callbacks (payload, send, expect, codec) in iteration_errors. */
  readonly errors: ScenarioErrors;
  /** Counts an operation cut by loadcert's own stop in interrupted_operations (never as an error). */
  readonly interrupted: InterruptedRecorder;
  /** 'order', 'none' or a codec (the 'id' default is turned into a codec). */
  readonly correlation: 'order' | 'none' | WsCorrelationCodec;
  readonly replyTimeoutMs: number;
  readonly exchanges: readonly ResolvedExchange[];
  readonly reconnect: boolean;
  readonly reconnectDelayMs: number;
  readonly connectTimeoutMs: number;
  readonly headers?: Record<string, string>;
  readonly subprotocols?: string[];
  /** tls.connect options of a wss: URL (http.tls: the workload's, else the scenario's); undefined for ws:. */
  readonly tlsOptions?: ReturnType<typeof tlsConnectOptions>;
}

const ID_PREFIX = '{"id":';

/** The default 'id' codec: `{"id":<n>,"data":<payload>}`; decoding reads the number without a full JSON parse. */
export const ID_CODEC: WsCorrelationCodec = {
  encode: (payload, id) => `${ID_PREFIX}${id},"data":${JSON.stringify(payload)}}`,
  decode(message) {
    if (!message.startsWith(ID_PREFIX)) return undefined;
    let n = 0;
    let i = ID_PREFIX.length;
    const start = i;
    for (; i < message.length && i < start + 16; i++) {
      const c = message.charCodeAt(i);
      if (c < 48 || c > 57) break;
      n = n * 10 + (c - 48);
    }
    return i > start ? n : undefined;
  },
};

/** Resolves a validated workload into the config its sessions share; `tls` is the scenario's http.tls (a workload's own http.tls replaces it). */
export function buildSessionConfig(w: WebSocketWorkload, ctx: EngineContext, scheduler: TickScheduler, tls: SessionTlsDefaults = {}): WsSessionConfig {
  const target = w.url ?? w.path ?? '/';
  const url = resolveTarget(ctx.baseUrl, target, true);
  const tags = ctx.tagSet({ ...ctx.baseTags, url: target });
  const errCache = new Map<string, TagSet>();
  const payload = w.payload ?? '{"ping":true}';
  const mps = w.messagesPerSecond ?? DEFAULTS.wsMessagesPerSecond;
  return {
    url: url.toString(),
    sink: ctx.sink,
    scheduler,
    tags,
    errorTags(cause, code) {
      const key = `${cause}\u0000${code}`;
      let t = errCache.get(key);
      if (!t) { t = ctx.tagSet({ ...ctx.baseTags, url: target, cause, code: String(code) }); errCache.set(key, t); }
      return t;
    },
    intervalMs: mps > 0 ? 1000 / mps : 0,
    pingIntervalMs: w.pingInterval === undefined ? 0 : parseDuration(w.pingInterval),
    payload: typeof payload === 'function' ? payload : () => payload,
    errors: scenarioErrors(ctx),
    interrupted: interruptedOperations(ctx, 'websocket'),
    correlation: w.correlation === undefined || w.correlation === 'id' ? ID_CODEC : w.correlation,
    replyTimeoutMs: parseDuration(w.replyTimeout ?? DEFAULTS.wsReplyTimeout),
    exchanges: (w.exchanges ?? []).map((x, i) => {
      const send = x.send;
      return {
        tags: ctx.tagSet({ ...ctx.baseTags, url: target, name: x.name ?? `exchange_${i}` }),
        send: typeof send === 'function' ? send : () => send,
        expect: x.expect,
        timeoutMs: parseDuration(x.timeout ?? DEFAULTS.wsReplyTimeout),
      };
    }),
    reconnect: w.reconnect ?? false,
    reconnectDelayMs: parseDuration(w.reconnectDelay ?? DEFAULTS.wsReconnectDelay),
    connectTimeoutMs: parseDuration(w.connectTimeout ?? DEFAULTS.wsConnectTimeout),
    headers: w.headers,
    subprotocols: w.subprotocols,
    tlsOptions: url.protocol === 'wss:' ? tlsConnectOptions(workloadTls(w.http, tls, ctx.warn) ?? DEFAULT_CLIENT_TLS, url.hostname) : undefined,
  };
}
