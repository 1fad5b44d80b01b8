// What every pooled session shares (WebSocket, SignalR): its slot on the shared wheel, its state with
// 'idle' and 'ended' at both ends, and the graceful stop taken once. Call order, as the pool makes it:
// start() once, then fire() whenever the wheel is due, then stop(deadline) at most once (winding down
// until the deadline) and/or abort() (at once); after 'ended' nothing more happens.
import type { PooledSession } from './session-pool.ts';
import type { WheelTask } from './tick-scheduler.ts';

/** The skeleton of a pooled session whose protocol states are `S` (between 'idle' and 'ended'). */
export abstract class SessionBase<S extends string> implements PooledSession, WheelTask {
  protected state: S | 'idle' | 'ended' = 'idle';
  /** Set by stop() or abort(): no new sends, and a close is on the way. */
  protected stopping = false;
  /** Epoch ms by which a graceful stop closes the connection. */
  protected stopDeadline = Infinity;
  wheelDue?: number;
  wheelSlot?: number;
  wheelSeen?: number;

  /** True while the connection is open (for the pool's open count). */
  abstract get open(): boolean;

  /** Opens the connection. */
  start(): void {
    this.connect();
  }

  /** Graceful stop, taken once: records `deadline` and lets the protocol wind down (windDown). */
  stop(deadline: number): void {
    if (this.stopping || this.state === 'ended') return;
    this.stopping = true;
    this.stopDeadline = deadline;
    this.windDown();
  }

  /** Closes at once (hard stop). */
  abstract abort(): void;
  /** Called by the wheel once the due time has passed. */
  abstract fire(now: number): void;
  /** Opens (or reopens) the connection. */
  protected abstract connect(): void;
  /** Called once by stop(): finish in-flight work before stopDeadline, then close; or end at once when nothing is open. */
  protected abstract windDown(): void;
}
