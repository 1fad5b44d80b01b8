// The verdict of a run, decided in this one place from its status, criteria and measurement failures.
import { ExitCode } from '../contracts/errors.ts';
import type { BrokenWorkload, MeasurementFailure, RunStatus, ThresholdResult, Verdict } from '../contracts/summary-types.ts';
import { criterionStatus } from './criteria.ts';

/** Everything the verdict depends on; all of it is stored in summary.json, so a re-render decides the same. */
export interface VerdictInput {
  status: RunStatus;
  abortReason?: string;
  /** Evaluated criteria (alerts excluded). */
  thresholds: readonly ThresholdResult[];
  /** Declared sources; undefined for an old summary (every criterion then applies). */
  sources: readonly string[] | undefined;
  measurementFailures: readonly MeasurementFailure[];
  /** Workloads whose every iteration threw; each fails the run like a failed criterion. */
  brokenWorkloads?: readonly BrokenWorkload[];
}

/** A verdict, its exit code and one sentence saying why. */
export interface VerdictOutcome {
  verdict: Verdict;
  exitCode: number;
  reason: string;
}

const list = (xs: readonly string[]) => xs.join('; ');

/**
 * Precedence (first that holds): preflight failed 111 > stopped from outside 105 > the run crashed 1 >
 * generator saturated 112 > a measured criterion failed or a workload whose every iteration threw 99 > another measurement failure or a criterion
 * not measured 112 > no applicable criterion 113 > CERTIFIED 0.
 */
export function decideVerdict(v: VerdictInput): VerdictOutcome {
  const why = v.abortReason ? `: ${v.abortReason}` : '';
  if (v.status === 'preflight-failed') return { verdict: 'INCOMPLETE', exitCode: ExitCode.PREFLIGHT_FAILED, reason: `Preflight failed${why}; no load was started.` };
  if (v.status === 'aborted') return { verdict: 'INCOMPLETE', exitCode: ExitCode.INTERRUPTED, reason: `The run was stopped from outside${why}. A partial run cannot certify the release.` };
  if (v.status === 'failed') return { verdict: 'INCOMPLETE', exitCode: ExitCode.UNEXPECTED, reason: `The run itself failed${why}.` };
  const statuses = v.thresholds.map((t) => ({ t, s: criterionStatus(t, v.sources) }));
  const saturation = v.measurementFailures.filter((f) => f.kind === 'saturation');
  if (saturation.length) return { verdict: 'INCOMPLETE', exitCode: ExitCode.EVIDENCE_MISSING, reason: `Measurement failure: ${list(saturation.map((f) => f.cause))}. The timings are the load generator's, not the system's.` };
  const failed = statuses.filter((x) => x.s === 'failed');
  const broken = v.brokenWorkloads ?? [];
  if (failed.length || broken.length || v.status === 'threshold-aborted') {
    const parts: string[] = [];
    if (failed.length || !broken.length) parts.push(`${failed.length} criteri${failed.length === 1 ? 'on' : 'a'} failed${failed.length ? `: ${list(failed.map((x) => x.t.label))}` : ''}`);
    if (broken.length) parts.push(`every iteration threw in ${list(broken.map((b) => `workload ${b.workload} (${b.errors} errors in ${b.iterations} iterations)`))}`);
    return { verdict: 'NOT CERTIFIED', exitCode: ExitCode.THRESHOLDS_FAILED, reason: `${parts.join('; ')}${v.status === 'threshold-aborted' ? ` (the run was stopped early${why})` : ''}.` };
  }
  const other = v.measurementFailures.filter((f) => f.kind !== 'saturation');
  const unmeasured = statuses.filter((x) => x.s === 'not measured');
  if (other.length || unmeasured.length) {
    const parts: string[] = [];
    if (other.length) parts.push(`measurement failure: ${list(other.map((f) => f.cause))}`);
    if (unmeasured.length) parts.push(`not measured: ${list(unmeasured.map((x) => `${x.t.label} (${x.t.metric})`))}`);
    return { verdict: 'INCOMPLETE', exitCode: ExitCode.EVIDENCE_MISSING, reason: `Evidence is missing, so the release cannot be certified. ${parts.join('. ')}.` };
  }
  const applicable = statuses.filter((x) => x.s !== 'not applicable').length;
  if (!applicable) {
    const na = statuses.length - applicable;
    return { verdict: 'NO CRITERIA', exitCode: ExitCode.NO_CRITERIA, reason: `No criterion applies to this scenario${na ? ` (${na} defined, none on a source it declares)` : ''}: nothing was judged, so nothing is certified.` };
  }
  return { verdict: 'CERTIFIED', exitCode: ExitCode.OK, reason: applicable === 1 ? 'The one applicable criterion was measured and met on a completed run.' : `All ${applicable} applicable criteria were measured and met on a completed run.` };
}
