// Metrics of the WebSocket engine, with k6's names where k6 has them.
import type { MetricDef } from '../../contracts/metric-types.ts';

/** Every metric the WebSocket engine emits; register them before thresholds are validated. */
export const WS_METRICS: readonly MetricDef[] = Object.freeze([
  { name: 'ws_connecting', type: 'trend', contains: 'time', description: 'WebSocket opening handshake time (TCP connect + HTTP upgrade)' },
  { name: 'ws_sessions', type: 'counter', contains: 'default', description: 'WebSocket sessions opened' },
  { name: 'ws_connections', type: 'gauge', contains: 'default', description: 'open WebSocket connections' },
  { name: 'ws_msgs_sent', type: 'counter', contains: 'default', description: 'WebSocket messages sent' },
  { name: 'ws_msgs_received', type: 'counter', contains: 'default', description: 'WebSocket messages received' },
  { name: 'ws_msg_rtt', type: 'trend', contains: 'time', description: 'time from sending a message to its reply (by correlation id or reply order)' },
  { name: 'ws_ping', type: 'trend', contains: 'time', description: 'round trip of a ping frame to its pong (k6\'s ws_ping; with pingInterval)' },
  { name: 'ws_session_duration', type: 'trend', contains: 'time', description: 'time a WebSocket connection stayed open' },
  { name: 'ws_errors', type: 'counter', contains: 'default', description: 'WebSocket failures: connect, closed (unexpected close, by code), error, timeout (code reply or pong), expect_timeout' },
  { name: 'ws_reconnects', type: 'counter', contains: 'default', description: 'WebSocket connections reopened after a failure or drop' },
] satisfies MetricDef[]);

/** Cause tag values of ws_errors. */
export type WsErrorCause = 'connect' | 'closed' | 'error' | 'timeout' | 'expect_timeout';
