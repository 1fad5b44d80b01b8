// Runs a session pool as a runner workload: shared by the WebSocket and SignalR engines.
import type { EngineContext, RunningWorkload } from '../../contracts/engine.ts';
import type { TagSet } from '../../contracts/metric-types.ts';
import { SessionPool, type PooledSession, type PoolOptions } from './session-pool.ts';

/** The metrics a pooled workload keeps up itself. */
export interface PoolMetrics {
  /** Gauge of open connections, emitted on change and every second. */
  connections: string;
  /** Error counter, started at zero so `count<1` criteria have data when nothing failed. */
  errors: string;
  tags: TagSet;
}

/**
 * Starts `pool` as a RunningWorkload: hard-stopped with the run's signal, its open-connections gauge
 * emitted on every change and once a second, its error counter started at zero.
 */
export function runPooledWorkload<S extends PooledSession>(options: Omit<PoolOptions<S>, 'onOpenCount' | 'signal'>, ctx: EngineContext, m: PoolMetrics): RunningWorkload {
  let open = 0;
  ctx.sink.add(m.errors, 0, m.tags);
  // an execution segment keeps its part of the connections / users at every moment of the ramp
  const ramp = ctx.segment && !ctx.segment.whole ? { ...options.ramp, scale: ctx.segment.scale } : options.ramp;
  const pool = new SessionPool<S>({ ...options, ramp, signal: ctx.signal, onOpenCount: (n) => { open = n; ctx.sink.add(m.connections, n, m.tags); } });
  pool.begin();
  return { done: pool.done, stop: () => pool.stop(), activity: () => pool.activity(), onSecond: () => ctx.sink.add(m.connections, open, m.tags) };
}
