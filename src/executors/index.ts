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

/** Every executor by its k6 name. */
export const EXECUTORS: ReadonlyMap<string, ExecutorDefinition> = new Map(
  [constantArrivalRate, rampingArrivalRate, constantVUs, rampingVUs, perVuIterations].map((e) => [e.name, e]),
);

/** Starts a plan with the open or closed model runner. */
export function startPlan(plan: ExecutorPlan, makeVU: VUFactory, ctx: ExecutorContext): ExecutorHandle {
  return plan.model === 'open' ? startOpenModel(plan.plan, makeVU, ctx) : startClosedModel(plan.plan, makeVU, ctx);
}
