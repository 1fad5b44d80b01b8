// The options of a SignalR workload: one HubConnection per virtual user, a flow of hub calls on a schedule.
import type { CommonWorkloadOptions, Duration, HttpTlsOptions, Stage } from './scenario-types.ts';

/** The virtual user a SignalR callback gets. */
export interface SignalRVu {
  /** VU number, 1-based, unique among the workload's live users (reused after a user leaves). */
  readonly id: number;
  /** The server's connection id once connected (null with skipNegotiation or before connecting). */
  readonly connectionId: string | null;
  /** Loop steps run so far by this VU. */
  readonly iteration: number;
}

/** Arguments of a hub call: fixed, or computed per call from the VU. */
export type HubArgs = unknown[] | ((vu: SignalRVu) => unknown[]);

/** One hub method call run after connecting (and again after an automatic reconnect), e.g. joining a group. */
export interface HubCall {
  method: string;
  args?: unknown[];
}

/** A loop step invoking a hub method and awaiting its Completion (measured in signalr_invoke_duration{method}). */
export interface InvokeStep {
  invoke: string;
  args?: HubArgs;
  /** Interval between calls of this step on each VU, e.g. '1s'. */
  every: Duration;
}

/** A loop step sending a fire-and-forget (non-blocking) invocation (counted in signalr_messages_sent{method}). */
export interface SendStep {
  send: string;
  args?: HubArgs;
  every: Duration;
}

/** One step of the per-VU loop. */
export type LoopStep = InvokeStep | SendStep;

/** SignalR transports, named as in the client's HttpTransportType. */
export type SignalRTransport = 'webSockets' | 'serverSentEvents' | 'longPolling';

/** A SignalR workload: virtual users ramped to a target, each one real @microsoft/signalr HubConnection. */
export interface SignalRWorkload extends CommonWorkloadOptions {
  protocol: 'signalr';
  /** Realtime workloads have no k6 executor: their shape is `stages` or a constant count with `duration`. */
  executor?: undefined;
  /** Hub path below the scenario baseUrl (e.g. '/hubs/documents') or a full loopback URL. */
  hub: string;
  /** Transport (default 'webSockets'). */
  transport?: SignalRTransport;
  /** Connect the WebSocket directly, without POST /negotiate (WebSockets only). */
  skipNegotiation?: boolean;
  /** Bearer token for hubs behind authentication: a string, or a factory per VU (called on every connect). */
  accessToken?: string | ((vu: SignalRVu) => string | Promise<string>);
  /** Extra HTTP headers of negotiate and the transport requests. */
  headers?: Record<string, string>;
  /** This workload's own TLS options for wss:/https: (the fields of http.tls), replacing the scenario's http.tls. */
  http?: { tls?: HttpTlsOptions };
  /** Hub protocol (default 'json'); 'messagepack' uses @microsoft/signalr-protocol-msgpack. */
  hubProtocol?: 'json' | 'messagepack';
  /** The client's automatic reconnect: false (default), true (0, 2, 10, 30 s) or the retry delays. */
  automaticReconnect?: boolean | Duration[];
  /** Ramp of concurrent users (like ramping-vus); or give `users` and `duration`. */
  stages?: Stage[];
  /** Users at the start of the stages (default 0). */
  startUsers?: number;
  /** Constant number of concurrent users (connections) held for `duration`. */
  users?: number;
  duration?: Duration;
  /** Connections opened per second at most (ramp pacing; default 500). */
  connectRate?: number;
  /** Calls made right after connecting, in order, e.g. (vu) => [{ method: 'JoinDocument', args: [`doc-${vu.id % 20}`] }]. */
  join?: HubCall[] | ((vu: SignalRVu) => HubCall[]);
  /** Steps each VU repeats while connected, each on its own interval (phases spread over the interval). */
  loop?: LoopStep[];
  /** Server-to-client methods to listen for (counted in signalr_messages_received{method}). */
  on?: string[];
  /** Extracts the server's epoch-ms timestamp of a received message for signalr_broadcast_latency (default: args[0].serverTime); false = none. */
  broadcastTimestamp?: ((method: string, args: unknown[]) => number | undefined) | false;
  /** Invocations without a Completion after this long count as failed (cause timeout; default '30s'). */
  invokeTimeout?: Duration;
  /** A connection not established after this long counts as failed (cause timeout; default '30s'). */
  connectTimeout?: Duration;
  /** After a failed connect, or a close not reconnected, the VU connects again after this delay (default '1s'); false = the VU ends. */
  retryDelay?: Duration | false;
  /** Client server-timeout (default 30 s) and keep-alive interval (default 15 s). */
  serverTimeout?: Duration;
  keepAliveInterval?: Duration;
}
