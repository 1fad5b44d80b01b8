// Writes report.html, junit.xml and summary.md into a run's folder (and appends summary.md to a CI job summary).
import { appendFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { RunSummary } from '../contracts/summary-types.ts';
import { compareRuns, DEFAULT_MAX_REGRESSION_PCT, type Comparison } from './compare.ts';
import { RUN_FILES, loadRunSummary, normalizeSummary } from './load-run.ts';
import { readTimeseries } from './timeseries-reader.ts';
import { buildReportView } from './view-model.ts';
import { renderHtml } from './render-html.ts';
import { renderJunit } from './junit.ts';
import { renderMarkdown } from './markdown.ts';

/** Options of writeReports. */
export interface WriteReportsOptions {
  /** A baseline run: adds the "Compared with baseline" section. */
  baseline?: RunSummary;
  /** Regression limit for the comparison, in percent (default 10). */
  maxRegressionPct?: number;
  /** File to append summary.md to; defaults to $GITHUB_STEP_SUMMARY; null disables it. */
  stepSummaryPath?: string | null;
  /** Clock for the "generated on" line (tests). */
  now?: Date;
}

/** Paths written, notices shown in the report, and the comparison when a baseline was given. */
export interface WrittenReports {
  html: string;
  junit: string;
  markdown: string;
  htmlBytes: number;
  stepSummary?: string;
  notices: string[];
  comparison?: Comparison;
}

async function writeAtomic(path: string, text: string): Promise<void> {
  const tmp = `${path}.${process.pid}.tmp`;
  await writeFile(tmp, text, 'utf8');
  await rename(tmp, path);
}

/** Renders every report of the run in `dir` from `summary` and `dir/timeseries.ndjson` (streamed; a cut-off end is tolerated and noted). */
export async function writeReports(dir: string, summary: RunSummary, options: WriteReportsOptions = {}): Promise<WrittenReports> {
  const s = normalizeSummary(summary);
  const ts = await readTimeseries(join(dir, RUN_FILES.timeseries), s.loadcert.alertRules ?? []);
  const comparison = options.baseline
    ? compareRuns(normalizeSummary(options.baseline), s, options.maxRegressionPct ?? DEFAULT_MAX_REGRESSION_PCT)
    : undefined;
  const view = buildReportView(s, ts, comparison, options.now);
  const html = renderHtml(view);
  const markdown = renderMarkdown(s, view);
  const out: WrittenReports = {
    html: join(dir, RUN_FILES.html), junit: join(dir, RUN_FILES.junit), markdown: join(dir, RUN_FILES.markdown),
    htmlBytes: Buffer.byteLength(html), notices: view.notices, comparison,
  };
  await Promise.all([writeAtomic(out.html, html), writeAtomic(out.junit, renderJunit(s)), writeAtomic(out.markdown, markdown)]);
  const step = options.stepSummaryPath === undefined ? process.env.GITHUB_STEP_SUMMARY : options.stepSummaryPath;
  if (step) {
    await appendFile(step, `${markdown}\n`, 'utf8');
    out.stepSummary = step;
  }
  return out;
}

/** writeReports for the end of a run: loads the baseline run from `baselineDir`; a failure becomes a warning through `warn`, never a lost run. */
export async function writeRunReports(dir: string, summary: RunSummary, baselineDir: string | undefined, warn: (m: string) => void): Promise<void> {
  try {
    const baseline = baselineDir ? await loadRunSummary(baselineDir) : undefined;
    await writeReports(dir, summary, { baseline });
  } catch (err) {
    warn(`the report could not be written: ${(err as Error).message}`);
  }
}
