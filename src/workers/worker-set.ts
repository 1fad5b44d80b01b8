// `--workers N`: the scenario's workloads as N execution segments in worker_threads of this process.
// Each worker posts its closed seconds unfolded (compact buffers, metrics/second-handoff.ts); this side merges each second of all
// workers into the run's store before that second is folded, so thresholds, abortOnFail, progress and
// the reports see one run.
import { Worker } from 'node:worker_threads';
import type { MetricStore } from '../metrics/store.ts';
import type { PreparedRun, RunOptions } from '../run/prepare.ts';
import { WorkloadSet } from '../run/workload-set.ts';
import type { SnapshotEntry } from '../snapshot/writer.ts';
import { feedSecond } from '../merge/replay.ts';
import { SeriesTable } from '../metrics/second-handoff.ts';
import { allSegments } from '../plan/segment.ts';
import type { FromWorker, ToWorker, WorkerStart } from './protocol.ts';
import type { Workloads, WorkloadsFactory } from '../run/workloads.ts';
import { workerSampleFiles } from '../results/sample-file-parts.ts';
import { resolve } from 'node:path';

/** How long the main thread waits after a second ends for every worker's copy of it, before folding without the late ones. */
export const SECOND_WAIT_MS = 500;

/** Young generation of a segment worker, MB: the main thread's --max-semi-space-size=64 (bin/loadcert.mjs) as V8 counts it (3 semi-spaces). */
export const WORKER_YOUNG_GENERATION_MB = 192;

/** The equal sequence of `n` workers: 0,1/n,...,1. */
export function workerSequence(n: number): string {
  return ['0', ...Array.from({ length: n - 1 }, (_, i) => `${i + 1}/${n}`), '1'].join(',');
}

interface Slot { worker: Worker; done: boolean; active: number; allocated: number; segment: string; table: SeriesTable }

/** The workloads of a run, run by N segment workers; the same surface as WorkloadSet for the run loop. */
export class WorkerWorkloads implements Workloads {
  readonly infos;
  private readonly plan: WorkloadSet;
  private readonly slots: Slot[] = [];
  private readonly seconds = new Map<number, Array<{ segment: string; series: SnapshotEntry[] }>>();
  private readonly waiters = new Map<number, () => void>();
  private store: MetricStore | undefined;
  private warn: (m: string) => void = () => {};
  private finished!: () => void;
  private failed!: (err: Error) => void;
  private readonly allDone = new Promise<void>((res, rej) => { this.finished = res; this.failed = rej; });

  constructor(private readonly prep: PreparedRun, private readonly opts: RunOptions, readonly workers: number) {
    this.plan = new WorkloadSet(prep);
    this.infos = this.plan.infos;
    this.allDone.catch(() => {}); // observed by start(); a failure before start surfaces through ready()
  }

  get plannedMs(): number { return this.plan.plannedMs; }
  /** The workers plus the main thread that merges their seconds. */
  get threads(): number { return this.workers + 1; }
  targetRateAt(elapsedMs: number): number { return this.plan.targetRateAt(elapsedMs); }

  /** Starts the workers and resolves when each has prepared its segment (before the load clock starts). */
  async ready(say: (m: string) => void): Promise<void> {
    say(`starting ${this.workers} segment worker${this.workers > 1 ? 's' : ''}`);
    const sequence = workerSequence(this.workers);
    const host = new URL(this.prep.baseUrl).hostname;
    const sampleFiles = (this.opts.sampleFiles ?? []).map((f) => ({ kind: f.kind, path: resolve(f.path) }));
    await Promise.all(allSegments(sequence).map((seg, index) => new Promise<void>((done, reject) => {
      const data: WorkerStart = {
        scenarioFile: this.prep.scenarioPath, baseUrl: this.prep.baseUrl, allowHosts: [host, ...(this.opts.allowHosts ?? [])],
        thresholdsFile: this.prep.thresholdsFile, sequence, segment: seg.segment,
        ...(sampleFiles.length ? { sampleFiles: workerSampleFiles(sampleFiles, index) } : {}),
      };
      const worker = new Worker(new URL('./worker-main.mjs', import.meta.url), { workerData: data, resourceLimits: { maxYoungGenerationSizeMb: WORKER_YOUNG_GENERATION_MB } });
      const slot: Slot = { worker, done: false, active: 0, allocated: 0, segment: seg.segment, table: new SeriesTable() };
      this.slots.push(slot);
      worker.on('message', (m: FromWorker) => {
        if (m.type === 'ready') done();
        else {
          if (m.type === 'error') reject(new Error(`worker ${seg.segment}: ${m.message}`));
          this.onMessage(slot, m);
        }
      });
      worker.on('error', (err) => { reject(err); this.fail(slot, err.message); });
      worker.on('exit', () => { if (!slot.done) this.fail(slot, 'the worker exited before its end'); });
    })));
  }

