// `loadcert publish RUN_DIR HISTORY_DIR`: adds a stored run to a history folder (what `run --publish` does after a run).
import { parseArgs } from 'node:util';
import { ExitCode } from '../contracts/errors.ts';
import { processIO, runCommand, usageError, type CommandIO } from '../report/command-io.ts';
import { publishRun } from './history.ts';

/** Help text of `loadcert publish`. */
export const PUBLISH_HELP = `Usage: loadcert publish RUN_DIR HISTORY_DIR

Adds the stored run in RUN_DIR to the history folder HISTORY_DIR (created when missing): its reports go to
HISTORY_DIR/runs/<date>-<scenario>/, its entry (date, commit, verdict decided again from the stored
evidence, p95, p99, error rate, throughput) to HISTORY_DIR/history.json, and HISTORY_DIR/index.html lists
every published run, newest first, linking each report. \`loadcert run --publish DIR\` does the same at the
end of a run; \`loadcert compare --baseline-from HISTORY_DIR RUN_DIR\` compares with the last CERTIFIED one.

Exit codes: 0 published; 104 RUN_DIR holds no results, or history.json is damaged.`;

/** Runs `loadcert publish`; resolves to the exit code. */
export async function runPublishCommand(argv: string[], io: CommandIO = processIO): Promise<number> {
  return runCommand(io, 'publish', async () => {
    let parsed;
    try {
      parsed = parseArgs({ args: argv, allowPositionals: true, strict: true, options: { help: { type: 'boolean', short: 'h' } } });
    } catch (err) {
      throw usageError('publish', (err as Error).message, 'run `loadcert publish --help`');
    }
    if (parsed.values.help) { io.out(PUBLISH_HELP); return ExitCode.OK; }
    if (parsed.positionals.length !== 2) throw usageError('publish', `expects a run folder and a history folder, got ${parsed.positionals.length} argument(s)`, 'loadcert publish reports/<run> history');
    const [runDir, dir] = parsed.positionals;
    const entry = await publishRun(runDir, dir);
    io.out(`published ${entry.verdict} run ${entry.id} to ${dir} (index: ${dir}/index.html)`);
    return ExitCode.OK;
  });
}
