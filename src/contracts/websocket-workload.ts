// The options of a WebSocket workload, as a QA engineer writes them in a scenario.
import type { CommonWorkloadOptions, Duration, HttpTlsOptions, Stage } from './scenario-types.ts';

/** What a per-message payload function gets. */
export interface WsMessageContext {
  /** VU number (1-based, unique among the workload's live connections). */
  readonly vu: number;
  /** Message number on this connection, from 1. */
  readonly seq: number;
}

/** A custom correlation codec: put an id into an outgoing message and read it back from a reply. */
export interface WsCorrelationCodec {
  /** The text to send for `payload` carrying correlation id `id`. */
  encode(payload: string, id: number): string;
  /** The correlation id in a received message, or undefined when the message is not a reply. */
  decode(message: string): number | undefined;
}

/** One scripted exchange: send a message, then wait for a reply matching `expect` within `timeout`. */
export interface WsExchange {
  /** Tag `name` of its ws_msg_rtt sample (default `exchange_<index>`). */
  name?: string;
  send: string | ((ctx: WsMessageContext) => string);
  /** Predicate on received text messages; the first that returns true completes the exchange. */
  expect: (message: string) => boolean;
  /** How long to wait for the reply (default '10s'); a miss counts ws_errors{cause:expect_timeout}. */
  timeout?: Duration;
}

/** A WebSocket workload: connections ramped to a target, each sending at a steady rate. */
export interface WebSocketWorkload extends CommonWorkloadOptions {
  protocol: 'websocket';
  /** Realtime workloads have no k6 executor: their shape is `stages` or a constant count with `duration`. */
  executor?: undefined;
  /** Path below the scenario baseUrl (ws:// is derived from http://), e.g. '/ws/echo'. Give `path` or `url`. */
  path?: string;
  /** Full loopback ws:// (or http://) URL. */
  url?: string;
  /** Ramp of concurrent connections (like ramping-vus); or give `connections` and `duration`. */
  stages?: Stage[];
  /** Connections at the start of the stages (default 0). */
  startConnections?: number;
  /** Constant number of connections held for `duration`. */
  connections?: number;
  duration?: Duration;
  /** Messages each connection sends per second (default 1; 0 = send nothing periodically). */
  messagesPerSecond?: number;
  /** Text of each periodic message (default '{"ping":true}'), or a function of the VU and message number. */
  payload?: string | ((ctx: WsMessageContext) => string);
  /** Exchanges run in order on each new connection, before periodic messages start. */
  exchanges?: WsExchange[];
  /**
   * How replies are matched to messages for ws_msg_rtt: 'id' (default) wraps each message as
   * `{"id":<n>,"data":<payload>}` and matches replies carrying the same id; 'order' matches the
   * n-th reply to the n-th message (echo servers); 'none' records no RTT; or a custom codec.
   */
  correlation?: 'id' | 'order' | 'none' | WsCorrelationCodec;
  /**
   * Send a ping frame every `pingInterval` on each connection and record its round trip to the pong in
   * `ws_ping` (k6's metric, ms; as k6's `socket.ping()`, the pong must echo the ping's payload).
   * Default: no pings. A pong later than `replyTimeout` counts ws_errors{cause:timeout,code:pong}.
   */
  pingInterval?: Duration;
  /** How long a reply (or a pong) may take before the message counts as lost (default '10s'). */
  replyTimeout?: Duration;
  /** Reopen a connection that failed or dropped (default false: the slot stays empty, counted in ws_errors). */
  reconnect?: boolean;
  /** Wait before reopening (default '1s'). */
  reconnectDelay?: Duration;
  /** New connections per second at most, across the workload (default: unlimited, still at most 256 opening at once). */
  connectRate?: number;
  /** Handshake timeout (default '10s'). */
  connectTimeout?: Duration;
  /** Extra handshake headers (for example Authorization). */
  headers?: Record<string, string>;
  /** This workload's own TLS options for wss:/https: (the fields of http.tls), replacing the scenario's http.tls. */
  http?: { tls?: HttpTlsOptions };
  /** Subprotocols offered in Sec-WebSocket-Protocol. */
  subprotocols?: string[];
}
