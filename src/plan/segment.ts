// This process's share of the load from --execution-segment / --execution-segment-sequence, with k6's
// semantics: the sequence (filled to 0..1) is striped by k6's algorithm; a segment owns its stripe of every
// global index (index mod LCD), and its part of any whole count is the number of indexes 0..v-1 it owns.
import { ConfigError, type ConfigIssue } from '../contracts/errors.ts';
import { formatSegment, parseSegment, SegmentError, type ExecutionSegment } from './execution-segment.ts';
import { ExecutionTuple, executionTuple } from './execution-tuple.ts';
import { toNumber } from './fraction.ts';
import { SequenceStripes } from './stripes.ts';
import type { SegmentPlan } from '../contracts/segment-plan.ts';
import { filledSequence, formatSequence, parseSequence, sequenceLCD, type SegmentSequence } from './segment-sequence.ts';


/** Most cycle positions accepted (the LCD of the sequence); larger sequences are refused. */
export const MAX_CYCLE = 1_000_000;

/** The plan of a k6 execution tuple. */
export function planOfTuple(tuple: ExecutionTuple): SegmentPlan {
  const { stripes, index } = tuple;
  const whole = stripes.count === 1;
  const own = whole ? undefined : stripes.ownedPositions(index);
  const lcd = stripes.lcd;
  // prefix[i] = owned positions below i: the same count k6's ScaleInt64 walks to, in O(1) per call
  const prefix = new Int32Array(own ? lcd + 1 : 0);
  if (own) for (let i = 0; i < lcd; i++) prefix[i + 1] = prefix[i] + own[i];
  const perCycle = own ? prefix[lcd] : 0;
  return {
    segment: formatSegment(tuple.segment),
    sequence: formatSequence(stripes.sequence),
    index,
    count: stripes.count,
    cycle: lcd,
    whole,
    size: toNumber(tuple.segment.length),
    owns: own ? (k) => own[k % lcd] === 1 : () => true,
    scale: own ? (v) => {
      const n = Math.max(0, Math.floor(v));
      return Math.floor(n / lcd) * perCycle + prefix[n % lcd];
    } : (v) => Math.max(0, Math.floor(v)),
    splitBy: (v) => {
      const n = Math.floor(v);
      if (n < 1 || tuple.scale(n) === 0) return undefined;
      return planOfTuple(tuple.fromValue(n));
    },
  };
}

/**
 * Builds the plan from `--execution-segment` and `--execution-segment-sequence` as k6 does: either may be
 * absent or "" (no segment = 0:1, no sequence = the segment filled to 0..1); a sequence that does not
 * start at 0 or end at 1 is filled in. Throws ConfigError (104) naming the flag with k6's reason when a
 * value is malformed, the segment is not one step of the sequence, or the cycle exceeds MAX_CYCLE.
 */
export function parseSegmentPlan(segment?: string, sequence?: string): SegmentPlan {
  const issues: ConfigIssue[] = [];
  const attempt = <T>(path: string, fix: string, f: () => T): T | undefined => {
    try { return f(); } catch (err) {
      if (!(err instanceof SegmentError)) throw err;
      issues.push({ file: 'command line', path, message: `"${path === '--execution-segment' ? segment : sequence}": ${err.message}`, fix });
      return undefined;
    }
  };
  const seg: ExecutionSegment | undefined = segment === undefined || segment === '' ? undefined
    : attempt('--execution-segment', 'write FROM:TO with 0 <= FROM < TO <= 1, e.g. 1/4:1/2, 0.25:0.5, 25%:50%, or one value for 0:VALUE', () => parseSegment(segment));
  const seq: SegmentSequence | undefined = sequence === undefined ? undefined
    : attempt('--execution-segment-sequence', 'write at least two increasing values from 0 to 1, e.g. 0,1/4,1/2,3/4,1', () => parseSequence(sequence));
  if (issues.length) throw new ConfigError(issues);
  const filled = filledSequence(seq, seg);
  const lcd = sequenceLCD(filled);
  if (lcd > BigInt(MAX_CYCLE))
    throw new ConfigError([{ file: 'command line', path: '--execution-segment-sequence', message: `the sequence ${formatSequence(filled)} repeats every ${lcd} indexes (lcd of its denominators), above ${MAX_CYCLE}`, fix: 'use fractions with small denominators (e.g. quarters, tenths)' }]);
  const tuple = attempt('--execution-segment', 'pick two neighbouring values of the sequence, e.g. 1/4:1/2 of 0,1/4,1/2,3/4,1', () => executionTuple(seg, seq));
  if (!tuple) throw new ConfigError(issues);
  return planOfTuple(tuple);
}

/** The unsegmented plan (segment 0:1). */
export const WHOLE: SegmentPlan = planOfTuple(executionTuple(undefined, undefined));

/** Every segment plan of a sequence text (filled to 0..1), in order (for workers, merge and tests); throws ConfigError (104) when it is malformed. */
export function allSegments(sequence: string): SegmentPlan[] {
  let seq: SegmentSequence;
  try { seq = parseSequence(sequence); } catch (err) {
    if (!(err instanceof SegmentError)) throw err;
    throw new ConfigError([{ file: 'command line', path: '--execution-segment-sequence', message: `"${sequence}": ${err.message}`, fix: 'write at least two increasing values from 0 to 1, e.g. 0,1/4,1/2,3/4,1' }]);
  }
  const stripes = new SequenceStripes(filledSequence(seq, undefined));
  return stripes.sequence.map((_, i) => planOfTuple(new ExecutionTuple(stripes, i)));
}
