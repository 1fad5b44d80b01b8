// `loadcert compare BASELINE_DIR RUN_DIR`: prints the change in every criterion and key figure; exit 99 on regression.
import { parseArgs } from 'node:util';
import { ExitCode } from '../contracts/errors.ts';
import { compareRuns, DEFAULT_CONFIDENCE_PCT, DEFAULT_MAX_REGRESSION_PCT, type Comparison } from '../report/compare.ts';
import { loadRunSummary } from '../report/load-run.ts';
import { lastCertifiedRun } from '../history/history.ts';
import { parsePercent, processIO, runCommand, usageError, type CommandIO } from '../report/command-io.ts';

/** Help text of `loadcert compare`. */
export const COMPARE_HELP = `Usage: loadcert compare BASELINE_DIR RUN_DIR [--max-regression PCT] [--confidence PCT]
       loadcert compare --baseline-from HISTORY_DIR RUN_DIR [...]

Compares two stored runs: every criterion of RUN_DIR and the key figures (HTTP response time p50/p95/p99,
error rate, throughput) against BASELINE_DIR, and prints the change of each.
A figure regresses when it got worse by more than PCT percent (higher for times and error rates, lower for
throughput; a criterion's direction follows its operator) AND a one-sided test is at least --confidence
sure that the run is worse than the baseline by more than PCT: for response times a Mann-Whitney rank
test over the two runs' exact HDR histograms (summary.json) against the baseline made PCT % slower, for
rates a proportion test, for throughput a count test. A worsening within run-to-run noise is shown but
is no regression; so is one on a row without samples to test (gauges, counts, sustained rates).
A criterion that passed in the baseline and fails now is always a regression.
Each row shows the sample sizes (baseline/run), the test's confidence and the detectable regression
(±D %): the smallest worsening these samples can tell from no change at --confidence (half the width of
the confidence interval of the relative change, found by running the same test at every shift). A row
whose test shows no regression but whose interval reaches above PCT, or whose D exceeds PCT, reads
"cannot tell (needs about N samples per run, or a limit of X %)", never "no regression".

Options:
  --baseline-from DIR    the baseline is the last CERTIFIED run of a history folder (loadcert run --publish DIR);
                         with none there yet, says so and exits 0 (nothing to compare)
  --max-regression PCT   largest tolerated worsening, in percent (default ${DEFAULT_MAX_REGRESSION_PCT})
  --confidence PCT       confidence a test must reach to call a worsening a regression, 50..99.9 (default ${DEFAULT_CONFIDENCE_PCT})
  -h, --help             show this help

Exit codes: 0 no regression; 99 at least one regression; 114 CANNOT TELL: no regression shown, but at
least one gated row cannot tell (run longer for more samples, or widen --max-regression);
104 a folder holds no results (or a bad option).`;

/** The comparison as an aligned plain-text table. */
export function formatComparison(c: Comparison): string {
  const head = ['figure', 'baseline', 'this run', 'change', 'samples, confidence', 'detectable', ''];
  const body = c.rows.map((r) => [r.label, r.baseText, r.runText, r.changeText, r.testText, r.detectableText, r.regression ? `REGRESSED${r.note ? ` (${r.note})` : ''}` : r.note]);
  const widths = head.map((h, i) => Math.max(h.length, ...body.map((b) => b[i].length)));
  const line = (cells: string[]) => cells.map((cell, i) => (i === 0 || i === 6 ? cell.padEnd(widths[i]) : cell.padStart(widths[i]))).join('  ').trimEnd();
  return [
    `baseline: ${c.baseline.scenario}, ${c.baseline.date} (${c.baseline.verdict})`,
    `this run: ${c.run.scenario}, ${c.run.date} (${c.run.verdict})`,
    '',
    line(head),
    ...body.map(line),
    '',
    c.outcome === 'no regression' ? `no regression beyond ${c.maxRegressionPct} % at ${c.confidencePct} % confidence`
      : c.outcome === 'regression' ? `${c.regressions} regression(s) beyond ${c.maxRegressionPct} % at ${c.confidencePct} % confidence`
        : `CANNOT TELL: ${c.cannotTell} row(s) cannot show whether the run is more than ${c.maxRegressionPct} % worse at ${c.confidencePct} % confidence; run longer (more samples) or widen --max-regression (exit 114)`,
    '(confidence: that the run is worse than the baseline by more than the limit; samples: baseline/run;',
    ' detectable: the smallest worsening these samples can tell from no change at that confidence)',
  ].join('\n');
}

function parseConfidence(text: string): number {
  const v = parsePercent('compare', '--confidence', text);
  if (v < 50 || v > 99.9) throw usageError('compare', `--confidence must be between 50 and 99.9 percent, got "${text}"`, 'for example --confidence 95');
  return v;
}

/** Runs `loadcert compare` with the arguments after the command name; resolves to the process exit code (99 on regression). */
export async function runCompareCommand(argv: string[], io: CommandIO = processIO): Promise<number> {
  return runCommand(io, 'compare', async () => {
    let parsed;
    try {
      parsed = parseArgs({ args: argv, allowPositionals: true, strict: true, options: {
        help: { type: 'boolean', short: 'h' }, 'max-regression': { type: 'string' }, confidence: { type: 'string' }, 'baseline-from': { type: 'string' },
      } });
    } catch (err) {
      throw usageError('compare', (err as Error).message, 'run `loadcert compare --help`');
    }
    const { values, positionals } = parsed;
    if (values.help) { io.out(COMPARE_HELP); return ExitCode.OK; }
    const from = values['baseline-from'];
    const want = from === undefined ? 2 : 1;
    if (positionals.length !== want) throw usageError('compare', from === undefined ? `expects two run folders (baseline, then run), got ${positionals.length}` : `with --baseline-from expects one run folder, got ${positionals.length}`, from === undefined ? 'loadcert compare reports/<baseline> reports/<run>' : 'loadcert compare --baseline-from <history> reports/<run>');
    if (from !== undefined) {
      const last = await lastCertifiedRun(from);
      if (!last) { io.out(`no CERTIFIED run in ${from} yet: nothing to compare with`); return ExitCode.OK; }
      io.out(`baseline: the last CERTIFIED run of ${from}: ${last}`);
      positionals.unshift(last);
    }
    const max = values['max-regression'] !== undefined ? parsePercent('compare', '--max-regression', values['max-regression']) : DEFAULT_MAX_REGRESSION_PCT;
    const [base, run] = await Promise.all(positionals.map((d) => loadRunSummary(d)));
    const conf = values.confidence !== undefined ? parseConfidence(values.confidence) : DEFAULT_CONFIDENCE_PCT;
    const c = compareRuns(base, run, max, conf);
    io.out(formatComparison(c));
    return c.outcome === 'regression' ? ExitCode.THRESHOLDS_FAILED : c.outcome === 'cannot tell' ? ExitCode.CANNOT_TELL : ExitCode.OK;
  });
}
