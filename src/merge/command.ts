// `loadcert merge DIR... [--out DIR] [--thresholds FILE]`: one run and one verdict from N segment runs.
import { parseArgs } from 'node:util';
import { ConfigError, ExitCode } from '../contracts/errors.ts';
import { EXIT_CODES_TEXT } from '../contracts/errors.ts';
import { mergeRuns } from './merge-runs.ts';

/** Help text of `loadcert merge`. */
export const MERGE_HELP = `Usage: loadcert merge DIR... [--out DIR [--force]] [--thresholds FILE]

Combines the run folders of every execution segment of one run (loadcert run --execution-segment A:B
--execution-segment-sequence S --start-at T, one folder per segment) into one run folder: summary.json,
timeseries.ndjson, report.html, junit.xml and summary.md, as if one process had recorded every sample.
Trend histograms are merged exactly (HDR), counters and rates summed, per-second series aligned by
timestamp; VU and connection gauges are summed, other gauges kept per segment (tag "segment").
Thresholds are evaluated and the verdict decided once, on the merged data, with the scenario's
thresholds (or --thresholds FILE). The scenario file the segments ran must be readable, unchanged.

Options:
  --out DIR            merged results folder (default reports/<timestamp>-<scenario>-merged); a folder
                       already holding a run is refused (104)
  --force              replace the run already in --out whole (its contents are deleted first)
  --thresholds FILE    thresholds file instead of the one the segments used
  -h, --help           show this help

Inputs that do not belong together (different scenario or scenario content, sequence or start-at,
a segment given twice or missing, a folder that is no segment run) exit 104, naming each problem.
Otherwise the exit code is the merged run's verdict:

${EXIT_CODES_TEXT}
`;

/** Runs `loadcert merge` with the arguments after the command name; resolves to the exit code. */
export async function runMergeCommand(argv: string[]): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({ args: argv, allowPositionals: true, strict: true, options: {
      out: { type: 'string' }, force: { type: 'boolean' }, thresholds: { type: 'string' }, help: { type: 'boolean', short: 'h' },
    } });
  } catch (err) {
    throw new ConfigError([{ file: 'command line', path: '', message: (err as Error).message, fix: "run 'loadcert merge --help' for the options" }]);
  }
  const { values, positionals } = parsed;
  if (values.help) { process.stdout.write(MERGE_HELP); return ExitCode.OK; }
  if (!positionals.length)
    throw new ConfigError([{ file: 'command line', path: 'DIR...', message: 'no run folders given', fix: 'loadcert merge reports/<run>-seg1 reports/<run>-seg2 ...' }]);
  const { exitCode } = await mergeRuns({ dirs: positionals, outDir: values.out, force: values.force, thresholdsFile: values.thresholds });
  return exitCode;
}
