// A sampling run without the CLI for the docker tests: samplers feed a MetricStore (and a recorder),
// and the resource thresholds of thresholds.json are evaluated on what they measured.
import { readFileSync } from 'node:fs';
import { MetricRegistry } from '../../src/metrics/registry.ts';
import { MetricStore } from '../../src/metrics/store.ts';
import type { SampleSink, TagSet } from '../../src/contracts/metric-types.ts';
import { RESOURCE_METRICS, createSamplers, startSamplers, type ResourceOptions } from '../../src/resources/index.ts';
import { ThresholdEvaluator, checkThresholds, type ThresholdOutcome } from '../../src/thresholds/index.ts';
import { RecordingSink } from '../unit/resources/helpers.ts';

const THRESHOLDS_FILE = new URL('../../thresholds.json', import.meta.url);

/** A running set of samplers with everything they measured. */
export interface SamplingRun {
  readonly store: MetricStore;
  readonly recorded: RecordingSink;
  readonly warnings: string[];
  /** Stops the samplers (idempotent). */
  stop(): Promise<void>;
  /** Outcome of the resource threshold on `metric` (from thresholds.json), restricted to `container`. */
  threshold(metric: string, container: string): ThresholdOutcome;
}

/** Starts the samplers `createSamplers(opts)` returns, as the runner does. */
export async function startSampling(opts: ResourceOptions): Promise<SamplingRun> {
  const registry = new MetricRegistry(RESOURCE_METRICS);
  const store = new MetricStore(registry);
  const recorded = new RecordingSink();
  const warnings: string[] = [];
  const sink: SampleSink = { add(m: string, v: number, t: TagSet, time?: number) { store.add(m, v, t); recorded.add(m, v, t, time); } };
  const ctrl = new AbortController();
  const started = Date.now();
  const stopAll = await startSamplers(createSamplers(opts), { sink, warn: (m) => void warnings.push(m), signal: ctrl.signal });
  return {
    store, recorded, warnings,
    async stop() { ctrl.abort(); await stopAll(); },
    threshold(metric, container) {
      const map = JSON.parse(readFileSync(THRESHOLDS_FILE, 'utf8')) as Record<string, unknown>;
      const { thresholds, issues } = checkThresholds({ [`${metric}{container:${container}}`]: map[metric] }, 'thresholds.json', registry);
      if (issues.length) throw new Error(JSON.stringify(issues));
      return new ThresholdEvaluator(thresholds, store).evaluate(Date.now() - started)[0];
    },
  };
}
