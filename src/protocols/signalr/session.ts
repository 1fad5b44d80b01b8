// One SignalR virtual user: a real HubConnection, its join calls, and loop steps fired by the shared wheel.
import type { HubConnection } from '@microsoft/signalr';
import { performance } from 'node:perf_hooks';
import type { TagSet } from '../../contracts/metric-types.ts';
import type { SessionHooks } from '../sessions/session-pool.ts';
import { SessionBase } from '../sessions/session-base.ts';
import type { SignalRSessionConfig } from './session-config.ts';
import type { HubCall, SignalRVu } from '../../contracts/signalr-workload.ts';
import { classifyError, type SignalRErrorCause } from './metrics.ts';
import { tlsFailureCode } from '../http/tls-context.ts';

type State = 'connecting' | 'joining' | 'running' | 'reconnecting' | 'waiting' | 'closing';

/** Shared empty schedule of VUs without loop steps (no per-VU array). */
const NO_DUE: number[] = [];

/** An invocation awaiting its Completion. */
interface Pending {
  readonly start: number;
  readonly deadline: number;
  readonly tags: TagSet;
  done: boolean;
  resolve: () => void;
}

/** A SignalR VU; emits raw signalr_* samples only. */
export class SignalRSession extends SessionBase<State> implements SignalRVu {
  connectionId: string | null = null;
  iteration = 0;
  private conn: HubConnection | undefined;
  private attempt = 0;
  private connectDeadline = 0;
  private closeCut = 0;
  /** True once loadcert began closing the connection (graceful-stop cut or hard stop): failures after it are interrupted operations. */
  private cutting = false;
  /** Fire-and-forget sends not settled yet (a graceful stop waits for them like for invocations). */
  private sending = 0;
  private nextDue: number[] = NO_DUE;
  private pending: Pending[] = [];
  /** The TLS failure code of the current connect attempt (its negotiate or WebSocket), if any. */
  private tlsCode: string | undefined;
  private readonly onTls = (code: string): void => { this.tlsCode = code; };
  constructor(private readonly c: SignalRSessionConfig, readonly id: number, private readonly hooks: SessionHooks) {
    super();
  }

  /** True while the hub connection is connected. */
  get open(): boolean {
    return this.state === 'joining' || this.state === 'running' || this.state === 'closing';
  }

  /** Graceful stop: no new calls; close once in-flight invocations and sends completed or at the deadline. */
  protected windDown(): void {
    if (this.state === 'joining' || this.state === 'running') return this.maybeClose(Date.now());
    this.abort();
  }

  /** Hard stop: stop the connection now, without waiting; what it cuts is counted as interrupted. */
  abort(): void {
    if (this.state === 'ended') return;
    this.stopping = true;
    this.cutting = true;
    if (this.state === 'connecting' || this.state === 'reconnecting') this.c.interrupted('connect');
    this.attempt++;
    this.conn?.stop().catch(() => undefined);
    this.finish(false);
  }

  protected connect(): void {
    const my = ++this.attempt;
    this.state = 'connecting';
    this.hooks.connecting(true);
    this.tlsCode = undefined;
    const conn = this.c.newConnection(this, this.onTls);
    this.conn = conn;
    for (const [method, handler] of this.c.handlers) conn.on(method, handler);
    conn.onclose((err) => this.onClose(my, err));
    if (this.c.reconnects) {
      conn.onreconnecting((err) => this.onReconnecting(my, err));
      conn.onreconnected((id) => this.onReconnected(my, id));
    }
    const t0 = performance.now();
    this.connectDeadline = Date.now() + this.c.connectTimeoutMs;
    this.c.scheduler.schedule(this, this.connectDeadline);
    conn.start().then(
      () => this.onStarted(my, t0),
      (err: unknown) => this.onStartFailed(my, err),
    );
  }

