// Keeps a workload's number of live sessions on its ramp: opens paced by connectRate, closes the newest on ramp-down.
import type { Ramp } from './ramp.ts';
import { targetAt } from './ramp.ts';
import type { TickScheduler, WheelTask } from './tick-scheduler.ts';
import { StopControl } from '../../executors/stop-control.ts';

/**
 * Time a session may take to close after its graceful-stop deadline (SignalR cuts a close that never
 * completes after 5 s, WebSocket after 2 s) before the pool's hard stop aborts it.
 */
export const SESSION_CLOSE_GRACE_MS = 5000;

/** One virtual user's connection, as the pool sees it. */
export interface PooledSession {
  /** Begins connecting. */
  start(): void;
  /** Graceful stop: no new sends; in-flight work may finish until `deadline` (epoch ms), then close. */
  stop(deadline: number): void;
  /** Closes at once (hard stop). */
  abort(): void;
  /** True once the session's connection is open (for the active count). */
  readonly open: boolean;
}

/** How the pool creates sessions and reports what it does. */
export interface PoolOptions<S extends PooledSession> {
  ramp: Ramp;
  scheduler: TickScheduler;
  /** New connections per second at most (default: unlimited). */
  connectRate?: number;
  /** Connections being opened at once at most (default 256): bounds SYN bursts and the server's backlog. */
  maxConnecting?: number;
  /** Grace for in-flight work at the end and on ramp-down (ms). */
  gracefulStopMs: number;
  /** The run's hard stop: aborting it closes every session at once. */
  signal: AbortSignal;
  /** Creates the session of VU `id` (1-based, reused after a VU leaves); `hooks` must be called by the session. */
  create(id: number, hooks: SessionHooks): S;
  /** Called when the number of open connections changes. */
  onOpenCount?(open: number): void;
}

/** Callbacks a session gives back to its pool. */
export interface SessionHooks {
  /** The connection opened (or reopened). */
  opened(): void;
  /** The connection closed; `reconnecting` when the session will reopen it itself. */
  closed(reconnecting: boolean): void;
  /** The session is over; `permanent` keeps its slot taken (dropped without reconnect). */
  ended(permanent: boolean): void;
  /** The session began a connection attempt and finished it (for maxConnecting accounting). */
  connecting(active: boolean): void;
}

/** Drives sessions along a ramp; one control task on the shared wheel every 100 ms. */
export class SessionPool<S extends PooledSession> implements WheelTask {
  /** Sessions counted toward the target. */
  private readonly live = new Map<number, S>();
  /** Every session not yet ended (the live ones and those leaving on ramp-down). */
  private readonly all = new Map<number, S>();
  private readonly freeIds: number[] = [];
  private nextId = 1;
  private dead = 0;
  private openCount = 0;
  private connectingCount = 0;
  private tokens = 0;
  private lastRefill = 0;
  private startedAt = 0;
  private stopping = false;
  /** The stop protocol the executors use too: graceful stop, hard stop after the grace, give-up grace. */
  private readonly control: StopControl;
  /** Resolves when every session has ended after the ramp (or a stop), or HARD_STOP_GRACE_MS after a hard stop. */
  readonly done: Promise<void>;
  wheelDue?: number;
  wheelSlot?: number;
  wheelSeen?: number;

  constructor(private readonly o: PoolOptions<S>) {
    this.control = new StopControl(o.signal, o.gracefulStopMs + SESSION_CLOSE_GRACE_MS, {
      onStop: () => this.stopSessions(),
      idle: () => this.all.size === 0,
    });
    this.control.hard.signal.addEventListener('abort', () => { for (const s of [...this.all.values()]) s.abort(); }, { once: true });
    this.done = this.control.done.then(() => this.o.scheduler.cancel(this));
  }

  /** Starts the ramp now. */
  begin(): void {
    this.startedAt = this.lastRefill = Date.now();
    this.fire(this.startedAt);
  }

  /** Graceful stop: open nothing more, stop every session with the grace period; the hard stop follows it. */
  stop(): void {
    this.control.stop();
  }

  private stopSessions(): void {
    this.stopping = true;
    const deadline = Date.now() + this.o.gracefulStopMs;
    for (const s of [...this.all.values()]) s.stop(deadline);
  }

