import { readFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { dirname } from 'node:path';
import { execFileSync } from 'node:child_process';
import type { MetricStore } from '../metrics/store.ts';
import type { SegmentMeta, AlertRule, MeasurementFailure, PreflightResult, RunStatus, RunSummary, ThresholdResult } from '../contracts/summary-types.ts';
import type { CompiledThreshold } from '../thresholds/validate.ts';
import { brokenWorkloads, declaredSources, decideVerdict, judgeCriteria } from '../verdict/index.ts';
import { runHandleSummary } from '../results/handle-summary.ts';
import { buildSummary } from '../results/build-summary.ts';
import { formatConsoleSummary } from '../report/console-summary.ts';
import type { PreparedRun, RunOptions } from './prepare.ts';
import type { Workloads } from './workloads.ts';
import type { NdjsonWriter } from '../results/ndjson-writer.ts';
import { ExitCode } from '../contracts/errors.ts';
import { storeResults } from './store-results.ts';
import { VERSION } from '../contracts/version.ts';
import type { ResilienceSummary } from '../contracts/fault-types.ts';

/** Everything known when a run ends, however it ended. */
export interface FinishInput {
  prep: PreparedRun;
  store: MetricStore;
  outDir: string;
  opts: RunOptions;
  workloads: Pick<Workloads, 'infos'>;
  warnings: string[];
  preflight: PreflightResult[];
  started: Date;
  ended: Date;
  status: RunStatus;
  abortReason?: string;
  /** Criteria as evaluated (alert rules excluded); applicability is applied here. */
  thresholdResults: ThresholdResult[];
  /** Measurement failures recorded during the run. */
  failures: MeasurementFailure[];
  durationMs?: number;
  /** The run's open timeseries.ndjson (closed here, after the results are stored). */
  timeseries?: NdjsonWriter;
  /** The segment identity to store (segment runs and runs with --start-at). */
  segment?: SegmentMeta;
  /** The segment runs a merged run was made of. */
  mergedFrom?: Array<{ dir: string; segment: string }>;
  /** What the scenario's faults did (runs with faults). */
  resilience?: ResilienceSummary;
}

function gitCommit(dir: string): string | undefined {
  try {
    return execFileSync('git', ['-C', dir, 'rev-parse', '--short=12', 'HEAD'], { stdio: ['ignore', 'pipe', 'ignore'], timeout: 3000 }).toString().trim() || undefined;
  } catch {
    return undefined;
  }
}

/** sha256 (hex) of a file's content: a scenario's identity for `loadcert merge`. */
export function fileDigest(path: string): string {
  return createHash('sha256').update(readFileSync(path)).digest('hex');
}

/** The alert rules of a run's thresholds, as stored in summary.json for the report. */
export function alertRulesOf(thresholds: readonly CompiledThreshold[]): AlertRule[] {
  return thresholds.filter((t) => t.alert).map((t) => ({
    metric: t.metricKey, type: t.type, expression: t.expression, label: t.label, severity: t.alert!.severity, windowS: Math.max(1, Math.round(t.alert!.windowMs / 1000)), unit: t.unit,
  }));
}

/**
 * Writes summary.json and the reports, prints the end-of-test summary, and returns the outcome.
 * The verdict and exit code come from src/verdict (decideVerdict), from what this function stores.
 * When the results folder cannot be written at the end, the results go to a fallback folder under the
 * system's temp folder (named on stderr and in the summary; the exit code stays the verdict's); when not
 * even that works, the console summary is all that remains and the exit code is 1.
 */
export async function finishRun(f: FinishInput): Promise<{ exitCode: number; summary: RunSummary; outDir: string }> {
  const sources = declaredSources(f.prep.scenario, { demoTargetPid: f.opts.demoTargetPid });
  const thresholdResults = judgeCriteria(f.thresholdResults, sources);
  const broken = brokenWorkloads(f.workloads.infos.map((w) => w.name), (metric, workload) => f.store.query(metric, { scenario: workload })?.values(0).count ?? 0);
  const decided = decideVerdict({ status: f.status, abortReason: f.abortReason, thresholds: thresholdResults, sources, measurementFailures: f.failures, brokenWorkloads: broken });
  const summary = buildSummary(f.store, {
    version: VERSION,
    scenario: f.prep.scenarioName,
    scenarioFile: f.prep.scenarioPath,
    description: f.prep.scenario.description,
    baseUrl: f.prep.baseUrl,
    startTime: f.started.toISOString(),
    endTime: f.ended.toISOString(),
    durationMs: Math.round(f.durationMs ?? f.ended.getTime() - f.started.getTime()),
    status: f.status,
    abortReason: f.abortReason,
    exitCode: decided.exitCode,
    verdict: decided.verdict,
    verdictReason: decided.reason,
    sources,
    measurementFailures: f.failures,
    brokenWorkloads: broken,
    alertRules: alertRulesOf(f.prep.thresholds),
    gitCommit: gitCommit(dirname(f.prep.scenarioPath)),
    thresholdsFile: f.prep.thresholdsFile,
    preflight: f.preflight,
    warnings: f.warnings,
    workloads: f.workloads.infos,
    ...(f.segment ? { segment: f.segment } : {}),
    ...(f.mergedFrom ? { mergedFrom: f.mergedFrom } : {}),
    ...(f.resilience ? { resilience: f.resilience } : {}),
  }, thresholdResults, f.prep.shownMetrics);
  if (f.prep.handleSummary) {
    const stderr = f.opts.progressOut ?? process.stderr;
    const r = await runHandleSummary(f.prep.handleSummary, summary, { stdout: f.opts.summaryOut ?? process.stdout, stderr, cwd: process.cwd() });
    for (const e of r.errors) { stderr.write(`loadcert: ${e}\n`); summary.loadcert.warnings.push(e); }
  }
  const stored = await storeResults(f.outDir, summary, f.timeseries, f.opts.baselineDir, (m) => (f.opts.progressOut ?? process.stderr).write(`loadcert: ${m}\n`));
  const outDir = stored.dir ?? `(not stored: ${f.outDir} and the fallback folder could not be written)`;
  (f.opts.summaryOut ?? process.stdout).write(formatConsoleSummary(summary, outDir) + '\n');
  return { exitCode: stored.dir ? decided.exitCode : ExitCode.UNEXPECTED, summary, outDir: stored.dir ?? f.outDir };
}
