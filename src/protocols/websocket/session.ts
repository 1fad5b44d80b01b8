// One WebSocket virtual user: opens a connection, runs its exchanges, sends on the shared wheel, matches replies.
import { WebSocket, type RawData } from 'ws';
import { performance } from 'node:perf_hooks';
import type { SessionHooks } from '../sessions/session-pool.ts';
import { SessionBase } from '../sessions/session-base.ts';
import type { WsSessionConfig } from './session-config.ts';
import type { WsErrorCause } from './metrics.ts';
import { WsPinger } from './pinger.ts';

type State = 'connecting' | 'exchanging' | 'open' | 'waiting' | 'closing';

/** A WebSocket session driven by the shared wheel; emits raw ws_* samples only. */
export class WsSession extends SessionBase<State> {
  private ws: WebSocket | undefined;
  private connectStart = 0;
  private openedAt = 0;
  private seq = 0;
  private nextSend = 0;
  private closeSent = false;
  private closeCut = 0;
  private errored = false;
  private everOpened = false;
  private exchangeIndex = -1;
  private exchangeSentAt = 0;
  private exchangeDeadline = 0;
  private readonly pendSeq: number[] = [];
  private readonly pendAt: number[] = [];
  /** Ping frames and ws_ping, when the workload has a pingInterval. */
  private readonly pinger: WsPinger | undefined;
  constructor(private readonly c: WsSessionConfig, readonly vu: number, private readonly hooks: SessionHooks) {
    super();
    this.pinger = c.pingIntervalMs > 0 ? new WsPinger(c) : undefined;
  }

  /** True while the connection is open. */
  get open(): boolean {
    return this.state === 'exchanging' || this.state === 'open' || this.state === 'closing';
  }

  /** Graceful stop: no new messages; close once replies are in or at the deadline. */
  protected windDown(): void {
    this.pinger?.halt();
    if (this.state === 'connecting') this.c.interrupted('connect');
    if (this.state === 'connecting' || this.state === 'waiting' || this.state === 'idle') return this.finish(true);
    this.maybeClose();
  }

  /** Hard stop: drop the socket now. */
  abort(): void {
    if (this.state === 'ended') return;
    if (this.state === 'connecting') this.c.interrupted('connect');
    this.stopping = true;
    this.finish(true);
  }

  protected connect(): void {
    this.state = 'connecting';
    this.errored = false;
    this.closeSent = false;
    this.hooks.connecting(true);
    this.connectStart = performance.now();
    const ws = new WebSocket(this.c.url, this.c.subprotocols, {
      headers: this.c.headers,
      handshakeTimeout: this.c.connectTimeoutMs,
      perMessageDeflate: false,
      ...this.c.tlsOptions,
    });
    this.ws = ws;
    ws.on('open', () => this.onOpen());
    ws.on('message', (data, isBinary) => this.onMessage(data, isBinary));
    if (this.pinger) ws.on('pong', (data) => { if (ws === this.ws) { this.pinger!.pong(data); if (this.stopping) this.maybeClose(); } });
    ws.on('close', (code) => this.onClose(ws, code));
    ws.on('error', (err: NodeJS.ErrnoException) => this.onError(err));
    ws.on('unexpected-response', (_req, res) => {
      this.fail('connect', res.statusCode ?? 'http');
      res.resume();
      ws.terminate();
    });
  }

  private onOpen(): void {
    if (this.state !== 'connecting') return;
    const now = performance.now();
    this.c.sink.add('ws_connecting', now - this.connectStart, this.c.tags);
    this.c.sink.add('ws_sessions', 1, this.c.tags);
    if (this.everOpened) this.c.sink.add('ws_reconnects', 1, this.c.tags);
    this.everOpened = true;
    this.openedAt = now;
    this.hooks.connecting(false);
    this.hooks.opened();
    if (this.stopping) { this.state = 'open'; return this.maybeClose(); }
    this.pinger?.attach(this.ws!);
    if (this.c.exchanges.length) { this.state = 'exchanging'; this.exchangeIndex = -1; this.nextExchange(); return; }
    this.beginPeriodic();
  }

