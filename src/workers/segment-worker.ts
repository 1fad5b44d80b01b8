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
    list.push([s.def.name, s.tags.tags, second.state(true)]); // a trend as bins: no compression on the timing thread
  });
  store.onPoint((p) => {
    const series = pending.get(p.t) ?? [];
    pending.delete(p.t);
    const a = workloads.activity();
    post({ type: 'second', t: p.t, ...(p.partialMs !== undefined ? { partialMs: p.partialMs } : {}), series, active: a.active, allocated: a.allocated });
  });
  post({ type: 'ready' });
  const startEpoch = await started;
  store.startClock(startEpoch, performance.now() - Math.max(0, Date.now() - startEpoch));
  const stopTicker = startSecondTicker(startEpoch, (t) => { workloads.onSecond(); void store.flushSecondSliced(t); });
  try {
    await workloads.start(store, hard.signal, (message) => post({ type: 'warn', message }));
  } finally {
    stopTicker();
  }
  store.flushRemaining();
  post({ type: 'done' });
} catch (err) {
  post({ type: 'error', message: (err as Error).message });
} finally {
  rmSync(scratch, { recursive: true, force: true });
}
