import { setMaxListeners } from 'node:events';
import type { ExecutorContext, ExecutorHandle, VU, VUFactory } from './types.ts';
import { HARD_STOP_GRACE_MS } from './types.ts';
import { arrivalOffsets, type RateSegment } from './arrival-schedule.ts';

/** Options of an open-model executor after parsing: rate segments in iterations per ms. */
export interface OpenModelPlan {
  segments: RateSegment[];
  preAllocatedVUs: number;
  maxVUs: number;
  gracefulStopMs: number;
}

/**
 * Starts iterations on the clock schedule of `plan`, whatever the responses: each iteration gets
 * its intended start time, a free VU (allocating up to maxVUs), or is dropped and counted in
 * `dropped_iterations` when none is free.
 */
export function startOpenModel(plan: OpenModelPlan, makeVU: VUFactory, ctx: ExecutorContext): ExecutorHandle {
  const hard = new AbortController();
  setMaxListeners(0, hard.signal); // one listener per VU (bounded by maxVUs), not a leak
  const onRunAbort = () => hard.abort();
  ctx.signal.addEventListener('abort', onRunAbort, { once: true });
  const free: VU[] = [];
  let allocated = 0;
  let active = 0;
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let resolveDone!: () => void;
  const done = new Promise<void>((r) => (resolveDone = r));
  const allocate = (): VU => makeVU(++allocated, hard.signal);
  for (let i = 0; i < plan.preAllocatedVUs; i++) free.push(allocate());

  const t0 = performance.now();
  const offsets = arrivalOffsets(plan.segments);
  let next = offsets.next();

  const release = (vu: VU) => {
    active--;
    free.push(vu);
    if (stopped && active === 0) finish();
  };
  const launch = (intendedAt: number) => {
    let vu = free.pop();
    if (!vu) {
      if (allocated >= plan.maxVUs) {
        ctx.sink.add('dropped_iterations', 1, ctx.tags);
        return;
      }
      vu = allocate();
    }
    active++;
    const start = intendedAt;
    const v = vu;
    v.run(start).then(() => {
      if (!hard.signal.aborted) {
        ctx.sink.add('iteration_duration', performance.now() - start, ctx.tags);
        ctx.sink.add('iterations', 1, ctx.tags);
      }
      release(v);
    });
  };
  const tick = () => {
    timer = undefined;
    if (stopped) return;
    const now = performance.now() - t0;
    while (!next.done && next.value <= now) {
      launch(t0 + next.value);
      next = offsets.next();
    }
    if (next.done) return stop();
    timer = setTimeout(tick, Math.max(0, Math.floor(next.value - (performance.now() - t0))));
  };

  let graceTimer: NodeJS.Timeout | undefined;
  let finished = false;
  function finish() {
    if (finished) return;
    finished = true;
    if (graceTimer) clearTimeout(graceTimer);
    ctx.signal.removeEventListener('abort', onRunAbort);
    resolveDone();
  }
  function stop() {
    if (stopped) return;
    stopped = true;
    if (timer) clearTimeout(timer);
    if (active === 0) return finish();
    graceTimer = setTimeout(() => hard.abort(), plan.gracefulStopMs);
    graceTimer.unref();
  }
  hard.signal.addEventListener('abort', () => {
    if (!stopped) stop();
    setTimeout(finish, HARD_STOP_GRACE_MS).unref();
  }, { once: true });
  // Open-model workloads always report dropped_iterations, so "count == 0" has data to judge.
  ctx.sink.add('dropped_iterations', 0, ctx.tags);
  tick();
  return { done, stop, activity: () => ({ active, allocated }) };
}