  private onStarted(my: number, t0: number): void {
    if (my !== this.attempt || this.state !== 'connecting') return;
    this.c.sink.add('signalr_connecting', performance.now() - t0, this.c.tags);
    this.hooks.connecting(false);
    this.hooks.opened();
    this.connectionId = this.conn?.connectionId ?? null;
    this.c.scheduler.cancel(this);
    void this.runJoin(my).then(() => {
      if (my !== this.attempt || this.state !== 'joining') return;
      this.state = 'running';
      const now = Date.now();
      const steps = this.c.steps;
      if (steps.length) this.nextDue = steps.map((s) => now + Math.random() * s.everyMs); // spread VUs over each interval
      this.scheduleNext(now);
    });
  }

  private onStartFailed(my: number, err: unknown): void {
    if (my !== this.attempt || this.state !== 'connecting') return;
    this.hooks.connecting(false);
    this.error(this.tlsCode !== undefined ? 'tls' : classifyError(err, 'transport'), err);
    this.retryOrEnd();
  }

  private async runJoin(my: number): Promise<void> {
    this.state = 'joining';
    let calls: HubCall[];
    try { calls = this.c.join(this); } catch (err) { calls = []; this.c.errors.record(err, 'join'); }
    for (const call of calls) {
      if (my !== this.attempt || this.stopping) return;
      await this.invoke(call.method, call.args ?? [], this.c.methodTags(call.method));
    }
  }

  /** Sends an invocation; resolves when it completed, failed or timed out (never rejects). */
  private invoke(method: string, args: unknown[], tags: TagSet): Promise<void> {
    const conn = this.conn;
    if (!conn) return Promise.resolve();
    return new Promise<void>((resolve) => {
      const p: Pending = { start: performance.now(), deadline: Date.now() + this.c.invokeTimeoutMs, tags, done: false, resolve };
      this.pending.push(p);
      this.c.sink.add('signalr_invocations', 1, tags);
      conn.invoke(method, ...args).then(() => this.settle(p, true), (err: unknown) => this.settle(p, false, 'invoke', err));
    });
  }

  private settle(p: Pending, ok: boolean, cause?: SignalRErrorCause, err?: unknown): void {
    if (p.done) return;
    p.done = true;
    const i = this.pending.indexOf(p);
    if (i >= 0) {
      if (this.pending.length === 1) this.pending = []; // an empty literal holds no backing store
      else this.pending.splice(i, 1);
    }
    if (!ok && this.cutting) this.c.interrupted('invoke'); // cut by loadcert's stop: not the system's failure
    else {
      if (ok) this.c.sink.add('signalr_invoke_duration', performance.now() - p.start, p.tags);
      this.c.sink.add('signalr_invoke_failed', ok ? 0 : 1, p.tags);
      if (!ok && cause) this.error(cause, err);
    }
    p.resolve();
    if (this.stopping && this.state !== 'ended') this.maybeClose(Date.now());
  }

  /** Fire-and-forget send; a graceful stop waits for it; a failure after loadcert began closing is interrupted, not an error. */
  private send(method: string, args: unknown[], tags: TagSet): void {
    const conn = this.conn;
    if (!conn) return;
    this.c.sink.add('signalr_messages_sent', 1, tags);
    this.sending++;
    conn.send(method, ...args).then(
      () => this.sent(),
      (err: unknown) => {
        if (this.cutting) this.c.interrupted('send');
        else this.error('invoke', err);
        this.sent();
      },
    );
  }

  private sent(): void {
    this.sending--;
    if (this.stopping && this.state !== 'ended') this.maybeClose(Date.now());
  }

  /** Wheel callback: retry delay, connect deadline, invoke timeouts, stop deadline, loop steps. */
  fire(now: number): void {
    if (this.state === 'waiting') return this.connect();
    if (this.state === 'connecting') {
      if (now < this.connectDeadline) return this.c.scheduler.schedule(this, this.connectDeadline);
      this.attempt++; // the late outcome of this attempt is ignored
      this.conn?.stop().catch(() => undefined);
      this.hooks.connecting(false);
      this.error('timeout');
      return this.retryOrEnd();
    }
    if (this.state === 'closing') { if (now >= this.closeCut) this.finish(false); else this.c.scheduler.schedule(this, this.closeCut); return; }
    for (const p of [...this.pending]) if (p.deadline <= now) this.settle(p, false, 'timeout');
    if (this.stopping) return this.maybeClose(now);
    if (this.state === 'running') {
      const steps = this.c.steps;
      for (let i = 0; i < steps.length; i++) {
        if (this.nextDue[i] > now) continue;
        const s = steps[i];
        this.iteration++;
        const args = this.argsOf(s);
        if (args && s.kind === 'invoke') void this.invoke(s.method, args, s.tags);
        else if (args) this.send(s.method, args, s.tags);
        this.nextDue[i] += s.everyMs;
        if (this.nextDue[i] < now - s.everyMs) this.nextDue[i] = now + s.everyMs; // far behind: skip, never burst
      }
    }
    this.scheduleNext(now);
  }

