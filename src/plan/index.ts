// The plan: which share of the load this process runs (k6 execution segments). One process without segments is 0:1.
export { parseSegmentPlan, segmentPlanOf, allSegments, stripeOwners, WHOLE, MAX_CYCLE } from './segment.ts';
export type { SegmentPlan } from '../contracts/segment-plan.ts';
export { parseFraction, formatFraction, type Fraction } from './fraction.ts';
export { parseStartAt, waitUntil, START_AT_MAX_AHEAD_MS, START_AT_MAX_LATE_MS } from './start-at.ts';