  private beginPeriodic(): void {
    this.state = 'open';
    if (this.c.intervalMs > 0) {
      this.nextSend = Date.now() + Math.random() * this.c.intervalMs; // spread connections over the interval
      this.c.scheduler.schedule(this, this.nextSend);
    }
  }

  private nextExchange(): void {
    this.exchangeIndex++;
    const x = this.c.exchanges[this.exchangeIndex];
    if (!x || this.stopping) { this.exchangeIndex = -1; return this.stopping ? this.maybeClose() : this.beginPeriodic(); }
    let text: string;
    try { text = x.send({ vu: this.vu, seq: ++this.seq }); } catch (err) {
      this.c.errors.record(err, `send of exchange ${x.tags.tags.name}`);
      return this.nextExchange();
    }
    this.exchangeSentAt = performance.now();
    this.exchangeDeadline = Date.now() + x.timeoutMs;
    this.sendText(text);
    this.c.scheduler.schedule(this, this.exchangeDeadline);
  }

  /** Wheel callback: reconnect delay, close cut-off, stop deadline, exchange deadline, periodic send. */
  fire(now: number): void {
    if (this.state === 'waiting') return this.connect();
    if (this.closeSent) {
      if (now >= this.closeCut) this.finish(true);
      else this.c.scheduler.schedule(this, this.closeCut);
      return;
    }
    if (this.stopping) {
      this.expireReplies();
      return this.maybeClose();
    }
    if (this.state === 'exchanging') {
      if (now >= this.exchangeDeadline) {
        this.c.sink.add('ws_errors', 1, this.c.errorTags('expect_timeout', this.c.exchanges[this.exchangeIndex]?.tags.tags.name ?? ''));
        this.nextExchange();
      } else this.c.scheduler.schedule(this, this.exchangeDeadline);
      return;
    }
    if (this.state !== 'open' || this.c.intervalMs <= 0) return;
    this.expireReplies();
    this.sendPeriodic();
    this.nextSend += this.c.intervalMs;
    if (this.nextSend < now - this.c.intervalMs) this.nextSend = now; // far behind: skip, never burst
    this.c.scheduler.schedule(this, this.nextSend);
  }

  private sendPeriodic(): void {
    const seq = ++this.seq;
    const corr = this.c.correlation;
    let text: string;
    try {
      const payload = this.c.payload({ vu: this.vu, seq });
      text = typeof corr === 'object' ? corr.encode(payload, seq) : payload;
    } catch (err) {
      return this.c.errors.record(err, 'payload');
    }
    if (corr !== 'none') { this.pendSeq.push(seq); this.pendAt.push(performance.now()); }
    this.sendText(text);
  }

  private sendText(text: string): void {
    this.ws!.send(text);
    this.c.sink.add('ws_msgs_sent', 1, this.c.tags);
  }

  private expireReplies(): void {
    if (!this.pendAt.length) return;
    const limit = performance.now() - this.c.replyTimeoutMs;
    while (this.pendAt.length && this.pendAt[0] < limit) {
      this.pendAt.shift();
      this.pendSeq.shift();
      this.c.sink.add('ws_errors', 1, this.c.errorTags('timeout', 'reply'));
    }
  }

  private onMessage(data: RawData, isBinary: boolean): void {
    const now = performance.now();
    this.c.sink.add('ws_msgs_received', 1, this.c.tags);
    const corr = this.c.correlation;
    const needText = this.state === 'exchanging' || typeof corr === 'object';
    const text = needText && !isBinary ? data.toString() : '';
    if (this.state === 'exchanging') {
      const x = this.c.exchanges[this.exchangeIndex];
      let ok = false;
      try { ok = !!x && x.expect(text); } catch (err) { ok = false; this.c.errors.record(err, `expect of exchange ${x.tags.tags.name}`); }
      if (ok) {
        this.c.sink.add('ws_msg_rtt', now - this.exchangeSentAt, x.tags);
        this.nextExchange();
      }
      return;
    }
    if (!this.pendAt.length) return;
    if (corr === 'order') return this.matched(0, now);
    if (typeof corr === 'object') {
      let id: number | undefined;
      try { id = corr.decode(text); } catch (err) { id = undefined; this.c.errors.record(err, 'correlation.decode'); }
      if (id === undefined) return;
      const i = this.pendSeq.indexOf(id);
      if (i >= 0) this.matched(i, now);
    }
  }

