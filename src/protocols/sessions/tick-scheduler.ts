// One shared timer wheel for every connection of a process: a single interval fires all tasks that are due.

/** Something the wheel can fire; the wheel owns the `wheel*` fields, the task only implements `fire`. */
export interface WheelTask {
  /** Called once when the task's due time has passed (`now` is Date.now() of the tick). */
  fire(now: number): void;
  /** @internal due time in epoch ms; Infinity = cancelled. */
  wheelDue?: number;
  /** @internal slot index holding the live entry; -1 when not queued. */
  wheelSlot?: number;
  /** @internal tick number that last visited this task (guards duplicate entries). */
  wheelSeen?: number;
}

/** Options of a wheel: slot width (the tick, 10-50 ms) and number of slots. */
export interface TickSchedulerOptions {
  tickMs?: number;
  slots?: number;
}

/**
 * A hashed timing wheel driven by one `setInterval`: scheduling is O(1), a tick visits only the tasks
 * of the slots that elapsed, tasks further out than one revolution wait their turn in their slot.
 * Firing is at most one tick late; the interval stops itself when the wheel is empty.
 */
export class TickScheduler {
  readonly tickMs: number;
  private readonly slots: WheelTask[][];
  private timer: NodeJS.Timeout | undefined;
  private cursor = -1;
  private ticks = 0;
  private queued = 0;
  private lastLate = 0;

  constructor(options: TickSchedulerOptions = {}) {
    this.tickMs = Math.min(50, Math.max(10, Math.round(options.tickMs ?? 20)));
    const n = Math.max(8, options.slots ?? 512);
    this.slots = Array.from({ length: n }, () => []);
  }

  /** Number of live scheduled tasks (approximate: cancelled tasks leave when their slot is visited). */
  get size(): number {
    return this.queued;
  }

  /** How late (ms) the last tick ran after its slot's start: a measure of event-loop pressure. */
  get lateness(): number {
    return this.lastLate;
  }

  /** Fires `task` at epoch ms `at` (or at the next tick when `at` is in the past); rescheduling replaces the earlier time. */
  schedule(task: WheelTask, at: number): void {
    this.ensureRunning();
    const slot = this.slotOf(at);
    const wasQueued = task.wheelSlot !== undefined && task.wheelSlot >= 0 && task.wheelDue !== Infinity;
    task.wheelDue = at;
    if (wasQueued && task.wheelSlot === slot) return;
    if (!wasQueued) this.queued++;
    task.wheelSlot = slot;
    this.slots[slot].push(task);
  }

  /** Cancels a scheduled task; a no-op when it is not scheduled. */
  cancel(task: WheelTask): void {
    if (task.wheelSlot !== undefined && task.wheelSlot >= 0 && task.wheelDue !== Infinity) this.queued--;
    task.wheelDue = Infinity;
    task.wheelSlot = -1;
  }

  /** Stops the interval and forgets every task. */
  clear(): void {
    for (const s of this.slots) {
      for (const t of s) { t.wheelSlot = -1; t.wheelDue = Infinity; }
      s.length = 0;
    }
    this.queued = 0;
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    this.cursor = -1;
  }

  private slotOf(at: number): number {
    const n = this.slots.length;
    const abs = Math.floor(at / this.tickMs);
    // a time in the past (or in the slot being processed) goes to the next slot visited
    if (this.cursor >= 0 && abs <= this.cursor) return (this.cursor + 1) % n;
    return ((abs % n) + n) % n;
  }

  private ensureRunning(): void {
    if (this.timer) return;
    this.cursor = Math.floor(Date.now() / this.tickMs) - 1;
    // ref'd on purpose: scheduled work keeps the process alive; the interval stops when the wheel empties
    this.timer = setInterval(() => this.tick(), this.tickMs);
  }

  private tick(): void {
    const now = Date.now();
    const target = Math.floor(now / this.tickMs);
    const n = this.slots.length;
    // bounded: at most one revolution of slots per tick, the rest is caught up on the next ticks
    let steps = Math.min(target - this.cursor, n);
    this.lastLate = now - target * this.tickMs;
    while (steps-- > 0) {
      this.cursor++;
      this.visit(this.cursor % n, now);
    }
    if (this.cursor < target) this.cursor = target - 1; // skip slots already covered by a full revolution
    if (this.queued <= 0 && this.timer) {
      clearInterval(this.timer);
      this.timer = undefined;
      this.cursor = -1;
    }
  }

  private visit(index: number, now: number): void {
    const list = this.slots[index];
    if (!list.length) return;
    this.slots[index] = [];
    const seen = ++this.ticks;
    for (let i = 0; i < list.length; i++) {
      const task = list[i];
      if (task.wheelSlot !== index || task.wheelDue === Infinity || task.wheelSeen === seen) continue;
      task.wheelSeen = seen;
      const due = task.wheelDue!;
      if (due <= now) {
        task.wheelSlot = -1;
        task.wheelDue = Infinity;
        this.queued--;
        try { task.fire(now); } catch { /* a task's failure must not stop the wheel */ }
      } else {
        // not due yet: later in the slot being visited (goes to the next slot) or on a later revolution
        const slot = this.slotOf(due);
        task.wheelSlot = slot;
        this.slots[slot].push(task);
      }
    }
  }
}

let shared: TickScheduler | undefined;

/** The process-wide wheel (20 ms ticks) that the WebSocket and SignalR engines share. */
export function sharedScheduler(): TickScheduler {
  shared ??= new TickScheduler({ tickMs: 20, slots: 512 });
  return shared;
}
