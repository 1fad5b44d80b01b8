// The SignalR workload engine: protocol 'signalr', registered with the runner by that string.
import type { EngineContext, RunningWorkload, WorkloadEngine } from '../../contracts/engine.ts';
import type { WorkloadInfo } from '../../contracts/summary-types.ts';
import { parseDuration } from '../../contracts/duration.ts';
import { buildRamp, rampCorners, type Ramp } from '../sessions/ramp.ts';
import { runPooledWorkload } from '../sessions/pooled-workload.ts';
import { sharedScheduler, type TickScheduler } from '../sessions/tick-scheduler.ts';
import type { SignalRWorkload } from '../../contracts/signalr-workload.ts';
import { SIGNALR_METRICS } from './metrics.ts';
import { validateSignalRWorkload } from './validate.ts';
import { buildSignalRConfig } from './session-config.ts';
import { SignalRSession } from './session.ts';

/** Default ramp pacing: connections opened per second when the workload gives no connectRate. */
export const DEFAULT_CONNECT_RATE = 500;

/** The ramp of a valid SignalR workload. */
export function signalrRamp(w: SignalRWorkload): Ramp {
  return buildRamp({ stages: w.stages, start: w.startUsers, count: w.users, duration: w.duration });
}

/** Creates the engine; tests may pass their own wheel. */
export function createSignalREngine(scheduler: TickScheduler = sharedScheduler()): WorkloadEngine<SignalRWorkload> {
  return {
    protocol: 'signalr',
    metrics: SIGNALR_METRICS,
    validate: validateSignalRWorkload,
    plan(name, w): WorkloadInfo {
      const ramp = signalrRamp(w);
      return { name, executor: w.stages ? 'ramping-connections' : 'constant-connections', kind: 'signalr', targetVUs: rampCorners(ramp), startTime: parseDuration(w.startTime ?? 0) / 1000, duration: ramp.totalMs / 1000 };
    },
    start(w, ctx: EngineContext): RunningWorkload {
      const config = buildSignalRConfig(w, ctx, scheduler);
      return runPooledWorkload<SignalRSession>({
        ramp: signalrRamp(w),
        scheduler,
        connectRate: w.connectRate ?? DEFAULT_CONNECT_RATE,
        gracefulStopMs: parseDuration(w.gracefulStop ?? '10s'),
        create: (id, hooks) => new SignalRSession(config, id, hooks),
      }, ctx, { connections: 'signalr_connections', errors: 'signalr_errors', tags: config.tags });
    },
  };
}

/** The SignalR engine on the process-wide wheel: register it with the runner. */
export const signalrEngine: WorkloadEngine<SignalRWorkload> = createSignalREngine();
