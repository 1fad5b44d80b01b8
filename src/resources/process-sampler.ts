// The process sampler: CPU, RSS, open fds and threads of processes on this machine, read from /proc.
import type { Sampler, SamplerContext } from '../contracts/sampler.ts';
import type { TagSet } from '../contracts/metric-types.ts';
import { tagSet } from '../metrics/tagset.ts';
import { PROCESS_METRICS } from './metrics.ts';
import { startTicker, type Ticker } from './interval.ts';
import { cmdlineMatcher, countFds, findPids, readPidStat, readRssBytes } from './proc.ts';

/** A process to follow: a PID, or a command-line substring / `/regex/`; `name` is its `process` tag. */
export interface ProcessTarget {
  pid?: number;
  match?: string;
  name?: string;
}

/** Tag value of a target: its name, else its match, else its PID. */
export function processLabel(t: ProcessTarget): string {
  return t.name ?? t.match ?? String(t.pid);
}

interface PidState { cpuSeconds: number; startTicks: number; at: number }

interface Followed {
  readonly target: ProcessTarget;
  readonly tags: TagSet;
  readonly matcher?: (cmdline: string) => boolean;
  pids: number[];
  scannedAt: number;
  prev: Map<number, PidState>;
  warned: boolean;
  /** True once a reading found the process alive. */
  seen: boolean;
}

/** Samples processes; a command-line match sums every matching PID (e.g. all workers of a server). */
export class ProcessSampler implements Sampler {
  readonly name = 'process';
  readonly metrics = PROCESS_METRICS;
  private readonly followed: Followed[];
  private ticker: Ticker | undefined;
  private ctx: SamplerContext | undefined;

  /** `rescanEveryMs`: how often command-line matches look for new PIDs (default 5000). */
  constructor(targets: readonly ProcessTarget[], private readonly intervalMs: number, private readonly rescanEveryMs = 5000) {
    this.followed = targets.map((target) => ({
      target,
      tags: tagSet({ process: processLabel(target) }),
      matcher: target.pid === undefined && target.match ? cmdlineMatcher(target.match) : undefined,
      pids: target.pid !== undefined ? [target.pid] : [],
      scannedAt: -Infinity,
      prev: new Map(),
      warned: false,
      seen: false,
    }));
  }

  /** Takes a first reading (so the first emitted CPU figure covers one interval) and starts the ticker. */
  async start(ctx: SamplerContext): Promise<void> {
    this.ctx = ctx;
    await this.sample(false).catch(() => {});
    this.ticker = startTicker(this.intervalMs, () => this.sample(true), () => {});
  }

  /** Stops the ticker; safe to call twice. A target never found running is a measurement failure. */
  async stop(): Promise<void> {
    if (!this.ticker) return;
    this.ticker.stop();
    this.ticker = undefined;
    for (const f of this.followed) {
      if (f.seen || !this.ctx) continue;
      const what = f.target.pid !== undefined ? `process ${f.target.pid} was never running` : `no running process ever matched "${f.target.match}"`;
      const cause = `process sampler: ${what}: process_* metrics of "${processLabel(f.target)}" are missing`;
      if (this.ctx.fail) this.ctx.fail({ source: 'process', kind: 'sampler', cause });
      else this.ctx.warn(cause);
    }
  }

  private async sample(emit: boolean): Promise<void> {
    for (const f of this.followed) await this.sampleOne(f, emit);
  }

  private async sampleOne(f: Followed, emit: boolean): Promise<void> {
    const now = performance.now();
    if (f.matcher && now - f.scannedAt >= this.rescanEveryMs) {
      f.pids = await findPids(f.matcher);
      f.scannedAt = now;
    }
    let cpu = 0;
    let cpuKnown = false;
    let rss = 0;
    let fds = 0;
    let threads = 0;
    let alive = 0;
    const next = new Map<number, PidState>();
    for (const pid of f.pids) {
      const st = await readPidStat(pid);
      if (!st) continue;
      alive++;
      const prev = f.prev.get(pid);
      if (prev && prev.startTicks === st.startTicks && now > prev.at) {
        cpu += ((st.cpuSeconds - prev.cpuSeconds) / ((now - prev.at) / 1000)) * 100;
        cpuKnown = true;
      }
      next.set(pid, { cpuSeconds: st.cpuSeconds, startTicks: st.startTicks, at: now });
      threads += st.threads;
      rss += (await readRssBytes(pid)) ?? 0;
      fds += (await countFds(pid)) ?? 0;
    }
    f.prev = next;
    if (!alive) {
      if (!f.warned && this.ctx) {
        f.warned = true;
        const what = f.target.pid !== undefined ? `process ${f.target.pid} is not running` : `no running process matches "${f.target.match}"`;
        this.ctx.warn(`process sampler: ${what}: process_* metrics of "${processLabel(f.target)}" are missing while it is absent`);
      }
      return;
    }
    f.warned = false;
    f.seen = true;
    if (!emit || !this.ctx) return;
    const sink = this.ctx.sink;
    const t = Date.now();
    if (cpuKnown) sink.add('process_cpu_percent', Math.max(0, cpu), f.tags, t);
    sink.add('process_rss_bytes', rss, f.tags, t);
    sink.add('process_open_fds', fds, f.tags, t);
    sink.add('process_threads', threads, f.tags, t);
  }
}