  private matched(i: number, now: number): void {
    this.c.sink.add('ws_msg_rtt', now - this.pendAt[i], this.c.tags);
    if (i === 0) { this.pendAt.shift(); this.pendSeq.shift(); } else { this.pendAt.splice(i, 1); this.pendSeq.splice(i, 1); }
    if (this.stopping) this.maybeClose();
  }

  /** While stopping: close once no reply or exchange is outstanding, or at the stop deadline. */
  private maybeClose(): void {
    if (this.state === 'ended' || this.closeSent) return;
    const waiting = this.pendAt.length > 0 || this.state === 'exchanging' || (this.pinger?.pending ?? 0) > 0;
    if (!waiting || Date.now() >= this.stopDeadline) return this.close();
    this.c.scheduler.schedule(this, Math.min(this.stopDeadline, Date.now() + 100));
  }

  private close(): void {
    const ws = this.ws;
    if (!ws || ws.readyState === WebSocket.CLOSED) return this.finish(false);
    this.state = 'closing';
    this.closeSent = true;
    ws.close(1000);
    // the close event ends the session; a peer that never answers the close frame is cut after 2 s
    this.closeCut = Date.now() + 2000;
    this.c.scheduler.schedule(this, this.closeCut);
  }

  private onError(err: NodeJS.ErrnoException): void {
    if (this.state === 'connecting') this.fail(/handshake has timed out/i.test(err.message) ? 'timeout' : 'connect', err.code ?? 'error');
    else if (!this.stopping) this.fail('error', err.code ?? 'error');
  }

  private fail(cause: WsErrorCause, code: string | number): void {
    if (this.errored || this.stopping) return; // after loadcert's stop began, a failure is its own cut (counted as interrupted)
    this.errored = true;
    this.c.sink.add('ws_errors', 1, this.c.errorTags(cause, code));
  }

  private onClose(ws: WebSocket, code: number): void {
    if (ws !== this.ws || this.state === 'ended') return;
    const wasOpen = this.open;
    if (wasOpen) {
      this.c.sink.add('ws_session_duration', performance.now() - this.openedAt, this.c.tags);
      this.hooks.closed(!this.stopping && this.c.reconnect);
    }
    this.hooks.connecting(false);
    this.ws = undefined;
    this.pinger?.detach(this.stopping);
    if (this.stopping) { this.cutPending(); return this.finish(false); }
    this.pendAt.length = 0;
    this.pendSeq.length = 0;
    if (wasOpen) this.fail('closed', code);
    else this.fail('connect', code);
    if (!this.c.reconnect) return this.finish(false, true);
    this.state = 'waiting';
    this.c.scheduler.schedule(this, Date.now() + this.c.reconnectDelayMs);
  }

  /** Messages awaiting their reply and a running exchange, cut by loadcert's stop: counted as interrupted. */
  private cutPending(): void {
    for (let i = 0; i < this.pendAt.length; i++) this.c.interrupted('send');
    if (this.exchangeIndex >= 0 && this.exchangeIndex < this.c.exchanges.length) this.c.interrupted('exchange');
    this.exchangeIndex = -1;
    this.pendAt.length = 0;
    this.pendSeq.length = 0;
  }

  private finish(terminate: boolean, permanent = false): void {
    if (this.state === 'ended') return;
    if (this.stopping) this.cutPending();
    const wasOpen = this.open;
    this.state = 'ended';
    this.c.scheduler.cancel(this);
    this.pinger?.detach(this.stopping);
    if (this.ws) {
      if (wasOpen) this.c.sink.add('ws_session_duration', performance.now() - this.openedAt, this.c.tags);
      const ws = this.ws;
      this.ws = undefined;
      if (terminate || ws.readyState !== WebSocket.CLOSED) ws.terminate();
    }
    this.hooks.ended(permanent);
  }
}
