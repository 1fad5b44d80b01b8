// A segment worker thread: runs its segment's workloads into its own store and posts every closed second
// unfolded (exact entries, metrics/second-handoff.ts) to the main thread, which folds, evaluates and reports once.
import { parentPort, workerData } from 'node:worker_threads';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MetricStore } from '../metrics/store.ts';
import { prepareRun } from '../run/prepare.ts';
import { resourceMetrics, validateResources } from '../run/resources.ts';
import { WorkloadSet } from '../run/workload-set.ts';
import { startSecondTicker } from '../run/second-ticker.ts';
import { parseSegmentPlan } from '../plan/segment.ts';
import type { FromWorker, ToWorker, WorkerStart } from './protocol.ts';
import { sampleOutput, sampleTapOf, stopOutputs, thresholdsByMetric } from '../run/outputs.ts';

const start = workerData as WorkerStart;
const port = parentPort!;
const post = (m: FromWorker) => port.postMessage(m);
const scratch = mkdtempSync(join(tmpdir(), 'loadcert-worker-'));
try {
  const prep = await prepareRun({
    scenarioFile: start.scenarioFile, baseUrl: start.baseUrl, allowHosts: start.allowHosts, thresholdsFile: start.thresholdsFile,
    outDir: scratch, segment: parseSegmentPlan(start.segment, start.sequence),
  }, resourceMetrics(), validateResources); // the same registry as the main thread's: thresholds on resource metrics validate here too

  const store = new MetricStore(prep.registry);
  // --out json= / csv= with --workers: this worker's samples go to its part files (joined by the main thread)
  const outputs = (start.sampleFiles ?? []).map((f) => sampleOutput(f, thresholdsByMetric(prep.thresholds)));
  const warn = (message: string) => post({ type: 'warn', message });
  const workloads = new WorkloadSet(prep);
  const hard = new AbortController();
  let go!: (startEpoch: number) => void;
  const started = new Promise<number>((r) => (go = r));
  port.on('message', (m: ToWorker) => {
    if (m.type === 'go') go(m.startEpoch);
    else if (m.type === 'stop') workloads.stop();
    else { workloads.stop(); hard.abort(); }
  });
  // Hand-off mode: a closed second leaves this (timing) thread as one compact buffer; the main thread folds.
  store.handOff({
    second(second) {
      const a = workloads.activity();
      port.postMessage({ type: 'second', second, active: a.active, allocated: a.allocated } satisfies FromWorker, [second.words.buffer as ArrayBuffer]);
      for (const o of outputs) o.second?.({ t: second.t, ...(second.partialMs !== undefined ? { partialMs: second.partialMs } : {}), series: {} });
      return undefined;
    },
  });
  post({ type: 'ready' });
  const startEpoch = await started;
  const t0 = performance.now() - Math.max(0, Date.now() - startEpoch);
  for (const o of outputs) o.start?.({ outDir: scratch, startEpoch, startPerf: t0, warn });
  store.tap = sampleTapOf(outputs);
  store.startClock(startEpoch, t0);
  const stopTicker = startSecondTicker(startEpoch, (t) => { workloads.onSecond(); void store.flushSecondSliced(t); });
  try {
    await workloads.start(store, hard.signal, warn);
  } finally {
    stopTicker();
  }
  store.flushRemaining();
  await stopOutputs(outputs, { status: 'completed', warn });
  post({ type: 'done' });
} catch (err) {
  post({ type: 'error', message: (err as Error).message });
} finally {
  rmSync(scratch, { recursive: true, force: true });
}
