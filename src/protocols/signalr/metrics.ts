// Metrics of the SignalR engine.
import type { MetricDef } from '../../contracts/metric-types.ts';
import { tlsFailureCode } from '../http/tls-context.ts';

/** Every metric the SignalR engine emits; register them before thresholds are validated. */
export const SIGNALR_METRICS: readonly MetricDef[] = Object.freeze([
  { name: 'signalr_connecting', type: 'trend', contains: 'time', description: 'SignalR connection time: negotiate + transport + handshake' },
  { name: 'signalr_connections', type: 'gauge', contains: 'default', description: 'open SignalR connections' },
  { name: 'signalr_invoke_duration', type: 'trend', contains: 'time', description: 'hub invocation time until its Completion, tagged by method' },
  { name: 'signalr_invocations', type: 'counter', contains: 'default', description: 'hub invocations sent, tagged by method' },
  { name: 'signalr_invoke_failed', type: 'rate', contains: 'default', description: 'share of hub invocations that failed (error Completion, connection lost, timeout)' },
  { name: 'signalr_messages_sent', type: 'counter', contains: 'default', description: 'fire-and-forget hub messages sent, tagged by method' },
  { name: 'signalr_messages_received', type: 'counter', contains: 'default', description: 'server-to-client hub messages received, tagged by method' },
  { name: 'signalr_broadcast_latency', type: 'trend', contains: 'time', description: 'time from the server timestamp in a message to its arrival' },
  { name: 'signalr_reconnects', type: 'counter', contains: 'default', description: 'connections automatically reconnected by the client' },
  { name: 'signalr_errors', type: 'counter', contains: 'default', description: 'SignalR failures by cause: negotiate, transport, handshake, closed, timeout, invoke, reconnect, auth, tls (with the TLS code as `code`, e.g. UNABLE_TO_VERIFY_LEAF_SIGNATURE)' },
] satisfies MetricDef[]);

/** Cause tag values of signalr_errors. */
export type SignalRErrorCause = 'negotiate' | 'transport' | 'handshake' | 'closed' | 'timeout' | 'invoke' | 'reconnect' | 'auth' | 'tls';

/** Sorts a client error into a signalr_errors cause by the @microsoft/signalr error type and message. */
export function classifyError(err: unknown, fallback: SignalRErrorCause): SignalRErrorCause {
  const e = err as { message?: string; errorType?: string; statusCode?: number } | undefined;
  const msg = e?.message ?? String(err);
  if (tlsFailureCode(err) !== undefined) return 'tls';
  if (/timeout elapsed|timed out|TimeoutError/i.test(msg) || e?.errorType === 'TimeoutError') return 'timeout';
  if (/handshake/i.test(msg)) return 'handshake';
  // Authentication first: a 401 on negotiate is a rejected token, not a broken negotiate endpoint.
  if (/Unauthorized|Status code '401'|Status code '403'/i.test(msg) || e?.statusCode === 401 || e?.statusCode === 403) return 'auth';
  if (e?.errorType === 'FailedToNegotiateWithServerError' || /negotiat/i.test(msg)) return 'negotiate';
  if (e?.errorType === 'FailedToStartTransportError' || e?.errorType === 'DisabledTransportError' || /transport/i.test(msg)) return 'transport';
  if (/closed|close/i.test(msg)) return 'closed';
  return fallback;
}
