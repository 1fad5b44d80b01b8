// Re-deciding the verdict of a stored summary.json (report re-render, compare): the same rule as the run.
import type { RunSummary } from '../contracts/summary-types.ts';
import { judgeCriteria } from './criteria.ts';
import { decideVerdict } from './decide.ts';

/**
 * The summary with each criterion's status, the verdict, its reason and exit code decided again by
 * decideVerdict from what the summary stores (status, criteria, declared sources, measurement failures, broken workloads).
 * A summary from before sources were recorded has every criterion applicable; its old `skipped` criteria
 * (requireData: false, no data) become 'not measured'.
 */
export function rejudgeSummary(s: RunSummary): RunSummary {
  const m = s.loadcert;
  const thresholds = judgeCriteria(s.thresholds, m.sources);
  const d = decideVerdict({ status: m.status, abortReason: m.abortReason, thresholds, sources: m.sources, measurementFailures: m.measurementFailures ?? [], brokenWorkloads: m.brokenWorkloads });
  return { ...s, thresholds, loadcert: { ...m, verdict: d.verdict, verdictReason: d.reason, exitCode: d.exitCode } };
}
