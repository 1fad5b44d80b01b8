// Loads a stored run folder (summary.json, timeseries.ndjson) for `loadcert report` and `loadcert compare`.
import { readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { ExitCode, LoadcertError } from '../contracts/errors.ts';
import type { RunSummary } from '../contracts/summary-types.ts';
import { readTimeseries } from './timeseries-reader.ts';
import { rejudgeSummary } from '../verdict/summary.ts';

/** File names inside a run folder. */
export const RUN_FILES = { summary: 'summary.json', timeseries: 'timeseries.ndjson', html: 'report.html', junit: 'junit.xml', markdown: 'summary.md' } as const;

/** A run folder with no usable results; exits 104 like every problem the user must fix in what they pass. */
export class NoResultsError extends LoadcertError {
  constructor(message: string, code = 'LC_NO_RESULTS') {
    super(code, message, ExitCode.INVALID_CONFIG);
    this.name = 'NoResultsError';
  }
}

async function exists(path: string): Promise<boolean> {
  try { await stat(path); return true; } catch { return false; }
}

/** Fills the list fields older or partial summaries may lack, so renderers can rely on them. */
export function normalizeSummary(s: RunSummary): RunSummary {
  const m = s.loadcert;
  return {
    ...s,
    thresholds: Array.isArray(s.thresholds) ? s.thresholds : [],
    metrics: s.metrics && typeof s.metrics === 'object' ? s.metrics : {},
    loadcert: {
      ...m,
      preflight: m.preflight ?? [], warnings: m.warnings ?? [], workloads: m.workloads ?? [],
      endpoints: m.endpoints ?? [], latencySpectrum: m.latencySpectrum ?? [], histograms: m.histograms ?? {},
      measurementFailures: m.measurementFailures ?? [], alertRules: m.alertRules ?? [],
    },
  };
}

/** A summary for a crashed run that left only timeseries.ndjson: INCOMPLETE, no criteria. */
async function summaryFromTimeseries(dir: string): Promise<RunSummary> {
  const ts = await readTimeseries(join(dir, RUN_FILES.timeseries));
  const c = ts.collector;
  const first = Number.isFinite(c.first) ? c.first : 0;
  const last = Number.isFinite(c.last) ? c.last + 1000 : first;
  return normalizeSummary({
    thresholds: [], metrics: {},
    loadcert: {
      version: 'unknown', scenario: 'unknown (summary.json missing)', scenarioFile: '', baseUrl: 'unknown',
      startTime: new Date(first).toISOString(), endTime: new Date(last).toISOString(), durationMs: last - first,
      status: 'failed', abortReason: 'summary.json is missing: the run did not finish; this report is rebuilt from timeseries.ndjson alone',
      exitCode: ExitCode.UNEXPECTED, verdict: 'INCOMPLETE', preflight: [], warnings: [], workloads: [], endpoints: [],
      latencySpectrum: [], histograms: {},
    },
  });
}

/**
 * Reads `dir/summary.json` (or, after a crash, rebuilds a minimal summary from timeseries.ndjson) with its
 * verdict decided again by src/verdict from what it stores; NoResultsError (104) when neither is usable.
 */
export async function loadRunSummary(dir: string): Promise<RunSummary> {
  let info;
  try { info = await stat(dir); } catch { throw new NoResultsError(`no results in ${dir}: the folder does not exist`); }
  if (!info.isDirectory()) throw new NoResultsError(`no results in ${dir}: it is not a folder (give the run's folder, e.g. reports/<run>)`);
  const summaryPath = join(dir, RUN_FILES.summary);
  let text: string;
  try {
    text = await readFile(summaryPath, 'utf8');
  } catch {
    if (await exists(join(dir, RUN_FILES.timeseries))) return rejudgeSummary(await summaryFromTimeseries(dir));
    throw new NoResultsError(`no results in ${dir}: neither ${RUN_FILES.summary} nor ${RUN_FILES.timeseries} is there (a run writes them into its folder under reports/)`);
  }
  let parsed: unknown;
  try { parsed = JSON.parse(text); } catch (err) {
    throw new NoResultsError(`cannot read ${summaryPath}: not valid JSON (${(err as Error).message})`, 'LC_BAD_RESULTS');
  }
  const s = parsed as Partial<RunSummary> | null;
  if (!s || typeof s !== 'object' || !s.loadcert || typeof s.loadcert !== 'object' || typeof s.loadcert.verdict !== 'string')
    throw new NoResultsError(`cannot read ${summaryPath}: it is not a loadcert summary (the "loadcert" section with a verdict is missing)`, 'LC_BAD_RESULTS');
  return rejudgeSummary(normalizeSummary(s as RunSummary));
}
