import type { ExecutorDefinition } from './definition.ts';
import { constantArrivalRate } from './constant-arrival-rate.ts';
import { rampingArrivalRate } from './ramping-arrival-rate.ts';
import { constantVUs } from './constant-vus.ts';
import { rampingVUs } from './ramping-vus.ts';
import { perVuIterations } from './per-vu-iterations.ts';
import { startOpenModel } from './open-model.ts';
import { startClosedModel } from './closed-model.ts';
import type { ExecutorContext, ExecutorHandle, VUFactory } from './types.ts';
import type { ExecutorPlan } from './definition.ts';
import type { SegmentPlan } from '../contracts/segment-plan.ts';

/** Every executor by its k6 name. */
export const EXECUTORS: ReadonlyMap<string, ExecutorDefinition> = new Map(
  [constantArrivalRate, rampingArrivalRate, constantVUs, rampingVUs, perVuIterations].map((e) => [e.name, e]),
);

/** Starts a plan with the open or closed model runner. */
export function startPlan(plan: ExecutorPlan, makeVU: VUFactory, ctx: ExecutorContext): ExecutorHandle {
  const p = segmentShare(plan, ctx.segment);
  return p.model === 'open' ? startOpenModel(p.plan, makeVU, ctx) : startClosedModel(p.plan, makeVU, ctx);
}

/**
 * This segment's share of a plan (k6's rules): an open model keeps the global schedule and runs only the
 * iteration indexes the segment owns, with its part of preAllocatedVUs and maxVUs; a closed model runs its
 * part of the VUs at every moment. The parts over a sequence sum to the whole plan.
 */
export function segmentShare(plan: ExecutorPlan, segment: SegmentPlan | undefined): ExecutorPlan {
  if (!segment || segment.whole) return plan;
  if (plan.model === 'open') {
    const p = plan.plan;
    return { model: 'open', plan: { ...p, owns: segment.owns, preAllocatedVUs: segment.scale(p.preAllocatedVUs), maxVUs: segment.scale(p.maxVUs) } };
  }
  const p = plan.plan;
  return { model: 'closed', plan: { ...p, vusAt: (t) => segment.scale(p.vusAt(t)), maxVUs: segment.scale(p.maxVUs) } };
}
