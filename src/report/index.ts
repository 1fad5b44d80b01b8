// Public API of the report area: what the runner and the CLI call.
/** writeReports(dir, summary, options): report.html, junit.xml, summary.md (+ $GITHUB_STEP_SUMMARY). */
export { writeReports, type WriteReportsOptions, type WrittenReports } from './write-reports.ts';
/** `loadcert report DIR`: argv after the command name -> exit code (0, or 104 without results). */
export { runReportCommand, REPORT_HELP } from './report-command.ts';
/** compareRuns(base, run, maxRegressionPct): pure comparison of two summaries. */
export { compareRuns, DEFAULT_MAX_REGRESSION_PCT, type Comparison, type ComparisonRow } from './compare.ts';
/** loadRunSummary(dir): a stored run's summary, NoResultsError (exit 104) when there is none. */
export { loadRunSummary, NoResultsError, RUN_FILES } from './load-run.ts';
/** Output streams a command writes to (tests pass collectors). */
export type { CommandIO } from './command-io.ts';