  /** Open connections and sessions alive (connecting, open or waiting to reconnect). */
  activity(): { active: number; allocated: number } {
    return { active: this.openCount, allocated: this.all.size };
  }

  /** Control tick: reconcile the live count with the ramp's target. */
  fire(now: number): void {
    this.refillSoon = false;
    if (this.stopping) return;
    const elapsed = now - this.startedAt;
    if (elapsed >= this.o.ramp.totalMs) { this.stop(); return; }
    const target = targetAt(this.o.ramp, elapsed);
    const have = this.live.size + this.dead;
    if (have < target) this.grow(target - have, now);
    else if (have > target) this.shrink(have - target, now);
    this.o.scheduler.schedule(this, now + 100);
  }

  private grow(want: number, now: number): void {
    const rate = this.o.connectRate;
    if (rate && rate > 0) {
      this.tokens = Math.min(rate, this.tokens + ((now - this.lastRefill) / 1000) * rate);
      this.lastRefill = now;
      want = Math.min(want, Math.floor(this.tokens));
    }
    want = Math.min(want, (this.o.maxConnecting ?? 256) - this.connectingCount);
    for (let i = 0; i < want; i++) {
      const id = this.freeIds.length ? this.freeIds.pop()! : this.nextId++;
      const s = this.o.create(id, this.hooksFor(id));
      this.live.set(id, s);
      this.all.set(id, s);
      if (rate) this.tokens--;
      s.start();
    }
  }

  private shrink(excess: number, now: number): void {
    const fromDead = Math.min(this.dead, excess);
    this.dead -= fromDead;
    excess -= fromDead;
    if (excess <= 0) return;
    const ids = [...this.live.keys()].sort((a, b) => b - a).slice(0, excess);
    for (const id of ids) {
      const s = this.live.get(id)!;
      this.live.delete(id); // no longer counted toward the target; still awaited in `all` until it ends
      s.stop(now + this.o.gracefulStopMs);
    }
  }

  private hooksFor(id: number): SessionHooks {
    return new Slot(this as unknown as SessionPool<PooledSession>, id);
  }

  /** @internal called by a Slot: the open count changed by `delta`. */
  slotOpenDelta(delta: number): void {
    this.setOpen(this.openCount + delta);
  }

  /** @internal called by a Slot: the connecting count changed by `delta`. */
  slotConnectingDelta(delta: number): void {
    this.connectingCount += delta;
    // an opening slot freed up while below target: top up on the next wheel tick, not the next 100 ms control tick
    if (delta < 0 && !this.stopping && !this.refillSoon) {
      this.refillSoon = true;
      this.o.scheduler.schedule(this, Date.now());
    }
  }

  private refillSoon = false;

  /** @internal called by a Slot once, when its session is over. */
  slotEnded(id: number, permanent: boolean): void {
    if (this.live.delete(id) && permanent && !this.stopping) this.dead++;
    this.all.delete(id);
    this.freeIds.push(id);
    this.control.vuIdle();
  }

  private setOpen(n: number): void {
    this.openCount = n;
    this.o.onOpenCount?.(n);
  }

}

/**
 * The hooks of one session as a small object with prototype methods: no per-session closures
 * (each closure costs a few hundred bytes, which matters at tens of thousands of connections).
 */
class Slot implements SessionHooks {
  private isOpen = false;
  private isConnecting = false;
  private over = false;

  constructor(private readonly pool: SessionPool<PooledSession>, private readonly id: number) {}

  opened(): void {
    if (this.isOpen || this.over) return;
    this.isOpen = true;
    this.pool.slotOpenDelta(1);
  }

  closed(): void {
    if (!this.isOpen) return;
    this.isOpen = false;
    this.pool.slotOpenDelta(-1);
  }

  connecting(active: boolean): void {
    if (active === this.isConnecting || this.over) return;
    this.isConnecting = active;
    this.pool.slotConnectingDelta(active ? 1 : -1);
  }

  ended(permanent: boolean): void {
    if (this.over) return;
    this.over = true;
    if (this.isOpen) { this.isOpen = false; this.pool.slotOpenDelta(-1); }
    if (this.isConnecting) { this.isConnecting = false; this.pool.slotConnectingDelta(-1); }
    this.pool.slotEnded(this.id, permanent);
  }
}
