// The host sampler: CPU %, memory %, load average and the free space of chosen filesystems.
import os from 'node:os';
import { statfs } from 'node:fs/promises';
import type { Sampler, SamplerContext } from '../contracts/sampler.ts';
import type { TagSet } from '../contracts/metric-types.ts';
import { NO_TAGS, tagSet } from '../metrics/tagset.ts';
import { HOST_METRICS } from './metrics.ts';
import { startTicker, type Ticker } from './interval.ts';
import { readHostCpu, readHostMemoryPercent, type HostCpuTimes } from './proc.ts';

/** Filesystems sampled when the scenario names none. */
export const DEFAULT_DISKS: readonly string[] = ['/'];

/** Free space of the filesystem holding `path`: % and bytes available to unprivileged users (as `df` Avail). */
export async function diskFree(path: string): Promise<{ percent: number; bytes: number } | undefined> {
  try {
    const s = await statfs(path);
    if (!s.blocks) return undefined;
    return { percent: (s.bavail / s.blocks) * 100, bytes: s.bavail * s.bsize };
  } catch {
    return undefined;
  }
}

/** Samples the host; see HOST_METRICS. */
export class HostSampler implements Sampler {
  readonly name = 'host';
  readonly metrics = HOST_METRICS;
  private readonly disks: Array<{ path: string; tags: TagSet; warned: boolean }>;
  private prevCpu: HostCpuTimes | undefined;
  private ticker: Ticker | undefined;
  private ctx: SamplerContext | undefined;

  constructor(disks: readonly string[], private readonly intervalMs: number) {
    this.disks = [...new Set(disks)].map((path) => ({ path, tags: tagSet({ path }), warned: false }));
  }

  /** Reads the CPU counters once (the first CPU figure then covers one interval) and starts the ticker. */
  async start(ctx: SamplerContext): Promise<void> {
    this.ctx = ctx;
    this.prevCpu = await readHostCpu();
    this.ticker = startTicker(this.intervalMs, () => this.sample(), () => {});
  }

  /** Stops the ticker; safe to call twice. */
  async stop(): Promise<void> {
    this.ticker?.stop();
    this.ticker = undefined;
  }

  private async sample(): Promise<void> {
    const ctx = this.ctx;
    if (!ctx) return;
    const t = Date.now();
    const cpu = await readHostCpu();
    if (cpu && this.prevCpu && cpu.total > this.prevCpu.total) {
      const busy = 1 - (cpu.idle - this.prevCpu.idle) / (cpu.total - this.prevCpu.total);
      ctx.sink.add('host_cpu_percent', Math.min(100, Math.max(0, busy * 100)), NO_TAGS, t);
    }
    if (cpu) this.prevCpu = cpu;
    const mem = await readHostMemoryPercent();
    if (mem !== undefined) ctx.sink.add('host_memory_percent', mem, NO_TAGS, t);
    ctx.sink.add('host_load1', os.loadavg()[0], NO_TAGS, t);
    for (const d of this.disks) {
      const free = await diskFree(d.path);
      if (!free) {
        if (!d.warned) ctx.warn(`host sampler: cannot read the free space of "${d.path}": host_disk_free_* of it are missing`);
        d.warned = true;
        continue;
      }
      ctx.sink.add('host_disk_free_percent', free.percent, d.tags, t);
      ctx.sink.add('host_disk_free_bytes', free.bytes, d.tags, t);
    }
  }
}
