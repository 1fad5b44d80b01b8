// Applies the faults of the timeline at their instants and undoes them after their duration, recording a
// FaultRecord for each. Call order: start(startEpoch) once when the load's clock starts, stop() once when
// the load has ended (also on error and interruption): stop undoes every fault still applied (cleanup).
//
// Outcomes (FaultRecord.status / onFailure):
//   applied      apply resolved (and undo, if any, ran; an undo that rejects sets cleanupError, loudly)
//   failed       apply rejected or timed out: onFailure is called, the run cannot certify (112)
//   not-reached  the run stopped before the fault's instant
// A fault whose `segment` is not this process's is never applied here; it still has its phases.
import type { FaultRecord } from '../contracts/fault-types.ts';
import type { FaultAction } from './action.ts';
import type { FaultTimeline, PlannedFault } from './timeline.ts';

/** What the scheduler reports to the run. */
export interface SchedulerHooks {
  /** This process's segment index (0 for an unsegmented run). */
  readonly segmentIndex: number;
  /** A line for the run's console. */
  log(message: string): void;
  /** A fault could not be applied (a measurement failure). */
  onFailure(record: FaultRecord): void;
  /** Undoing a fault failed: something may be left behind (a warning the run shows loudly). */
  onCleanupFailure(record: FaultRecord): void;
}

interface Slot { planned: PlannedFault; action: FaultAction; record: FaultRecord; timers: NodeJS.Timeout[]; applying?: Promise<void>; undone?: Promise<void>; applied: boolean }

/** Runs the faults of one process (see the call order above). */
export class FaultScheduler {
  private readonly slots: Slot[] = [];
  private readonly ctrl = new AbortController();
  private stopped = false;

  constructor(timeline: FaultTimeline, actions: ReadonlyMap<string, FaultAction>, private readonly hooks: SchedulerHooks) {
    for (const planned of timeline.faults) {
      if (planned.segment !== hooks.segmentIndex) continue;
      const action = actions.get(planned.name);
      if (!action) continue;
      this.slots.push({ planned, action, timers: [], applied: false, record: { name: planned.name, action: planned.def.action, target: action.target, plannedStartMs: planned.startMs, plannedEndMs: planned.endMs, status: 'not-reached' } });
    }
  }

  /** The records of the faults this process applies (a copy; final after stop()). */
  get records(): FaultRecord[] {
    return this.slots.map((s) => ({ ...s.record }));
  }

  /** Schedules every fault from `startEpoch` (epoch ms of the run's first second). */
  start(startEpoch: number): void {
    for (const s of this.slots) {
      s.timers.push(setTimeout(() => { s.applying = this.apply(s); }, Math.max(0, startEpoch + s.planned.startMs - Date.now())));
      if (s.action.undo && s.planned.endMs > s.planned.startMs)
        s.timers.push(setTimeout(() => { void s.applying?.then(() => this.undo(s)); }, Math.max(0, startEpoch + s.planned.endMs - Date.now())));
    }
  }

  private async apply(s: Slot): Promise<void> {
    if (this.stopped) return;
    this.hooks.log(`fault ${s.planned.name}: ${s.planned.def.action} ${s.action.target}`);
    try {
      await s.action.apply(this.ctrl.signal);
      s.applied = true;
      s.record.status = 'applied';
      s.record.appliedAtMs = Date.now();
      if (!s.action.undo || s.planned.endMs === s.planned.startMs) s.record.endedAtMs = s.record.appliedAtMs;
    } catch (err) {
      s.record.status = 'failed';
      s.record.error = (err as Error).message;
      this.hooks.onFailure({ ...s.record });
    }
  }

  private undo(s: Slot): Promise<void> {
    if (!s.applied || !s.action.undo) return Promise.resolve();
    s.undone ??= (async () => {
      try {
        // the undo is not aborted by stop(): it is the cleanup
        await s.action.undo!(new AbortController().signal);
        s.record.endedAtMs = Date.now();
        this.hooks.log(`fault ${s.planned.name}: undone`);
      } catch (err) {
        s.record.cleanupError = (err as Error).message;
        this.hooks.onCleanupFailure({ ...s.record });
      }
    })();
    return s.undone;
  }

  /** Cancels faults not reached yet and undoes every fault still applied; resolves when all is settled. */
  async stop(): Promise<void> {
    this.stopped = true;
    for (const s of this.slots) for (const t of s.timers) clearTimeout(t);
    // an apply in flight when the run ends is finished and then undone, never left applied
    await Promise.all(this.slots.map(async (s) => { await s.applying; await this.undo(s); }));
    this.ctrl.abort();
  }
}
