// A segment worker thread: runs its segment's workloads into its own store and posts every folded
// second (exact snapshot entries) to the main thread, which merges, evaluates and reports once.
import { parentPort, workerData } from 'node:worker_threads';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MetricStore } from '../metrics/store.ts';
import { prepareRun } from '../run/prepare.ts';
import { WorkloadSet } from '../run/workload-set.ts';
import { startSecondTicker } from '../run/second-ticker.ts';
import { parseSegmentPlan } from '../plan/segment.ts';
import type { SnapshotEntry } from '../snapshot/writer.ts';
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
  });
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
  const pending = new Map<number, SnapshotEntry[]>();
  store.onSeriesSecond((t, s, second) => {
    let list = pending.get(t);
    if (!list) { list = []; pending.set(t, list); }
    list.push([s.def.name, s.tags.tags, second.state()]);
  });
  store.onPoint((p) => {
    const series = pending.get(p.t) ?? [];
    pending.delete(p.t);
    const a = workloads.activity();
    post({ type: 'second', t: p.t, ...(p.partialMs !== undefined ? { partialMs: p.partialMs } : {}), series, active: a.active, allocated: a.allocated });
    for (const o of outputs) o.second?.(p);
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
