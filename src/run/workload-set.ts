import type { PreparedRun } from './prepare.ts';
import type { RunningWorkload, WorkloadEngine } from '../contracts/engine.ts';
import type { WorkloadInfo } from '../contracts/summary-types.ts';
import type { SampleSink } from '../contracts/metric-types.ts';
import { tagSet } from '../metrics/tagset.ts';
import { parseDuration } from '../contracts/duration.ts';
import { valueAt } from '../executors/stages.ts';
import type { Workloads } from './workloads.ts';

/**
 * The scenario's workloads: each starts at its startTime through its engine; `stop()` stops every
 * running one gracefully and cancels those not started yet.
 */
export class WorkloadSet implements Workloads {
  /** This thread only. */
  readonly threads = 1;
  readonly infos: WorkloadInfo[] = [];
  private readonly running: RunningWorkload[] = [];
  private readonly timers: NodeJS.Timeout[] = [];
  private readonly pending: Array<Promise<void>> = [];
  private stopped = false;
  private resolveUnstarted!: () => void;

  constructor(private readonly prep: PreparedRun) {
    const seg = prep.segment;
    for (const [name, w] of Object.entries(prep.scenario.workloads)) {
      const info = this.engineOf(w).plan(name, w);
      // a segment's targets are its share: the rate times the segment's size, counts by its scale
      this.infos.push(seg.whole ? info : {
        ...info,
        ...(info.targetRate ? { targetRate: info.targetRate.map(([t, r]): [number, number] => [t, r * seg.size]) } : {}),
        ...(info.targetVUs ? { targetVUs: info.targetVUs.map(([t, v]): [number, number] => [t, seg.scale(v)]) } : {}),
      });
    }
  }

  private engineOf(w: unknown): WorkloadEngine {
    const protocol = (w as { protocol?: string }).protocol ?? 'http';
    return this.prep.engines.get(protocol)!;
  }

  /** Planned end of the last workload, ms from the start (without graceful stops). */
  get plannedMs(): number {
    return Math.max(0, ...this.infos.map((i) => (i.startTime + i.duration) * 1000));
  }

  /** Sum of the open-model target rates at `elapsedMs`. */
  targetRateAt(elapsedMs: number): number {
    let sum = 0;
    for (const i of this.infos) {
      if (!i.targetRate) continue;
      const t = elapsedMs / 1000 - i.startTime;
      if (t >= 0 && t <= i.duration) sum += valueAt(i.targetRate, t);
    }
    return sum;
  }

  /** Nothing to prepare in this thread. */
  ready(): Promise<void> { return Promise.resolve(); }

  /** Samples go straight into the store: every second is complete when it ends. */
  secondReady(): Promise<void> { return Promise.resolve(); }

  /** Starts every workload at its startTime; resolves when all have finished (or were cancelled). */
  start(sink: SampleSink, signal: AbortSignal, warn: (m: string) => void): Promise<void> {
    if (this.stopped) return Promise.resolve();
    const entries = Object.entries(this.prep.scenario.workloads);
    let unstarted = entries.length;
    const allStarted = new Promise<void>((r) => (this.resolveUnstarted = r));
    const begin = (name: string, w: (typeof entries)[number][1]) => {
      unstarted--;
      if (!this.stopped) {
        const baseTags = { scenario: name, ...(w.tags ?? {}) };
        const engine = this.engineOf(w);
        const peers = entries.map(([, p]) => p).filter((p) => this.engineOf(p) === engine);
        const rw = engine.start(w, {
          sink, baseUrl: this.prep.baseUrl, scenario: this.prep.scenarioName, workload: name, baseTags,
          tagSet, signal, warn, segment: this.prep.segment, peers,
        });
        this.running.push(rw);
        this.pending.push(rw.done);
      }
      if (unstarted === 0) this.resolveUnstarted();
    };
    for (const [name, w] of entries) {
      const delay = parseDuration(w.startTime ?? 0);
      if (delay > 0) this.timers.push(setTimeout(() => begin(name, w), delay));
      else begin(name, w);
    }
    return allStarted.then(async () => { await Promise.all(this.pending); });
  }

  /** Graceful stop of everything: running workloads finish in-flight work, unstarted ones never start. */
  stop(): void {
    if (this.stopped) return;
    this.stopped = true;
    for (const t of this.timers) clearTimeout(t);
    for (const r of this.running) r.stop();
    this.resolveUnstarted?.();
  }

  /** Lets every running workload emit its per-second gauges. */
  onSecond(): void {
    for (const r of this.running) r.onSecond?.();
  }

  /** Active and allocated VUs (or connections) over all running workloads. */
  activity(): { active: number; allocated: number } {
    let active = 0, allocated = 0;
    for (const r of this.running) { const a = r.activity(); active += a.active; allocated += a.allocated; }
    return { active, allocated };
  }
}
