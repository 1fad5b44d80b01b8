// Stores a finished run's results: summary.json, timeseries.ndjson and the reports, in the results folder
// or, when that cannot be written any more, in a fallback folder under the system's temp folder.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join, resolve } from 'node:path';
import type { RunSummary } from '../contracts/summary-types.ts';
import type { NdjsonWriter } from '../results/ndjson-writer.ts';
import { writeRunReports } from '../report/write-reports.ts';

/** Where the results ended up; `dir` is undefined when they could not be written anywhere. */
export interface StoredResults {
  dir: string | undefined;
  /** What went wrong on the way, one sentence each (already printed and in the summary's warnings). */
  problems: string[];
}

/** The fallback folder's parent: results go to <tmpdir>/loadcert-results-<name of the results folder>-<random>. */
export function fallbackParent(): string {
  return tmpdir();
}

function reason(err: unknown): string {
  const e = err as NodeJS.ErrnoException;
  const message = String(e?.message ?? err);
  return e?.code && !message.startsWith(e.code) ? `${e.code}: ${message}` : message;
}

/** Writes timeseries.ndjson (copied from the open writer unless it is already there) and summary.json into `dir`; throws on an fs error. */
function writeCore(dir: string, summary: RunSummary, timeseries: NdjsonWriter | undefined): void {
  const here = join(dir, 'timeseries.ndjson');
  if (timeseries && (resolve(timeseries.path) !== resolve(here) || !timeseries.stillAtPath())) timeseries.copyTo(here);
  writeFileSync(join(dir, 'summary.json'), JSON.stringify(summary, null, 2) + '\n');
}

/** Renders the reports into `dir` (their failures become warnings), then rewrites summary.json with those warnings. */
async function writeReportsInto(dir: string, summary: RunSummary, baselineDir: string | undefined): Promise<void> {
  const before = summary.loadcert.warnings.length;
  await writeRunReports(dir, summary, baselineDir, (m) => summary.loadcert.warnings.push(m));
  if (summary.loadcert.warnings.length === before) return;
  try { writeFileSync(join(dir, 'summary.json'), JSON.stringify(summary, null, 2) + '\n'); } catch { /* summary.json is there, without the report's warning */ }
}

/**
 * Stores the results in `outDir`; when that fails (folder removed or unwritable, disk full), names what
 * happened on `say` and in the summary's warnings, and stores them in a new fallback folder
 * <tmpdir>/loadcert-results-<name>-<random> instead (the open time series is copied, so it survives even
 * the removal of its folder). Never throws; closes `timeseries`.
 */
export async function storeResults(outDir: string, summary: RunSummary, timeseries: NdjsonWriter | undefined, baselineDir: string | undefined, say: (m: string) => void): Promise<StoredResults> {
  const problems: string[] = [];
  const note = (m: string): void => { problems.push(m); summary.loadcert.warnings.push(m); say(m); };
  if (timeseries?.error) note(`timeseries.ndjson stopped being written mid-run (${reason(timeseries.error)}); the summary holds every second`);
  try {
    try {
      writeCore(outDir, summary, timeseries);
      await writeReportsInto(outDir, summary, baselineDir);
      return { dir: outDir, problems };
    } catch (err) {
      note(`cannot write the results to ${outDir} (${reason(err)}); writing them to a new folder under ${fallbackParent()} instead`);
    }
    let fallback: string;
    try {
      fallback = mkdtempSync(join(fallbackParent(), `loadcert-results-${basename(outDir)}-`));
      note(`the results go to ${fallback} instead of ${outDir}`);
      writeCore(fallback, summary, timeseries);
    } catch (err) {
      note(`cannot write the results to a fallback folder either (${reason(err)}); only the console summary remains`);
      return { dir: undefined, problems };
    }
    await writeReportsInto(fallback, summary, baselineDir);
    return { dir: fallback, problems };
  } finally {
    timeseries?.close();
  }
}
