import { setImmediate as nextMacrotask } from 'node:timers/promises';
import type { ExecutorContext, ExecutorHandle, VU, VUFactory } from './types.ts';
import { StopControl } from './stop-control.ts';
import { seriesHandle } from '../metrics/handle.ts';

/** A closed-model plan: how many VUs should loop at each moment. */
export interface ClosedModelPlan {
  /** Desired looping VUs (a whole number: ramps use stages.ts countAt) at `elapsedMs` from the workload start. */
  vusAt(elapsedMs: number): number;
  /** When the workload ends (no iteration starts after it). */
  durationMs: number;
  /** Upper bound of vusAt over the whole plan. */
  maxVUs: number;
  /** Iterations each VU runs before it stops (per-vu-iterations); undefined = loop until the end. */
  iterationsPerVU?: number;
  /** Iterations all VUs share (shared-iterations): each free VU takes the next until all are taken; undefined = no total. */
  sharedIterations?: number;
  gracefulStopMs: number;
}

const CONTROL_INTERVAL_MS = 100;
/** Longest stretch of back-to-back iterations without a macrotask turn. */
const YIELD_EVERY_MS = 5;

/**
 * Closed model: each active VU runs iterations back to back. A controller ticking every 100 ms
 * starts VUs up to vusAt(t); a VU above the target finishes its iteration and parks.
 */
export function startClosedModel(plan: ClosedModelPlan, makeVU: VUFactory, ctx: ExecutorContext): ExecutorHandle {
  const iterationDuration = seriesHandle(ctx.sink, 'iteration_duration', ctx.tags);
  const iterations = seriesHandle(ctx.sink, 'iterations', ctx.tags);
  const vus: VU[] = [];
  const looping = new Set<number>();
  const iterationsDone: number[] = [];
  let active = 0;
  let target = 0;
  /** Shared iterations taken so far, and finished (counted whatever the outcome). */
  let taken = 0;
  let finished = 0;
  const t0 = performance.now();
  let controller: NodeJS.Timeout | undefined;
  let endTimer: NodeJS.Timeout | undefined;
  const stopControl = new StopControl(ctx.signal, plan.gracefulStopMs, {
    onStop: () => { clearInterval(controller); clearTimeout(endTimer); },
    idle: () => looping.size === 0,
  });
  const hard = stopControl.hard.signal;

  const finishedAll = () => (plan.iterationsPerVU !== undefined && iterationsDone.length >= plan.maxVUs
    && iterationsDone.every((n) => n >= plan.iterationsPerVU!))
    || (plan.sharedIterations !== undefined && finished >= plan.sharedIterations);

  let lastYield = performance.now();
  const loop = async (index: number) => {
    looping.add(index);
    const vu = vus[index];
    while (!stopControl.stopped && index < target && !hard.aborted) {
      if (plan.iterationsPerVU !== undefined && iterationsDone[index] >= plan.iterationsPerVU) break;
      if (plan.sharedIterations !== undefined) {
        if (taken >= plan.sharedIterations) break;
        taken++;
      }
      const start = performance.now();
      active++;
      await vu.run(start);
      active--;
      if (!hard.aborted) {
        iterationDuration.add(performance.now() - start);
        iterations.add(1);
      }
      iterationsDone[index]++;
      finished++;
      // An iteration without real I/O resolves in microtasks only: yield now and then so timers
      // (the end, the ticker) still run; iterations that wait on I/O never get here.
      if (performance.now() - lastYield > YIELD_EVERY_MS) {
        await nextMacrotask();
        lastYield = performance.now();
      }
    }
    looping.delete(index);
    if (finishedAll()) stopControl.stop();
    stopControl.vuIdle();
  };

  const control = () => {
    if (stopControl.stopped) return;
    const elapsed = performance.now() - t0;
    if (elapsed >= plan.durationMs) return stopControl.stop();
    target = Math.min(plan.maxVUs, Math.max(0, plan.vusAt(elapsed)));
    for (let i = 0; i < target; i++) {
      if (!vus[i]) { vus[i] = makeVU(i + 1, hard); iterationsDone[i] = 0; }
      if (!looping.has(i)) void loop(i);
    }
  };
  controller = setInterval(control, CONTROL_INTERVAL_MS);
  endTimer = setTimeout(() => stopControl.stop(), plan.durationMs);
  // an iterations workload with nothing to run (a segment without a share) ends at once, as in k6
  const counted = plan.sharedIterations !== undefined || plan.iterationsPerVU !== undefined;
  if (counted && (plan.sharedIterations === 0 || plan.maxVUs === 0)) stopControl.stop();
  else control();
  return { done: stopControl.done, stop: () => stopControl.stop(), activity: () => ({ active, allocated: vus.length }) };
}
