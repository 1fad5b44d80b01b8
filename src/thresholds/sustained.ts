// Rolling windows for sustained(window) thresholds: the highest average of per-second values over the window.
import type { MetricType, SeriesValues } from '../contracts/metric-types.ts';

/**
 * Combines the per-second values of every series matching a selector into one per-second value:
 * counter -> summed count (per second, so a rate); gauge -> max value; rate -> pooled passes / (passes + fails);
 * trend -> avg weighted by count. Undefined when no series has data that second.
 */
export function combineSecond(type: MetricType, parts: readonly SeriesValues[]): number | undefined {
  if (!parts.length) return undefined;
  switch (type) {
    case 'counter': return parts.reduce((s, p) => s + (p.count ?? 0), 0);
    case 'gauge': return Math.max(...parts.map((p) => p.value ?? -Infinity));
    case 'rate': {
      let passes = 0; let total = 0;
      for (const p of parts) { passes += p.passes ?? 0; total += (p.passes ?? 0) + (p.fails ?? 0); }
      return total ? passes / total : undefined;
    }
    case 'trend': {
      let sum = 0; let count = 0;
      for (const p of parts) { sum += (p.avg ?? 0) * (p.count ?? 0); count += p.count ?? 0; }
      return count ? sum / count : undefined;
    }
  }
}

/**
 * Tracks the highest rolling average of per-second values over a window of whole seconds. Memory is
 * one number per second of the window. When the run is shorter than the window, the result is the
 * average over the whole run.
 */
export class RollingMax {
  /** Window length in whole seconds (at least 1). */
  readonly seconds: number;
  private readonly entries: Array<{ sec: number; v: number }> = [];
  private windowSum = 0;
  private firstSec: number | undefined;
  private lastSec: number | undefined;
  private best: number | undefined;
  private runSum = 0;
  private runCount = 0;

  /** A window of `windowMs` rounded to whole seconds, at least one. */
  constructor(windowMs: number) {
    this.seconds = Math.max(1, Math.round(windowMs / 1000));
  }

  /** Adds the second starting at `t` (epoch ms); `value` undefined means the series had no data that second. */
  push(t: number, value: number | undefined): void {
    const sec = Math.round(t / 1000);
    this.firstSec ??= sec;
    this.lastSec = sec;
    const oldest = sec - this.seconds + 1;
    while (this.entries.length && this.entries[0].sec < oldest) this.windowSum -= this.entries.shift()!.v;
    if (!this.entries.length) this.windowSum = 0; // drop accumulated rounding error
    if (value !== undefined && Number.isFinite(value)) {
      this.entries.push({ sec, v: value });
      this.windowSum += value;
      this.runSum += value;
      this.runCount++;
    }
    if (this.full && this.entries.length) {
      const avg = this.windowSum / this.entries.length;
      if (this.best === undefined || avg > this.best) this.best = avg;
    }
  }

  /** True once the seconds seen span at least one whole window. */
  get full(): boolean {
    return this.firstSec !== undefined && this.lastSec !== undefined && this.lastSec - this.firstSec + 1 >= this.seconds;
  }

  /** Highest window average; when no full window was seen, the average of every value; undefined without values. */
  value(): number | undefined {
    if (this.best !== undefined) return this.best;
    return this.runCount ? this.runSum / this.runCount : undefined;
  }

  /** Number of per-second values received. */
  get samples(): number {
    return this.runCount;
  }
}
