// Test helpers for the resource samplers: a sink that records every sample and a sampler context.
import type { SampleSink, TagSet } from '../../../src/contracts/metric-types.ts';
import type { SamplerContext } from '../../../src/contracts/sampler.ts';

/** One recorded sample. */
export interface Recorded {
  metric: string;
  value: number;
  tags: TagSet;
  time?: number;
}

/** A SampleSink that keeps every sample, with lookups by metric and tag. */
export class RecordingSink implements SampleSink {
  readonly samples: Recorded[] = [];
  add(metric: string, value: number, tags: TagSet, time?: number): void {
    this.samples.push({ metric, value, tags, time });
  }
  /** Values of `metric` whose tags include `selector`. */
  values(metric: string, selector: Record<string, string> = {}): number[] {
    return this.samples
      .filter((s) => s.metric === metric && Object.entries(selector).every(([k, v]) => s.tags.tags[k] === v))
      .map((s) => s.value);
  }
  /** Largest value of `metric` (−Infinity when none). */
  max(metric: string, selector: Record<string, string> = {}): number {
    return Math.max(...this.values(metric, selector));
  }
}

/** A sampler context recording samples and warnings; `abort()` ends the run. */
export function testContext(): SamplerContext & { sink: RecordingSink; warnings: string[]; failures: Array<{ source: string; kind: string; cause: string }>; abort(): void } {
  const ctrl = new AbortController();
  const warnings: string[] = [];
  const failures: Array<{ source: string; kind: string; cause: string }> = [];
  return { sink: new RecordingSink(), warnings, failures, warn: (m) => void warnings.push(m), fail: (f) => void failures.push(f), signal: ctrl.signal, abort: () => ctrl.abort() };
}

/** Resolves after `ms`. */
export function sleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}

/** Polls `cond` every 100 ms until it holds or `timeoutMs` passes; returns whether it held. */
export async function waitFor(cond: () => boolean, timeoutMs: number): Promise<boolean> {
  const end = Date.now() + timeoutMs;
  while (Date.now() < end) {
    if (cond()) return true;
    await sleep(100);
  }
  return cond();
}
