// The WebSocket workload engine: protocol 'websocket', registered with the runner by that string.
import type { EngineContext, RunningWorkload, WorkloadEngine } from '../../contracts/engine.ts';
import type { WorkloadInfo } from '../../contracts/summary-types.ts';
import { parseDuration } from '../../contracts/duration.ts';
import type { WebSocketWorkload } from '../../contracts/websocket-workload.ts';
import { WS_METRICS } from './metrics.ts';
import { validateWebSocketWorkload } from './validate.ts';
import { buildRamp, rampCorners, type Ramp } from '../sessions/ramp.ts';
import { buildSessionConfig } from './session-config.ts';
import { runPooledWorkload } from '../sessions/pooled-workload.ts';
import { WsSession } from './session.ts';
import { sharedScheduler, type TickScheduler } from '../sessions/tick-scheduler.ts';

/** The ramp of a valid WebSocket workload. */
export function wsRamp(w: WebSocketWorkload): Ramp {
  return buildRamp({ stages: w.stages, start: w.startConnections, count: w.connections, duration: w.duration });
}

/** Creates the engine; tests may pass their own wheel. */
export function createWebSocketEngine(scheduler: TickScheduler = sharedScheduler()): WorkloadEngine<WebSocketWorkload> {
  return {
    protocol: 'websocket',
    metrics: WS_METRICS,
    validate: validateWebSocketWorkload,
    plan(name, w): WorkloadInfo {
      const ramp = wsRamp(w);
      return { name, executor: w.stages ? 'ramping-connections' : 'constant-connections', kind: 'websocket', targetVUs: rampCorners(ramp), startTime: parseDuration(w.startTime ?? 0) / 1000, duration: ramp.totalMs / 1000 };
    },
    start(w, ctx: EngineContext): RunningWorkload {
      const config = buildSessionConfig(w, ctx, scheduler);
      return runPooledWorkload<WsSession>({
        ramp: wsRamp(w),
        scheduler,
        connectRate: w.connectRate,
        gracefulStopMs: parseDuration(w.gracefulStop ?? '10s'),
        create: (id, hooks) => new WsSession(config, id, hooks),
      }, ctx, { connections: 'ws_connections', errors: 'ws_errors', tags: config.tags });
    },
  };
}

/** The WebSocket engine on the process-wide wheel: register it with the runner. */
export const websocketEngine: WorkloadEngine<WebSocketWorkload> = createWebSocketEngine();
