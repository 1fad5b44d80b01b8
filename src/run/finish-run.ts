import { writeFileSync, readFileSync } from 'node:fs';
import { resolve, dirname } from 'node:path';
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { MetricStore } from '../metrics/store.ts';
import type { AlertRule, MeasurementFailure, PreflightResult, RunStatus, RunSummary, ThresholdResult } from '../results/summary-types.ts';
import type { CompiledThreshold } from '../thresholds/validate.ts';
import { declaredSources, decideVerdict, judgeCriteria } from '../verdict/index.ts';
import { buildSummary } from '../results/build-summary.ts';
import { formatConsoleSummary } from '../results/console-summary.ts';
import type { PreparedRun, RunOptions } from './prepare.ts';
import type { WorkloadSet } from './workload-set.ts';
import { writeRunReports } from './write-reports.ts';

/** Everything known when a run ends, however it ended. */
export interface FinishInput {
  prep: PreparedRun;
  store: MetricStore;
  outDir: string;
  opts: RunOptions;
  workloads: WorkloadSet;
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
}

/** loadcert's version from package.json. */
export const VERSION: string = JSON.parse(readFileSync(fileURLToPath(new URL('../../package.json', import.meta.url)), 'utf8')).version;

function gitCommit(dir: string): string | undefined {
  try {
    return execFileSync('git', ['-C', dir, 'rev-parse', '--short=12', 'HEAD'], { stdio: ['ignore', 'pipe', 'ignore'], timeout: 3000 }).toString().trim() || undefined;
  } catch {
    return undefined;
  }
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
 */
export async function finishRun(f: FinishInput): Promise<{ exitCode: number; summary: RunSummary; outDir: string }> {
  const sources = declaredSources(f.prep.scenario, { demoTargetPid: f.opts.demoTargetPid });
  const thresholdResults = judgeCriteria(f.thresholdResults, sources);
  const decided = decideVerdict({ status: f.status, abortReason: f.abortReason, thresholds: thresholdResults, sources, measurementFailures: f.failures });
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
    alertRules: alertRulesOf(f.prep.thresholds),
    gitCommit: gitCommit(dirname(f.prep.scenarioPath)),
    thresholdsFile: f.prep.thresholdsFile,
    preflight: f.preflight,
    warnings: f.warnings,
    workloads: f.workloads.infos,
  }, thresholdResults);
  await writeRunReports(f.outDir, summary, f.opts.baselineDir, (m) => summary.loadcert.warnings.push(m));
  writeFileSync(resolve(f.outDir, 'summary.json'), JSON.stringify(summary, null, 2) + '\n');
  (f.opts.summaryOut ?? process.stdout).write(formatConsoleSummary(summary, f.outDir) + '\n');
  return { exitCode: decided.exitCode, summary, outDir: f.outDir };
}