  /** The step's arguments, or undefined when the scenario's args function threw (counted; nothing is sent). */
  private argsOf(s: SignalRSessionConfig['steps'][number]): unknown[] | undefined {
    try { return s.args(this); } catch (err) { this.c.errors.record(err, `args of ${s.kind} ${s.method}`); return undefined; }
  }

  private scheduleNext(now: number): void {
    let due = Infinity;
    if (this.state === 'running') for (const d of this.nextDue) if (d < due) due = d;
    for (const p of this.pending) if (p.deadline < due) due = p.deadline;
    if (due !== Infinity) this.c.scheduler.schedule(this, Math.max(due, now));
  }

  private maybeClose(now: number): void {
    if (this.state === 'closing' || this.state === 'ended') return;
    if ((this.pending.length || this.sending) && now < this.stopDeadline) {
      let due = this.stopDeadline;
      for (const p of this.pending) if (p.deadline < due) due = p.deadline;
      return this.c.scheduler.schedule(this, due);
    }
    this.cutting = true; // whatever is still in flight now is cut by loadcert's stop
    this.state = 'closing';
    this.attempt++;
    const conn = this.conn;
    if (!conn) return this.finish(false);
    conn.stop().catch(() => undefined).finally(() => this.finish(false));
    this.closeCut = now + 5000; // a stop that never completes is cut
    this.c.scheduler.schedule(this, this.closeCut);
  }

  private onReconnecting(my: number, err: Error | undefined): void {
    if (my !== this.attempt || this.stopping) return;
    this.error(classifyError(err, 'closed'), err);
    this.state = 'reconnecting';
    this.hooks.closed(true);
  }

  private onReconnected(my: number, id: string | undefined): void {
    if (my !== this.attempt || this.stopping) return;
    this.c.sink.add('signalr_reconnects', 1, this.c.tags);
    this.connectionId = id ?? null;
    this.hooks.opened();
    void this.runJoin(my).then(() => {
      if (my !== this.attempt || this.state !== 'joining') return;
      this.state = 'running';
      this.scheduleNext(Date.now());
    });
  }

  private onClose(my: number, err: Error | undefined): void {
    if (my !== this.attempt || this.state === 'ended') return;
    const wasReconnecting = this.state === 'reconnecting';
    this.hooks.closed(false);
    if (this.stopping) return this.finish(false);
    this.error(wasReconnecting ? 'reconnect' : classifyError(err, 'closed'), err ?? new Error('connection closed by the server without an error'));
    this.retryOrEnd();
  }

  private retryOrEnd(): void {
    this.conn = undefined;
    this.connectionId = null;
    for (const p of [...this.pending]) this.settle(p, false, 'invoke');
    if (this.stopping || this.c.retryDelayMs === undefined) return this.finish(!this.stopping);
    this.state = 'waiting';
    this.c.scheduler.schedule(this, Date.now() + this.c.retryDelayMs);
  }

  private error(cause: SignalRErrorCause, err?: unknown): void {
    this.c.sink.add('signalr_errors', 1, this.c.errorTags(cause, cause === 'tls' ? this.tlsCode ?? tlsFailureCode(err) ?? 'tls' : undefined));
    this.c.explain(cause, err);
  }

  private finish(permanent: boolean): void {
    if (this.state === 'ended') return;
    this.state = 'ended';
    this.c.scheduler.cancel(this);
    this.conn = undefined;
    for (const p of this.pending) {
      if (this.cutting) this.c.interrupted('invoke');
      p.done = true;
      p.resolve();
    }
    this.pending = [];
    this.hooks.ended(permanent);
  }
}
