// `loadcert report DIR`: re-renders a run's reports from its stored summary.json and timeseries.ndjson.
import { parseArgs } from 'node:util';
import { ExitCode } from '../contracts/errors.ts';
import { loadRunSummary } from './load-run.ts';
import { writeReports } from './write-reports.ts';
import { parsePercent, processIO, runCommand, usageError, type CommandIO } from './command-io.ts';

/** Help text of `loadcert report`. */
export const REPORT_HELP = `Usage: loadcert report DIR [--baseline BASELINE_DIR] [--max-regression PCT]

Renders report.html, junit.xml and summary.md again from the results stored in the run folder DIR
(summary.json and timeseries.ndjson), for example after a template change or after a run crashed.
A cut-off timeseries.ndjson is rendered up to its last complete second and the report says so.

Options:
  --baseline DIR         add a "Compared with baseline" section against the run stored in DIR
  --max-regression PCT   regression limit for that comparison, in percent (default 10)
  -h, --help             show this help

Exit codes: 0 reports written; 104 DIR holds no results (or a bad option); 1 unexpected error.
When GITHUB_STEP_SUMMARY is set, summary.md is appended to it.`;

/** Runs `loadcert report` with the arguments after the command name; resolves to the process exit code. */
export async function runReportCommand(argv: string[], io: CommandIO = processIO): Promise<number> {
  return runCommand(io, 'report', async () => {
    let parsed;
    try {
      parsed = parseArgs({ args: argv, allowPositionals: true, strict: true, options: {
        help: { type: 'boolean', short: 'h' }, baseline: { type: 'string' }, 'max-regression': { type: 'string' },
      } });
    } catch (err) {
      throw usageError('report', (err as Error).message, 'run `loadcert report --help`');
    }
    const { values, positionals } = parsed;
    if (values.help) { io.out(REPORT_HELP); return ExitCode.OK; }
    if (positionals.length !== 1) throw usageError('report', positionals.length ? `expects one run folder, got ${positionals.length}` : 'the run folder is missing', 'loadcert report reports/<run>');
    const dir = positionals[0];
    const max = values['max-regression'] !== undefined ? parsePercent('report', '--max-regression', values['max-regression']) : undefined;
    const summary = await loadRunSummary(dir);
    const baseline = values.baseline !== undefined ? await loadRunSummary(values.baseline) : undefined;
    const written = await writeReports(dir, summary, { baseline, maxRegressionPct: max });
    io.out(`${summary.loadcert.verdict}: ${summary.loadcert.scenario}`);
    for (const n of written.notices) io.out(`note: ${n}`);
    io.out(`report written: ${written.html}\njunit: ${written.junit}\nsummary: ${written.markdown}`);
    if (written.stepSummary) io.out(`appended to ${written.stepSummary}`);
    return ExitCode.OK;
  });
}
