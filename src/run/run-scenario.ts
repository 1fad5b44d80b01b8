import { INSECURE_TLS_WARNING } from '../config/http-tls.ts';
import { MetricStore } from '../metrics/store.ts';
import { NO_TAGS } from '../metrics/tagset.ts';
import { trendPercentile } from '../metrics/aggregates.ts';
import { ThresholdEvaluator } from '../thresholds/evaluator.ts';
import { runPreflight, preflightVerdict } from '../preflight/preflight.ts';
import { startHealthPoller } from '../preflight/poller.ts';
import type { MeasurementFailure, PreflightResult, RunStatus, RunSummary, ThresholdResult } from '../contracts/summary-types.ts';
import type { TimeseriesPoint } from '../contracts/metric-types.ts';
import { prepareRun, type RunOptions } from './prepare.ts';
import { WorkloadSet } from './workload-set.ts';
import type { WorkloadsFactory } from './workloads.ts';
import { runOutputs, sampleTapOf, stopOutputs, thresholdsByMetric } from './outputs.ts';
import { startSecondTicker } from './second-ticker.ts';
import { ProgressPrinter } from './progress.ts';
import { finishRun, type FinishInput } from './finish-run.ts';
import { startResources, resourceMetrics, validateResources } from './resources.ts';
import { fileDigest } from './finish-run.ts';
import { SNAPSHOT_FILE } from '../snapshot/writer.ts';
import { LoadcertError } from '../contracts/errors.ts';
import { waitUntil } from '../plan/start-at.ts';
import type { SegmentMeta } from '../contracts/summary-types.ts';
import { FaultScheduler } from '../faults/scheduler.ts';
import { ResilienceTracker } from './resilience-tracker.ts';
import { foldOffThread } from './fold-thread.ts';

/** The outcome of a run: its exit code, summary and results folder. */
export interface RunOutcome {
  exitCode: number;
  summary: RunSummary;
  outDir: string;
}

const ABORT_EVAL_EVERY_MS = 2000;

/** The workloads in this thread; `--workers` needs the workers' factory (workers/worker-set.ts: workloadsFor). */
const inThisThread: WorkloadsFactory = (prep, opts) => {
  if (opts.workers) throw new LoadcertError('LC_WORKERS_UNWIRED', 'workers were asked for, but this caller runs workloads in one thread: pass workloadsFor from workers/worker-set.ts');
  return new WorkloadSet(prep);
};

/**
 * Runs a scenario end to end: validate everything (ConfigError, exit 104), preflight the health
 * endpoints (exit 111), drive the workloads while sampling resources and polling availability,
 * then evaluate thresholds and write summary.json, timeseries.ndjson and the reports. Results
 * collected before an interruption are always written.
 */
