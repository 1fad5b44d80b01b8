// Merges N segment runs into one run: checks they belong together, replays their per-second snapshots
// into one store, then the same evaluator, verdict (src/verdict through finishRun) and reports as a run.
import { resolve } from 'node:path';
import { ConfigError, type ConfigIssue } from '../contracts/errors.ts';
import { loadRunSummary } from '../report/load-run.ts';
import { MetricStore } from '../metrics/store.ts';
import { ThresholdEvaluator } from '../thresholds/evaluator.ts';
import { NdjsonWriter } from '../results/ndjson-writer.ts';
import type { MeasurementFailure, PreflightResult, RunStatus } from '../contracts/summary-types.ts';
import { prepareRun } from '../run/prepare.ts';
import { WorkloadSet } from '../run/workload-set.ts';
import { fileDigest, finishRun } from '../run/finish-run.ts';
import { resourceMetrics, validateResources } from '../run/resources.ts';
import { mergeProblems, type SegmentRun } from './check.ts';
import { replaySegments } from './replay.ts';
import { ResilienceTracker } from '../run/resilience-tracker.ts';
import type { FaultRecord } from '../contracts/fault-types.ts';
import type { ThresholdResult } from '../contracts/summary-types.ts';

/** What `loadcert merge` was asked. */
export interface MergeOptions {
  dirs: string[];
  /** Results folder of the merged run (default reports/<timestamp>-<scenario>-merged). */
  outDir?: string;
  /** Replace a run already in outDir whole (--force); without it such a folder is refused (104). */
  force?: boolean;
  /** Thresholds file instead of the scenario's / ./thresholds.json. */
  thresholdsFile?: string;
  progressOut?: NodeJS.WritableStream;
  summaryOut?: NodeJS.WritableStream;
}

/** Status precedence of the merged run, as the verdict's: a preflight failure, then an interruption, a crash, an abortOnFail stop. */
const STATUS_RANK: Record<RunStatus, number> = { 'preflight-failed': 4, aborted: 3, failed: 2, 'threshold-aborted': 1, completed: 0 };

/**
 * Merges the segment run folders `dirs` into one run folder and returns its exit code (the verdict's).
 * Throws ConfigError (104) naming every problem when the runs do not belong together, or when the
 * scenario file they name is gone or changed.
 */
export async function mergeRuns(o: MergeOptions): Promise<{ exitCode: number; outDir: string }> {
  const loaded = await Promise.all(o.dirs.map(async (dir) => ({ dir: resolve(dir), summary: await loadRunSummary(dir) })));
  const issues = mergeProblems(loaded);
  if (issues.length) throw new ConfigError(issues);
  const runs = loaded as SegmentRun[];
  for (const r of runs) r.meta = r.summary.loadcert.segment!;
  const first = runs[0].summary.loadcert;
  const scenarioFile = first.scenarioFile;
  const fileIssue = (message: string): ConfigIssue => ({ file: scenarioFile, path: '', message, fix: 'run loadcert merge where the scenario file of the segment runs is, unchanged' });
  let digest: string;
  try { digest = fileDigest(scenarioFile); } catch { throw new ConfigError([fileIssue('the scenario file of the segment runs cannot be read here')]); }
  if (digest !== runs[0].meta.scenarioDigest) throw new ConfigError([fileIssue('the scenario file changed since the segments ran (its sha256 differs)')]);

  const host = URL.canParse(first.baseUrl) ? new URL(first.baseUrl).hostname : undefined;
  const prep = await prepareRun({
    scenarioFile, baseUrl: first.baseUrl, thresholdsFile: o.thresholdsFile ?? first.thresholdsFile, skipPreflight: true,
    allowHosts: host ? [host] : [], // the segments already ran against it; merge sends nothing
    force: o.force,
    outDir: o.outDir ?? resolve('reports', `${new Date().toISOString().replace(/[-:]/g, '').replace('T', '-').slice(0, 15)}-${first.scenario}-merged`),
  }, resourceMetrics(), validateResources);
  const store = new MetricStore(prep.registry);
  const writer = new NdjsonWriter(resolve(prep.outDir, 'timeseries.ndjson'));
  store.onPoint((p) => writer.write(p));
  // Faults: the merged seconds go through the same timeline as each segment's, from the segments' common start.
  const starts = runs.map((r) => r.summary.loadcert.resilience?.startEpoch).filter((t): t is number => t !== undefined);
  const resilience = prep.faults.timeline.any && starts.length ? new ResilienceTracker(prep.faults.timeline, prep.thresholds, store) : undefined;
  resilience?.start(Math.min(...starts));
  const evaluator = new ThresholdEvaluator(prep.thresholds.filter((t) => !t.alert), resilience?.totals ?? store);
  replaySegments(runs, store);

  const warnings: string[] = [];
  const failures: MeasurementFailure[] = [];
  const preflight: PreflightResult[] = [];
  let status: RunStatus = 'completed';
  let abortReason: string | undefined;
  for (const r of runs) {
    const m = r.summary.loadcert;
    for (const w of m.warnings) warnings.push(`segment ${r.meta.segment}: ${w}`);
    for (const f of m.measurementFailures ?? []) failures.push({ ...f, cause: `segment ${r.meta.segment}: ${f.cause}` });
    preflight.push(...m.preflight);
    if (STATUS_RANK[m.status] > STATUS_RANK[status]) { status = m.status; abortReason = m.abortReason && `segment ${r.meta.segment}: ${m.abortReason}`; }
  }
  const started = new Date(Math.min(...runs.map((r) => Date.parse(r.summary.loadcert.startTime))));
  const ended = new Date(Math.max(...runs.map((r) => Date.parse(r.summary.loadcert.endTime))));
  const durationMs = Math.max(...runs.map((r) => r.summary.loadcert.durationMs));
  // each fault's record comes from the segment that applied it
  const records: FaultRecord[] = [];
  for (const r of runs) for (const f of r.summary.loadcert.resilience?.faults ?? []) {
    if (f.status === 'elsewhere' || records.some((x) => x.name === f.name)) continue;
    const { name, action, target, plannedStartMs, plannedEndMs, appliedAtMs, endedAtMs, status, error, cleanupError } = f;
    records.push({ name, action, target, plannedStartMs, plannedEndMs, appliedAtMs, endedAtMs, status, error, cleanupError });
  }
  const evaluated = evaluator.evaluate(durationMs);
  // the segments' first failed polls in each fault (each polled on its own): the earliest is the merged run's
  for (const r of runs) {
    const res = r.summary.loadcert.resilience;
    for (const f of res?.faults ?? []) if (f.detectionS !== null) resilience?.pollFailed(res!.startEpoch + f.faultFromMs + f.detectionS * 1000);
  }
  const measured = resilience?.finish(records, evaluated);
  const thresholdResults: ThresholdResult[] = measured?.criteria ?? evaluated;
  const declaredProcess = runs.some((r) => r.summary.loadcert.sources?.includes('process'));
  const outcome = await finishRun({
    prep, store, outDir: prep.outDir, workloads: new WorkloadSet(prep), warnings, preflight, started, ended, status, abortReason,
    thresholdResults, failures, durationMs, timeseries: writer,
    opts: { scenarioFile, demoTargetPid: declaredProcess ? 0 : undefined, progressOut: o.progressOut, summaryOut: o.summaryOut },
    mergedFrom: runs.map((r) => ({ dir: r.dir, segment: r.meta.segment })),
    ...(measured ? { resilience: measured.summary } : {}),
  });
  return { exitCode: outcome.exitCode, outDir: outcome.outDir };
}
