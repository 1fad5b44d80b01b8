// The WebSocket workload engine: protocol 'websocket', registered with the runner by that string.
import type { WorkloadEngine } from '../../contracts/engine.ts';
import { createSessionEngine } from '../sessions/session-engine.ts';
import { sharedScheduler, type TickScheduler } from '../sessions/tick-scheduler.ts';
import type { WebSocketWorkload } from '../../contracts/websocket-workload.ts';
import { WS_METRICS } from './metrics.ts';
import { validateWebSocketWorkload } from './validate.ts';
import { buildSessionConfig } from './session-config.ts';
import { WsSession } from './session.ts';
import type { SessionTlsDefaults } from '../sessions/session-tls.ts';

const count = (w: WebSocketWorkload) => ({ count: w.connections, start: w.startConnections });

/** Creates the engine; tests may pass their own wheel; `tls` is the scenario's http.tls for wss: URLs. */
export function createWebSocketEngine(scheduler: TickScheduler = sharedScheduler(), tls: SessionTlsDefaults = {}): WorkloadEngine<WebSocketWorkload> {
  return createSessionEngine({
    protocol: 'websocket', metrics: WS_METRICS, validate: validateWebSocketWorkload, count,
    config: (w, ctx, s) => buildSessionConfig(w, ctx, s, tls), session: (config, id, hooks) => new WsSession(config, id, hooks),
    gauges: { connections: 'ws_connections', errors: 'ws_errors' },
  }, scheduler);
}

/** The WebSocket engine on the process-wide wheel: register it with the runner. */
export const websocketEngine: WorkloadEngine<WebSocketWorkload> = createWebSocketEngine();