export async function runScenario(opts: RunOptions, workloadsOf: WorkloadsFactory = inThisThread): Promise<RunOutcome> {
  const prep = await prepareRun(opts, resourceMetrics(), validateResources);
  const outDir = prep.outDir;
  const progress = new ProgressPrinter(opts.progressOut ?? process.stderr);
  const store = new MetricStore(prep.registry);
  const warnings: string[] = [];
  const warn = (m: string) => { if (!warnings.includes(m)) { warnings.push(m); progress.message(`warning: ${m}`); } };
  if (!prep.tls.rejectUnauthorized) warn(INSECURE_TLS_WARNING);
  const workloads = workloadsOf(prep, opts);
  const started = new Date();
  const failures: MeasurementFailure[] = [];
  const fail = (f: Omit<MeasurementFailure, 'at'>) => {
    if (failures.some((x) => x.cause === f.cause)) return;
    failures.push({ ...f, at: new Date().toISOString() });
    progress.message(`measurement failure (${f.source}): ${f.cause}`);
  };
  // A segment run (or one with --start-at) records its identity and a per-second snapshot for `loadcert merge`.
  const segmentMeta: SegmentMeta | undefined = opts.segment || opts.startAt !== undefined
    ? { segment: prep.segment.segment, sequence: prep.segment.sequence, ...(opts.startAt !== undefined ? { startAt: opts.startAt } : {}), scenarioDigest: fileDigest(prep.scenarioPath), snapshot: SNAPSHOT_FILE }
    : undefined;
  // A warm-up's seconds are recorded in the time series but left out of the totals the criteria judge.
  const warmupSeconds = Math.ceil(Math.max(0, opts.warmupMs ?? 0) / 1000);
  const warmupMs = warmupSeconds * 1000;
  const { outputs, timeseries } = await runOutputs(store, { metricsPort: opts.metricsPort, metricsHost: opts.metricsHost, snapshot: segmentMeta !== undefined, warmupSeconds, sampleFiles: opts.sampleFiles, workers: opts.workers, thresholdsByMetric: thresholdsByMetric(prep.thresholds) }, (m) => progress.message(m));
  const finish = (rest: Omit<FinishInput, 'prep' | 'store' | 'outDir' | 'opts' | 'workloads' | 'warnings' | 'started' | 'failures' | 'segment'>) =>
    finishRun({ prep, store, outDir, opts, workloads, warnings, started, failures, segment: segmentMeta, ...rest });

  let preflight: PreflightResult[] = [];
  if (!opts.skipPreflight) {
    progress.message(`preflight: probing health endpoints of ${prep.baseUrl}`);
    preflight = await runPreflight(prep.baseUrl, prep.scenario.health, prep.tls, prep.scenario.http?.protocol);
    const verdict = preflightVerdict(preflight);
    if (!verdict.ok) {
      progress.message(`preflight FAILED: ${verdict.message}`);
      await stopOutputs(outputs, { status: 'preflight-failed', warn });
      return finish({ preflight, ended: new Date(), status: 'preflight-failed', abortReason: verdict.message, thresholdResults: [] });
    }
  }

  store.onPoint((p) => { for (const o of outputs) o.second?.(p); });
  // With faults, criteria judge phase totals: the steady phase by default (docs/resilience.md).
  const resilience = prep.faults.timeline.any ? new ResilienceTracker(prep.faults.timeline, prep.thresholds, store, warmupMs) : undefined;
  const evaluator = new ThresholdEvaluator(prep.thresholds.filter((t) => !t.alert), resilience?.totals ?? store);
  const faults = new FaultScheduler(prep.faults.timeline, prep.faults.actions, {
    segmentIndex: prep.segment.index,
    log: (m) => progress.message(m),
    onFailure: (r) => fail({ source: 'faults', kind: 'fault', cause: `fault ${r.name} (${r.action} ${r.target}) could not be applied: ${r.error}` }),
    onCleanupFailure: (r) => warn(`FAULT CLEANUP FAILED: fault ${r.name} (${r.action} ${r.target}) could not be undone, it may still be in effect: ${r.cleanupError}`),
  });
  const hard = new AbortController();
  const end: { status: RunStatus; reason?: string } = { status: 'completed' };
  const stopWith = (s: RunStatus, reason: string) => {
    if (end.status !== 'completed') return;
    end.status = s;
    end.reason = reason;
    progress.message(`stopping: ${reason}`);
    workloads.stop();
  };
  const onExternal = () => stopWith('aborted', 'stopped from outside (interrupt)');
  if (opts.signal?.aborted) onExternal();
  opts.signal?.addEventListener('abort', onExternal, { once: true });

  // In-process, seconds are folded by a fold thread: this thread records and timestamps, nothing else
  // (docs/measuring.md). It loads while the workloads get ready, before the samplers start (its start-up is
  // not the load's CPU). With --workers this thread records nothing of the load and merges their seconds itself.
  const abortable = prep.thresholds.filter((t) => t.abortOnFail && !t.alert).map((t) => ({ metric: t.metric, selector: t.selector }));
  const fold = opts.workers ? undefined : foldOffThread(store, warn, abortable, ['http_req_duration', 'http_req_failed']);
  await workloads.ready((m) => progress.message(m));
  await fold?.ready;
  // A sampler or probe that loses its source while a declared fault is in effect (the fault's or its recovery
  // phase) records that fault's expected data gap (a warning naming the fault), not a measurement failure:
  // the fault cut what it samples. Outside every fault window a lost source stays a measurement failure.
  let clockStart: number | undefined;
  const faultNow = (): string | undefined => {
    if (clockStart === undefined || !prep.faults.timeline.any) return undefined;
    return prep.faults.timeline.phaseOfSecond(Math.floor(Math.max(0, Date.now() - clockStart) / 1000) * 1000).fault;
  };
  const samplerFail = (f: Omit<MeasurementFailure, 'at'>) => {
    const during = f.kind === 'sampler' ? faultNow() : undefined;
    if (during === undefined) return fail(f);
    warn(`expected data gap during fault ${during}: ${f.cause}`);
  };
  const resources = await startResources(prep.scenario.resources, { sink: store, warn, fail: samplerFail, signal: hard.signal, loadStartsAt: opts.startAt, generatorThreads: workloads.threads }, opts.demoTargetPid);
  // The run's clock starts with the load, after samplers have found their targets; with --start-at, at
  // that instant (every segment's seconds then share their boundaries).
  if (opts.startAt !== undefined) {
    if (Date.now() < opts.startAt) progress.message(`waiting for the start at ${new Date(opts.startAt).toISOString()} (segment ${prep.segment.segment} of ${prep.segment.sequence})`);
    else if (Date.now() - opts.startAt > 1000) warn(`the run reached its start-at ${Date.now() - opts.startAt} ms late; its seconds stay aligned to the start-at`);
    await waitUntil(opts.startAt, opts.signal);
  }
  const startEpoch = opts.startAt ?? Date.now();
  clockStart = startEpoch;
  const t0 = performance.now() - Math.max(0, Date.now() - startEpoch);
  for (const o of outputs) o.start?.({ outDir, startEpoch, startPerf: t0, warn });
  store.tap = sampleTapOf(outputs);
  store.startClock(startEpoch, t0);
  resilience?.start(startEpoch);
  faults.start(startEpoch);
  let poller: { stop(): Promise<void> } = { stop: async () => {} };
  try {
    poller = startHealthPoller({ baseUrl: prep.baseUrl, health: prep.scenario.health, tls: prep.tls, protocol: prep.scenario.http?.protocol, sink: store,
      ...(resilience ? { onProbe: (_e: string, r: { ok: boolean }) => { if (!r.ok) resilience.pollFailed(Date.now()); } } : {}) });
  } catch (err) {
    fail({ source: 'health', kind: 'poller', cause: `the health poller could not run: ${(err as Error).message}` });
  }
  let lastAbortCheck = 0;
  const onSecond = (secondStart: number) => {
    const act = workloads.activity();
    store.add('vus', act.active, NO_TAGS, secondStart);
    store.add('vus_max', act.allocated, NO_TAGS, secondStart);
    workloads.onSecond();
    // Folded in slices off the timing path; the point arrives when the fold is done.
    // with workers, their copies of the second go into the store before it is folded
    void workloads.secondReady(secondStart).then(() => store.flushSecondSliced(secondStart)).then((point) => { if (!ended) afterSecond(point, act.active); });
  };
  let ended = false;
  const afterSecond = (point: TimeseriesPoint, activeVUs: number) => {
    const elapsedMs = performance.now() - t0;
    if (elapsedMs - lastAbortCheck >= ABORT_EVAL_EVERY_MS) {
      lastAbortCheck = elapsedMs;
      const a = evaluator.shouldAbort(elapsedMs);
      if (a) stopWith('threshold-aborted', `threshold ${a.metric}: ${a.expression} failed (abortOnFail)`);
    }
    const dur = store.flushedTotal('http_req_duration');
    const failed = store.flushedTotal('http_req_failed');
    progress.update({
      elapsedMs, plannedMs: workloads.plannedMs, vus: activeVUs, targetRate: workloads.targetRateAt(elapsedMs), point,
      p95SoFar: dur ? trendPercentile(dur, 95) : 0, errorRate: failed ? failed.values(0).rate : 0,
    });
  };
  const stopTicker = startSecondTicker(startEpoch, onSecond);

  let elapsedMs = 0;
  try {
    await workloads.start(store, hard.signal, warn, startEpoch);
    elapsedMs = performance.now() - t0;
  } catch (err) {
    // A bug or an engine failure mid-run: keep what was measured and say the run failed.
    end.status = 'failed';
    end.reason = `the run failed: ${(err as Error).message}`;
    warn(end.reason);
    workloads.stop();
  } finally {
    stopTicker();
    ended = true;
    opts.signal?.removeEventListener('abort', onExternal);
    await faults.stop();
    await poller.stop();
    await resources.stop();
    hard.abort();
    progress.done();
  }
  // The partial last second still holds data: flush it so nothing measured is lost.
  store.flushRemaining();
  if (!elapsedMs) elapsedMs = performance.now() - t0;
  for (const m of store.unknownMetrics) warn(`metric "${m}" was recorded but never registered; its values were ignored`);
  const dropped = store.query('dropped_iterations')?.values(0).count ?? 0;
  if (dropped > 0) warn(`${dropped} iterations were dropped because no VU was free: raise maxVUs (or preAllocatedVUs) so the target rate is really offered`);
  const measuredMs = warmupMs > 0 ? Math.max(1, elapsedMs - warmupMs) : elapsedMs;
  const evaluated = evaluator.evaluate(measuredMs);
  const measured = resilience?.finish(faults.records, evaluated);
  const thresholdResults: ThresholdResult[] = measured?.criteria ?? evaluated;
  await stopOutputs(outputs, { status: end.status, warn });
  return finish({ preflight, ended: new Date(), status: end.status, abortReason: end.reason, thresholdResults, durationMs: measuredMs, timeseries: timeseries.writer, ...(measured ? { resilience: measured.summary } : {}) });
}
