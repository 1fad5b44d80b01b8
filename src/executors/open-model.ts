import type { ExecutorContext, ExecutorHandle, VU, VUFactory } from './types.ts';
import { arrivalOffsets, type RateSegment } from './arrival-schedule.ts';
import { StopControl } from './stop-control.ts';
import { seriesHandle } from '../metrics/handle.ts';
import { PreciseWake } from './precise-wake.ts';

/** Options of an open-model executor after parsing: rate segments in iterations per ms. */
export interface OpenModelPlan {
  segments: RateSegment[];
  preAllocatedVUs: number;
  maxVUs: number;
  gracefulStopMs: number;
  /** Which global iteration indexes this process runs (its execution segment); absent = all. */
  owns?: (index: number) => boolean;
}

/**
 * Starts iterations on the clock schedule of `plan`, whatever the responses: each iteration gets
 * its intended start time, a free VU (allocating up to maxVUs), or is dropped and counted in
 * `dropped_iterations` when none is free.
 */
export function startOpenModel(plan: OpenModelPlan, makeVU: VUFactory, ctx: ExecutorContext): ExecutorHandle {
  const iterationDuration = seriesHandle(ctx.sink, 'iteration_duration', ctx.tags);
  const iterations = seriesHandle(ctx.sink, 'iterations', ctx.tags);
  const free: VU[] = [];
  let allocated = 0;
  let active = 0;
  const wake = new PreciseWake(() => tick());
  const control = new StopControl(ctx.signal, plan.gracefulStopMs, {
    onStop: () => wake.cancel(),
    idle: () => active === 0,
  });
  const allocate = (): VU => makeVU(++allocated, control.hard.signal);
  for (let i = 0; i < plan.preAllocatedVUs; i++) free.push(allocate());

  const t0 = performance.now();
  const offsets = arrivalOffsets(plan.segments);
  const owns = plan.owns;
  let index = 0; // global index of `next`
  let next = offsets.next();
  // Another segment's iterations are skipped: this one keeps their global intended times for its own.
  const skipOthers = () => { if (owns) while (!next.done && !owns(index)) { next = offsets.next(); index++; } };
  const advance = () => { next = offsets.next(); index++; skipOthers(); };
  skipOthers();

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
    const v = vu;
    v.run(intendedAt).then(() => {
      if (!control.hard.signal.aborted) {
        iterationDuration.add(performance.now() - intendedAt);
        iterations.add(1);
      }
      active--;
      free.push(v);
      control.vuIdle();
    });
  };
  const tick = () => {
    if (control.stopped) return;
    const now = performance.now() - t0;
    while (!next.done && next.value <= now) {
      launch(t0 + next.value);
      advance();
    }
    if (next.done) return control.stop();
    wake.at(t0 + next.value);
  };

  // Open-model workloads always report dropped_iterations, so "count == 0" has data to judge.
  ctx.sink.add('dropped_iterations', 0, ctx.tags);
  tick();
  return { done: control.done, stop: () => control.stop(), activity: () => ({ active, allocated }) };
}
