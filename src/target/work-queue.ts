// A bounded worker pool in front of GET /api/work: the demo target's known capacity limit.
import type { ServerResponse } from 'node:http';
import { sendJson } from './respond.ts';

/** Bounds of /api/work: at most `maxConcurrency` requests in service at once, each held `serviceMs` ms. */
export interface WorkLimit {
  maxConcurrency?: number;
  serviceMs: number;
  /** At most this many requests wait; one more is shed at once with 503 (a bounded queue). Default unbounded. */
  queueLimit?: number;
  /**
   * A worker still serves a request whose client left (as a thread pool that does not notice): a backlog
   * outlives the load that made it and drains at C/S. Default false: a client that gave up takes no worker.
   */
  serveAbandoned?: boolean;
}

/** Default service time of /api/work, ms. */
export const DEFAULT_SERVICE_MS = 10;

/** The throughput a limit allows, requests per second (Infinity without maxConcurrency): C * 1000 / S. */
export function capacityOf(limit: WorkLimit): number {
  return limit.maxConcurrency ? (limit.maxConcurrency * 1000) / Math.max(limit.serviceMs, 1e-9) : Infinity;
}

/**
 * FIFO queue of C workers (optionally bounded: past `queueLimit` waiting, 503 at once): a request waits for a free worker, then holds it `serviceMs`. Above C/S
 * requests per second the queue grows and latency rises without bound (the knee); below it the wait is
 * short. Server-Timing names the wait (`queue`) and the service (`work`).
 */
export class WorkQueue {
  private busy = 0;
  private readonly waiting: Array<{ res: ServerResponse; at: number }> = [];
  constructor(readonly limit: WorkLimit) {}

  /** Serves `res` now or when a worker frees up. */
  submit(res: ServerResponse): void {
    const cap = this.limit.maxConcurrency ?? Infinity;
    if (this.busy < cap) this.serve(res, performance.now());
    else if (this.waiting.length >= (this.limit.queueLimit ?? Infinity)) sendJson(res, 503, '{"error":"queue full"}', 'queue;dur=0');
    else this.waiting.push({ res, at: performance.now() });
  }

  /** Requests waiting for a worker. */
  get queued(): number { return this.waiting.length; }

  /**
   * Holds a worker for `serviceMs` from `startAt` (virtual time: a worker chained from the previous
   * request starts when that one ended on paper, so timer lateness does not lower the capacity below C/S).
   */
  private serve(res: ServerResponse, queuedAt: number, startAt = performance.now()): void {
    this.busy++;
    const end = startAt + this.limit.serviceMs;
    const waitMs = startAt - queuedAt;
    setTimeout(() => {
      this.busy--;
      if (!res.destroyed) sendJson(res, 200, `{"worked":true}`, `queue;dur=${waitMs.toFixed(1)}, work;dur=${this.limit.serviceMs}, total;dur=${(waitMs + this.limit.serviceMs).toFixed(1)}`);
      let next = this.waiting.shift();
      // a client that gave up while waiting does not take a worker
      while (next && next.res.destroyed && !this.limit.serveAbandoned) next = this.waiting.shift();
      if (next) this.serve(next.res, next.at, Math.max(next.at, end));
    }, Math.max(0, end - performance.now())).unref();
  }
}
