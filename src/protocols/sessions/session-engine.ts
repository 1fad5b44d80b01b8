// The one engine skeleton of the connection-pool protocols (WebSocket, SignalR): a ramp of long-lived
// sessions kept by a SessionPool on the shared wheel; each protocol gives its options, metrics and session.
import type { EngineContext, RunningWorkload, WorkloadEngine } from '../../contracts/engine.ts';
import type { WorkloadInfo } from '../../contracts/summary-types.ts';
import type { MetricDef, TagSet } from '../../contracts/metric-types.ts';
import type { Duration, Stage } from '../../contracts/scenario-types.ts';
import { parseDuration } from '../../contracts/duration.ts';
import { DEFAULTS } from '../../config/defaults.ts';
import { buildRamp, rampCorners, type Ramp } from './ramp.ts';
import { runPooledWorkload } from './pooled-workload.ts';
import type { PooledSession, SessionHooks } from './session-pool.ts';
import type { TickScheduler } from './tick-scheduler.ts';

/** The options every pooled workload shares (validated before the engine sees them). */
export interface PooledWorkloadOptions {
  readonly stages?: Stage[];
  readonly duration?: Duration;
  readonly startTime?: Duration;
  readonly gracefulStop?: Duration;
  readonly connectRate?: number;
}

/** What one protocol gives the skeleton. */
export interface SessionEngineSpec<W extends PooledWorkloadOptions, C extends { readonly tags: TagSet }, S extends PooledSession> {
  readonly protocol: 'websocket' | 'signalr';
  readonly metrics: readonly MetricDef[];
  readonly validate: WorkloadEngine<W>['validate'];
  /** The held count and its ramp start: connections/startConnections, users/startUsers. */
  count(w: W): { count?: number; start?: number };
  /** Opens per second when the workload gives no connectRate (undefined: as fast as the pool opens them). */
  readonly defaultConnectRate?: number;
  /** Everything the sessions of one workload share, built once at start. */
  config(w: W, ctx: EngineContext, scheduler: TickScheduler): C;
  session(config: C, id: number, hooks: SessionHooks): S;
  /** The open-connections gauge and the error counter the pool keeps up. */
  readonly gauges: { readonly connections: string; readonly errors: string };
}

/** The ramp of a valid pooled workload: its stages, or its count held for its duration. */
export function sessionRamp<W extends PooledWorkloadOptions>(w: W, c: { count?: number; start?: number }): Ramp {
  return buildRamp({ stages: w.stages, start: c.start, count: c.count, duration: w.duration });
}

/** A WorkloadEngine for `spec` on `scheduler`: plan reads the ramp, start runs the session pool. */
export function createSessionEngine<W extends PooledWorkloadOptions, C extends { readonly tags: TagSet }, S extends PooledSession>(
  spec: SessionEngineSpec<W, C, S>, scheduler: TickScheduler,
): WorkloadEngine<W> {
  return {
    protocol: spec.protocol,
    metrics: spec.metrics,
    validate: spec.validate,
    plan(name, w): WorkloadInfo {
      const ramp = sessionRamp(w, spec.count(w));
      return { name, executor: w.stages ? 'ramping-connections' : 'constant-connections', kind: spec.protocol, targetVUs: rampCorners(ramp), startTime: parseDuration(w.startTime ?? 0) / 1000, duration: ramp.totalMs / 1000 };
    },
    start(w, ctx: EngineContext): RunningWorkload {
      const config = spec.config(w, ctx, scheduler);
      return runPooledWorkload<S>({
        ramp: sessionRamp(w, spec.count(w)),
        scheduler,
        connectRate: w.connectRate ?? spec.defaultConnectRate,
        gracefulStopMs: parseDuration(w.gracefulStop ?? DEFAULTS.gracefulStop),
        create: (id, hooks) => spec.session(config, id, hooks),
      }, ctx, { ...spec.gauges, tags: config.tags });
    },
  };
}
