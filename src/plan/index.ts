// The plan: which share of the load this process runs (k6 execution segments). One process without segments is 0:1.
export { parseSegmentPlan, planOfTuple, allSegments, WHOLE, MAX_CYCLE } from './segment.ts';
export type { SegmentPlan } from '../contracts/segment-plan.ts';
export { parseRatio, formatFraction, type Fraction } from './fraction.ts';
export { parseSegment, formatSegment, SegmentError, type ExecutionSegment } from './execution-segment.ts';
export { parseSequence, formatSequence, type SegmentSequence } from './segment-sequence.ts';
export { ExecutionTuple, executionTuple } from './execution-tuple.ts';
export { parseStartAt, waitUntil, START_AT_MAX_AHEAD_MS, START_AT_MAX_LATE_MS } from './start-at.ts';
