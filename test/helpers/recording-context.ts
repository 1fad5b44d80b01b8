// A sampler context for tests that keeps every value, warning and measurement failure a sampler reports.
import type { SamplerContext } from '../../src/contracts/sampler.ts';

/** A sampler context that keeps every value, warning and failure. */
export function recordingContext(): SamplerContext & { values: Map<string, number[]>; warnings: string[]; failures: Array<{ source: string; cause: string }> } {
  const values = new Map<string, number[]>();
  const warnings: string[] = [];
  const failures: Array<{ source: string; cause: string }> = [];
  return {
    values, warnings, failures,
    sink: { add: (m, v) => { let a = values.get(m); if (!a) values.set(m, (a = [])); a.push(v); } },
    warn: (m) => warnings.push(m),
    fail: (f) => failures.push(f),
    signal: new AbortController().signal,
  };
}
