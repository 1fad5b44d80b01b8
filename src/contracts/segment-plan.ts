// The share of the load one process runs (an execution segment); plan/segment.ts builds it.

/** This process's share of the load: one segment of a sequence, with its stripe. */
export interface SegmentPlan {
  /** "from:to", e.g. "1/4:1/2" ("0:1" for an unsegmented run). */
  readonly segment: string;
  /** The filled sequence, e.g. "0,1/4,1/2,3/4,1". */
  readonly sequence: string;
  /** Position of this segment in the sequence (0-based) and number of segments. */
  readonly index: number;
  readonly count: number;
  /** Length of one stripe cycle (k6's LCD of the segments' lengths). */
  readonly cycle: number;
  /** True when this segment runs global index `k` (0-based). */
  owns(k: number): boolean;
  /** This segment's part of a whole count `v` (VUs, connections, users): parts over the sequence sum to `v`. */
  scale(v: number): number;
  /**
   * This segment's plan after re-cutting the sequence by the whole count `v` (k6 cuts arrival-rate
   * iterations by maxVUs, so each segment's iterations follow its VUs); undefined when its part of `v` is 0.
   */
  splitBy(v: number): SegmentPlan | undefined;
  /** True for the whole load (a sequence of one segment, 0:1). */
  readonly whole: boolean;
  /** The segment's size, to - from. */
  readonly size: number;
}
