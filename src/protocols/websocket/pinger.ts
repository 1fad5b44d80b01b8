// The ping frames of one WebSocket connection and their round trip (k6's `ws_ping`), on the shared wheel.
// As in k6's `socket.ping()`, each ping frame carries its own id as payload and the pong that echoes
// that id completes it: ws_ping = pong arrival - ping sent, in ms. Call order, as WsSession makes it:
// attach(ws) when the connection opens, then fire() by the wheel and pong(data) by the socket, then
// halt() when a graceful stop begins (no new pings; pending ones may still be answered), then detach(cut)
// exactly once per connection. What happens to a ping, in one table:
//
//   pong with its id            -> ws_ping sample (trend, ms)
//   no pong within replyTimeout -> ws_errors{cause:timeout,code:pong} (at the next wheel visit or at detach)
//   connection cut by loadcert's stop while waiting -> interrupted_operations{op:ping} (never an error)
//   connection dropped while waiting -> nothing more (the drop itself is counted in ws_errors)
import { performance } from 'node:perf_hooks';
import { WebSocket } from 'ws';
import type { WheelTask } from '../sessions/tick-scheduler.ts';
import type { WsSessionConfig } from './session-config.ts';

/** Pings of one connection, sent every `c.pingIntervalMs` while attached; pending pings are bounded by the reply timeout. */
export class WsPinger implements WheelTask {
  wheelDue?: number;
  wheelSlot?: number;
  wheelSeen?: number;
  private ws: WebSocket | undefined;
  private halted = false;
  private nextPing = 0;
  private counter = 0;
  /** Payloads of the pings awaiting their pong, oldest first, and when each was sent (performance.now()). */
  private readonly ids: string[] = [];
  private readonly sentAt: number[] = [];

  constructor(private readonly c: WsSessionConfig) {}

  /** Pings awaiting their pong. */
  get pending(): number {
    return this.ids.length;
  }

  /** Starts pinging `ws` (open); the first ping at a random point of the first interval, to spread connections. */
  attach(ws: WebSocket): void {
    this.ws = ws;
    this.halted = false;
    this.nextPing = Date.now() + Math.random() * this.c.pingIntervalMs;
    this.c.scheduler.schedule(this, this.nextPing);
  }

  /** Wheel callback: counts pongs that did not come in time, sends the ping that is due, and reschedules. */
  fire(now: number): void {
    const ws = this.ws;
    if (!ws) return;
    this.expire(performance.now());
    if (!this.halted && now >= this.nextPing && ws.readyState === WebSocket.OPEN) {
      const id = String(this.counter++);
      this.ids.push(id);
      this.sentAt.push(performance.now());
      ws.ping(id);
      this.nextPing += this.c.pingIntervalMs;
      if (this.nextPing < now - this.c.pingIntervalMs) this.nextPing = now; // far behind: skip, never burst
    }
    const expiry = this.sentAt.length ? now + (this.sentAt[0] + this.c.replyTimeoutMs - performance.now()) : Infinity;
    const due = Math.min(this.halted ? Infinity : this.nextPing, expiry);
    if (due !== Infinity) this.c.scheduler.schedule(this, due);
  }

  /** A pong frame arrived: completes the ping whose id it echoes (a pong for no pending ping is ignored, as in k6). */
  pong(data: Buffer): void {
    const now = performance.now();
    if (!this.ids.length) return;
    const i = this.ids.indexOf(data.toString());
    if (i < 0) return;
    this.c.sink.add('ws_ping', now - this.sentAt[i], this.c.tags);
    this.ids.splice(i, 1);
    this.sentAt.splice(i, 1);
  }

  /** Graceful stop began: no new pings; pending ones may still be answered until detach. */
  halt(): void {
    this.halted = true;
  }

  /** The connection ends: late pongs count as errors; the others are cut by loadcert's stop (`cut`) or dropped with the connection. */
  detach(cut: boolean): void {
    this.expire(performance.now());
    if (cut) for (let i = 0; i < this.ids.length; i++) this.c.interrupted('ping');
    this.ids.length = 0;
    this.sentAt.length = 0;
    this.ws = undefined;
    this.c.scheduler.cancel(this);
  }

  private expire(now: number): void {
    const limit = now - this.c.replyTimeoutMs;
    while (this.sentAt.length && this.sentAt[0] < limit) {
      this.sentAt.shift();
      this.ids.shift();
      this.c.sink.add('ws_errors', 1, this.c.errorTags('timeout', 'pong'));
    }
  }
}
