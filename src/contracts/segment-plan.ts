// The share of the load one process runs (an execution segment); plan/segment.ts builds it.

/** This process's share of the load: one segment of a sequence, with its stripe. */
export interface SegmentPlan {
  /** "from:to", e.g. "1/4:2/4" ("0:1" for an unsegmented run). */
  readonly segment: string;
  /** The sequence, e.g. "0,1/4,1/2,3/4,1". */
  readonly sequence: string;
  /** Position of this segment in the sequence (0-based) and number of segments. */
  readonly index: number;
  readonly count: number;
  /** Length of one stripe cycle (lcm of the sequence's denominators). */
  readonly cycle: number;
  /** True when this segment runs global iteration index `k`. */
  owns(k: number): boolean;
  /** This segment's part of a whole count `v` (VUs, connections, users): parts over the sequence sum to `v`. */
  scale(v: number): number;
  /** True for the whole load (segment 0:1). */
  readonly whole: boolean;
  /** The segment's size, to - from (its share of an arrival rate). */
  readonly size: number;
}
