// The verdict: applicability from declared sources, criterion status, measurement failures, the verdict itself.
export { declaredSources, describeSource, sourceOf } from './sources.ts';
export { criterionStatus, judgeCriteria, notApplicableReason } from './criteria.ts';
export { decideVerdict, type VerdictInput, type VerdictOutcome } from './decide.ts';
export { rejudgeSummary } from './summary.ts';
export { brokenWorkloads, type WorkloadCount } from './broken-workloads.ts';
