// The load generator's own health: its CPU and event-loop delay, and a measurement failure when it was saturated.
import { monitorEventLoopDelay, type IntervalHistogram } from 'node:perf_hooks';
import { availableParallelism } from 'node:os';
import type { Sampler, SamplerContext } from '../contracts/sampler.ts';
import { NO_TAGS } from '../metrics/tagset.ts';
import { GENERATOR_METRICS } from './metrics.ts';
import { startTicker, type Ticker } from './interval.ts';

/** When the generator counts as saturated. */
export interface SaturationLimits {
  /** CPU of the generator above this % of one core per thread that drives load (default 90; see SamplerContext.generatorThreads). */
  cpuPercent: number;
  /** Event-loop delay p99 above this many ms (default 50). */
  loopDelayMs: number;
  /** ... for at least this long without a break (default 5000 ms) ... */
  forMs: number;
  /** ... or, added up (and at least `forMs` in total), for this share of the sampled time (default 0.1). */
  share: number;
}

/** Default saturation limits: > 90 % of a core or a p99 loop delay > 50 ms, for 5 s in a row, or 10 % of the run adding up to 5 s or more. */
export const DEFAULT_SATURATION: SaturationLimits = { cpuPercent: 90, loopDelayMs: 50, forMs: 5000, share: 0.1 };

/** Timer resolution of the event-loop monitor (ms); subtracted from its readings, which include it. */
const RESOLUTION_MS = 10;

/** Samples this process; warns once per run when it stayed saturated for `limits.forMs`. */
export class GeneratorSampler implements Sampler {
  readonly name = 'generator';
  readonly metrics = GENERATOR_METRICS;
  private readonly limits: SaturationLimits;
  private ticker: Ticker | undefined;
  private histogram: IntervalHistogram | undefined;
  private prevCpu: NodeJS.CpuUsage | undefined;
  private prevAt = 0;
  private startedAt = 0;
  private saturatedSince: number | undefined;
  private saturatedMs = 0;
  private samples = 0;
  private ctx: SamplerContext | undefined;
  private warned = false;
  private cpuLine = 0;
  private cores = 1;

  constructor(private readonly intervalMs: number, limits: Partial<SaturationLimits> = {}) {
    this.limits = { ...DEFAULT_SATURATION, ...limits };
  }

  /** Starts the event-loop monitor and the ticker. */
  start(ctx: SamplerContext): void {
    this.ctx = ctx;
    // Whole-process CPU against the cores its load threads can use: with --workers one busy thread is not the limit.
    this.cores = Math.max(1, Math.min(ctx.generatorThreads ?? 1, availableParallelism()));
    this.cpuLine = this.limits.cpuPercent * this.cores;
    this.startedAt = Date.now();
    this.histogram = monitorEventLoopDelay({ resolution: RESOLUTION_MS });
    this.histogram.enable();
    this.prevCpu = process.cpuUsage();
    this.prevAt = performance.now();
    this.ticker = startTicker(this.intervalMs, () => this.sample(ctx), () => {});
  }

  /** Stops the ticker and the event-loop monitor; safe to call twice. Saturated for `share` of the sampled time: a failure. */
  async stop(): Promise<void> {
    const sampledMs = this.samples * this.intervalMs;
    if (this.ticker && this.ctx && !this.warned && this.saturatedMs >= this.limits.forMs && this.saturatedMs >= this.limits.share * sampledMs) {
      this.warned = true;
      this.report(this.ctx, `the load generator was saturated for ${Math.round(this.saturatedMs / 1000)} s of ${Math.round(sampledMs / 1000)} s ` +
        `(${Math.round((this.saturatedMs / sampledMs) * 100)} %, the line is ${Math.round(this.limits.share * 100)} %): CPU above ${this.limits.cpuPercent} % of ${this.coresText} or event-loop delay p99 above ${this.limits.loopDelayMs} ms`);
    }
    this.ticker?.stop();
    this.ticker = undefined;
    this.histogram?.disable();
    this.histogram = undefined;
  }

  private get coresText(): string {
    return this.cores === 1 ? 'a core' : `each of ${this.cores} cores`;
  }

  /** True once the saturation failure was recorded. */
  get saturated(): boolean {
    return this.warned;
  }

  private sample(ctx: SamplerContext): void {
    const h = this.histogram;
    if (!h || !this.prevCpu) return;
    const at = performance.now();
    const cpu = process.cpuUsage(this.prevCpu);
    const cpuPercent = ((cpu.user + cpu.system) / 1000 / (at - this.prevAt)) * 100;
    this.prevCpu = process.cpuUsage();
    this.prevAt = at;
    const delayMs = h.count ? Math.max(0, h.percentile(99) / 1e6 - RESOLUTION_MS) : 0;
    h.reset();
    const t = Date.now();
    ctx.sink.add('generator_cpu_percent', cpuPercent, NO_TAGS, t);
    ctx.sink.add('generator_event_loop_delay_ms', delayMs, NO_TAGS, t);
    this.track(ctx, t, cpuPercent, delayMs);
  }

  private track(ctx: SamplerContext, t: number, cpuPercent: number, delayMs: number): void {
    // Waiting for --start-at is not load: a busy node starting sibling segments must not count against this one.
    if (ctx.loadStartsAt !== undefined && t - this.intervalMs < ctx.loadStartsAt) return;
    const hot = cpuPercent > this.cpuLine || delayMs > this.limits.loopDelayMs;
    this.samples++;
    if (!hot) { this.saturatedSince = undefined; return; }
    this.saturatedMs += this.intervalMs;
    // The interval that crossed the limit began one interval before this reading.
    this.saturatedSince ??= t - this.intervalMs;
    if (this.warned || t - this.saturatedSince < this.limits.forMs) return;
    this.warned = true;
    const since = new Date(this.saturatedSince).toISOString();
    const offset = Math.max(0, Math.round((this.saturatedSince - this.startedAt) / 1000));
    this.report(ctx,
      `the load generator was saturated (CPU above ${this.limits.cpuPercent} % of ${this.coresText} or event-loop delay p99 above ` +
        `${this.limits.loopDelayMs} ms for ${Math.round((t - this.saturatedSince) / 1000)} s in a row): figures after ${since} ` +
        `(${offset} s into the run) are the generator's, not the system's`,
    );
  }

  private report(ctx: SamplerContext, cause: string): void {
    if (ctx.fail) ctx.fail({ source: 'generator', kind: 'saturation', cause });
    else ctx.warn(cause);
  }
}