  private fail(slot: Slot, message: string): void {
    if (slot.done) return;
    slot.done = true;
    this.failed(new Error(`worker ${slot.segment}: ${message}`));
  }

  private onMessage(slot: Slot, m: FromWorker): void {
    switch (m.type) {
      case 'second': {
        slot.active = m.active; slot.allocated = m.allocated;
        const t = m.second.t;
        let list = this.seconds.get(t);
        if (!list) { list = []; this.seconds.set(t, list); }
        list.push({ segment: slot.segment, series: slot.table.entries(m.second) });
        if (list.length >= this.slots.filter((s) => !s.done).length) this.feed(t);
        return;
      }
      case 'warn': this.warn(m.message); return;
      case 'error': this.fail(slot, m.message); return;
      case 'done':
        slot.done = true;
        slot.active = 0;
        if (this.slots.every((s) => s.done)) {
          for (const t of [...this.seconds.keys()].sort((a, b) => a - b)) this.feed(t);
          this.finished();
        }
        return;
    }
  }

  /** Merges what arrived of second `t` into the store (before that second is folded when in time). */
  private feed(t: number): void {
    const parts = this.seconds.get(t);
    this.seconds.delete(t);
    const store = this.store;
    if (parts && store) feedSecond(store, parts, (metric, tags, agg) => store.addAggregateAt(metric, tags, agg, t));
    this.waiters.get(t)?.();
    this.waiters.delete(t);
  }

  /** Resolves once every worker's copy of the second starting at `t` is in the store (at most SECOND_WAIT_MS). */
  secondReady(t: number): Promise<void> {
    if (this.slots.every((s) => s.done)) return Promise.resolve();
    return new Promise<void>((resolve) => {
      const timer = setTimeout(() => { this.waiters.delete(t); if (this.seconds.has(t)) this.feed(t); resolve(); }, SECOND_WAIT_MS);
      this.waiters.set(t, () => { clearTimeout(timer); resolve(); });
    });
  }

  /** Tells the workers to start their load clock at `startEpoch`; resolves when every worker is done. */
  start(store: MetricStore, signal: AbortSignal, warn: (m: string) => void, startEpoch: number): Promise<void> {
    this.store = store;
    this.warn = warn;
    const send = (m: ToWorker) => { for (const s of this.slots) if (!s.done) s.worker.postMessage(m); };
    signal.addEventListener('abort', () => send({ type: 'hard' }), { once: true });
    send({ type: 'go', startEpoch });
    return this.allDone.finally(() => { for (const s of this.slots) void s.worker.terminate(); });
  }

  /** Graceful stop of every worker's workloads. */
  stop(): void {
    for (const s of this.slots) if (!s.done) s.worker.postMessage({ type: 'stop' } satisfies ToWorker);
  }

  /** Workers measure their own per-second gauges. */
  onSecond(): void {}

  /** Active and allocated VUs (or connections) over all workers, as of their last second. */
  activity(): { active: number; allocated: number } {
    let active = 0, allocated = 0;
    for (const s of this.slots) { active += s.active; allocated += s.allocated; }
    return { active, allocated };
  }
}

/** `--workers N` runs the workloads in N segment workers, otherwise in this thread. */
export const workloadsFor: WorkloadsFactory = (prep, opts) => opts.workers ? new WorkerWorkloads(prep, opts, opts.workers) : new WorkloadSet(prep);
