// What the PostgreSQL and Redis probes share: connect, read once per interval, emit deltas, count and report failures.
import type { MetricDef } from '../contracts/metric-types.ts';
import { NO_TAGS } from '../metrics/tagset.ts';
import type { Sampler, SamplerContext } from '../contracts/sampler.ts';
import { startTicker, type Ticker } from './interval.ts';

/** A URL with its password (and any query string) left out, safe to print: `postgresql://docs@127.0.0.1:5432/docs`. */
export function redactUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    u.search = '';
    return u.toString();
  } catch {
    return '(unparsable URL)';
  }
}

/**
 * A probe of one service: `start` connects and takes a baseline reading (throwing when it cannot, which
 * startSamplers turns into a measurement failure); each interval reads again and emits what changed
 * since the previous reading. A reading that fails closes the connection, counts one failure
 * (`<name>_connection_failures`), records a measurement failure once (the evidence has a gap) and the
 * next interval reconnects and takes a new baseline.
 */
export abstract class ServiceProbe<R> implements Sampler {
  abstract readonly name: string;
  abstract readonly metrics: readonly MetricDef[];
  /** Failed connections or readings since start. */
  failures = 0;
  private ticker: Ticker | undefined;
  private ctx: SamplerContext | undefined;
  private prev: { reading: R; at: number } | undefined;
  private connected = false;
  private reported = false;

  constructor(protected readonly intervalMs: number, protected readonly where: string) {}

  /** Opens the connection (rejects when the service cannot be reached). */
  protected abstract connect(): Promise<void>;
  /** Closes the connection; never rejects. */
  protected abstract close(): Promise<void>;
  /** One reading of the service's counters and gauges. */
  protected abstract read(): Promise<R>;
  /** Emits the metrics of `cur` and the deltas since `prev` over `seconds`; `t` is the epoch ms of the reading. */
  protected abstract emit(prev: R, cur: R, seconds: number, t: number, ctx: SamplerContext): void;
  /** Called once after the baseline reading, e.g. to warn about a missing extension. */
  protected afterBaseline(_first: R, _ctx: SamplerContext): void {}

  /** Connects and takes the baseline reading, then starts the ticker; rejects naming the service when it cannot. */
  async start(ctx: SamplerContext): Promise<void> {
    this.ctx = ctx;
    try {
      await this.connect();
      this.connected = true;
      const first = await this.read();
      this.prev = { reading: first, at: performance.now() };
      this.afterBaseline(first, ctx);
    } catch (err) {
      this.failures++;
      await this.close();
      this.connected = false;
      throw new Error(`cannot read ${this.where}: ${(err as Error).message}`);
    }
    ctx.sink.add(`${this.name}_connection_failures`, 0, NO_TAGS, Date.now());
    this.ticker = startTicker(this.intervalMs, () => this.sample(), () => {});
  }

  /** Stops the ticker and closes the connection; safe to call twice. */
  async stop(): Promise<void> {
    this.ticker?.stop();
    this.ticker = undefined;
    if (this.connected) await this.close();
    this.connected = false;
  }

  private async sample(): Promise<void> {
    const ctx = this.ctx;
    if (!ctx || !this.ticker) return;
    try {
      if (!this.connected) {
        await this.connect();
        this.connected = true;
      }
      const reading = await this.read();
      const at = performance.now();
      const t = Date.now();
      if (this.prev) this.emit(this.prev.reading, reading, (at - this.prev.at) / 1000, t, ctx);
      this.prev = { reading, at };
      ctx.sink.add(`${this.name}_connection_failures`, this.failures, NO_TAGS, t);
    } catch (err) {
      if (!this.ticker) return; // stopped while reading
      this.failures++;
      this.prev = undefined; // the counters may restart with the server: take a new baseline
      if (this.connected) await this.close();
      this.connected = false;
      ctx.sink.add(`${this.name}_connection_failures`, this.failures, NO_TAGS, Date.now());
      if (!this.reported) {
        this.reported = true;
        const cause = `${this.name} probe lost ${this.where}: ${(err as Error).message}: its metrics have a gap from ${new Date().toISOString()}`;
        if (ctx.fail) ctx.fail({ source: this.name, kind: 'sampler', cause });
        else ctx.warn(cause);
      }
    }
  }
}

/** `cur - prev` of a counter, or undefined when it went backwards (the service restarted). */
export function counterDelta(prev: number, cur: number): number | undefined {
  const d = cur - prev;
  return d >= 0 ? d : undefined;
}
