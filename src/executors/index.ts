import type { ExecutorDefinition, ExecutorValidator, PlanTargets } from './definition.ts';
import type { HttpWorkload } from '../contracts/scenario-types.ts';
import { constantArrivalRate } from './constant-arrival-rate.ts';
import { rampingArrivalRate } from './ramping-arrival-rate.ts';
import { constantVUs } from './constant-vus.ts';
import { rampingVUs } from './ramping-vus.ts';
import { perVuIterations } from './per-vu-iterations.ts';
import { sharedIterations } from './shared-iterations.ts';
import { startOpenModel } from './open-model.ts';
import { startClosedModel } from './closed-model.ts';
import type { ExecutorContext, ExecutorHandle, VUFactory } from './types.ts';
import type { ExecutorPlan } from './definition.ts';
import type { SegmentPlan } from '../contracts/segment-plan.ts';

/** Every executor by its k6 name, for validating untyped workloads. */
export const EXECUTORS: ReadonlyMap<string, ExecutorValidator> = new Map(
  [constantArrivalRate, rampingArrivalRate, constantVUs, rampingVUs, perVuIterations, sharedIterations].map((e): [string, ExecutorValidator] => [e.name, e]),
);

/** Calls `use` with the definition of a valid workload's executor and the workload as its typed options (the switch narrows: no cast). */
function withExecutor<R>(w: HttpWorkload, use: <O>(def: ExecutorDefinition<O>, options: O) => R): R {
  switch (w.executor) {
    case 'constant-arrival-rate': return use(constantArrivalRate, w);
    case 'ramping-arrival-rate': return use(rampingArrivalRate, w);
    case 'constant-vus': return use(constantVUs, w);
    case 'ramping-vus': return use(rampingVUs, w);
    case 'per-vu-iterations': return use(perVuIterations, w);
    case 'shared-iterations': return use(sharedIterations, w);
  }
}

/** The executor plan of a valid HTTP workload. */
export function planOf(w: HttpWorkload, gracefulStopMs: number): ExecutorPlan {
  return withExecutor(w, (def, o) => def.plan(o, gracefulStopMs));
}

/** Planned duration and targets of a valid HTTP workload. */
export function targetsOf(w: HttpWorkload): PlanTargets {
  return withExecutor(w, (def, o) => def.targets(o));
}

/** Starts a plan with the open or closed model runner. */
export function startPlan(plan: ExecutorPlan, makeVU: VUFactory, ctx: ExecutorContext): ExecutorHandle {
  const p = segmentShare(plan, ctx.segment);
  return p.model === 'open' ? startOpenModel(p.plan, makeVU, ctx) : startClosedModel(p.plan, makeVU, ctx);
}

/**
 * This segment's share of a plan (k6's rules): a closed model runs its part of the VUs at every moment; an
 * open model gets its part of preAllocatedVUs and maxVUs, keeps the global schedule, and runs the iteration
 * indexes it owns once the sequence is re-cut by maxVUs (k6's GetNewExecutionTupleFromValue), so a segment
 * with no VU owns no iteration and runs nothing. Shared iterations are cut the same way (k6's
 * SharedIterationsConfig.GetIterations: the sequence re-cut by vus scales the total), so a segment
 * without VUs has no iterations. The parts over a sequence sum to the whole plan.
 */
export function segmentShare(plan: ExecutorPlan, segment: SegmentPlan | undefined): ExecutorPlan {
  if (!segment || segment.whole) return plan;
  if (plan.model === 'open') {
    const p = plan.plan;
    const byVUs = segment.splitBy(p.maxVUs);
    if (!byVUs) return { model: 'open', plan: { ...p, segments: [], owns: () => false, preAllocatedVUs: 0, maxVUs: 0 } };
    return { model: 'open', plan: { ...p, owns: byVUs.owns, preAllocatedVUs: segment.scale(p.preAllocatedVUs), maxVUs: segment.scale(p.maxVUs) } };
  }
  const p = plan.plan;
  const shared = p.sharedIterations === undefined ? {} : { sharedIterations: segment.splitBy(p.maxVUs)?.scale(p.sharedIterations) ?? 0 };
  return { model: 'closed', plan: { ...p, ...shared, vusAt: (t) => segment.scale(p.vusAt(t)), maxVUs: segment.scale(p.maxVUs) } };
}
