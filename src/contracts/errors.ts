// Errors with stable codes, and the process exit codes the CLI documents.

/** Process exit codes, following k6 where the meaning is the same. */
export const ExitCode = {
  OK: 0,
  UNEXPECTED: 1,
  THRESHOLDS_FAILED: 99,
  INVALID_CONFIG: 104,
  INTERRUPTED: 105,
  PREFLIGHT_FAILED: 111,
  /** INCOMPLETE: a measurement failure or an applicable criterion not measured. */
  EVIDENCE_MISSING: 112,
  /** NO CRITERIA: no criterion applies to the scenario. */
  NO_CRITERIA: 113,
  /** CANNOT TELL (`loadcert compare`): no regression shown, but a gated row's samples could not rule out one beyond the limit. */
  CANNOT_TELL: 114,
} as const;
export type ExitCode = (typeof ExitCode)[keyof typeof ExitCode];

/** Exit codes as documented in --help and README.md. */
export const EXIT_CODES_TEXT = `Exit codes (every verdict other than CERTIFIED exits non-zero):
  0    CERTIFIED: every applicable criterion measured and met, no measurement failure
  1    INCOMPLETE: unexpected error, or the run itself crashed
  99   NOT CERTIFIED: a measured criterion failed (also when abortOnFail stopped the run early),
       or every iteration of a workload threw
  104  invalid scenario, thresholds or options (every problem is listed, with file, key and fix)
  105  INCOMPLETE: stopped from outside (Ctrl-C, SIGTERM); results collected so far are written
  111  INCOMPLETE: preflight failed: target unreachable, or a health endpoint unhealthy or requiring authentication
  112  INCOMPLETE: evidence missing: a measurement failure (sampler could not start or lost its source,
       health poller could not run, generator saturated) or an applicable criterion not measured
  113  NO CRITERIA: no criterion applies to the scenario, so nothing is certified
  When several hold: 111 > 105 > 1 > saturation 112 > 99 > other 112 > 113 > 0.
  A criterion on a source the scenario does not declare is not applicable (listed apart, never met).`;

/** An error with a stable machine-readable code (LC_*) and an optional exit code for the CLI. */
export class LoadcertError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly exitCode: ExitCode = ExitCode.UNEXPECTED,
  ) {
    super(message);
    this.name = 'LoadcertError';
  }
}

/** One problem found while validating a file: where (file and key path), what, and how to fix it. */
export interface ConfigIssue {
  readonly file: string;
  readonly path: string;
  readonly message: string;
  readonly fix: string;
}

/** Every problem of a scenario, thresholds file or command line at once; exits 104. */
export class ConfigError extends LoadcertError {
  constructor(readonly issues: readonly ConfigIssue[]) {
    super('LC_INVALID_CONFIG', formatIssues(issues), ExitCode.INVALID_CONFIG);
    this.name = 'ConfigError';
  }
}

/** Renders issues as one line each: `file: path: message (fix: ...)`. */
export function formatIssues(issues: readonly ConfigIssue[]): string {
  const lines = issues.map((i) => `  ${i.file}${i.path ? `: ${i.path}` : ''}: ${i.message}${i.fix ? `\n      fix: ${i.fix}` : ''}`);
  return `${issues.length} problem${issues.length === 1 ? '' : 's'} found:\n${lines.join('\n')}`;
}
