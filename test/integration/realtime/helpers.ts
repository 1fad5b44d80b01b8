// Shared fixtures of the realtime integration tests: a demo target with the realtime extension, a real
// MetricStore as sink, and an EngineContext the way the runner builds one.
import { createDemoTarget } from '../../../src/target/index.ts';
import { createRealtimeExtension, type RealtimeExtension, type RealtimeExtensionOptions } from '../../../src/target/realtime/index.ts';
import { MetricRegistry } from '../../../src/metrics/registry.ts';
import { MetricStore } from '../../../src/metrics/store.ts';
import { tagSet } from '../../../src/metrics/tagset.ts';
import type { EngineContext, RunningWorkload, WorkloadEngine } from '../../../src/contracts/engine.ts';
import type { Tags } from '../../../src/contracts/metric-types.ts';
import { WS_METRICS } from '../../../src/protocols/websocket/metrics.ts';
import { SIGNALR_METRICS } from '../../../src/protocols/signalr/metrics.ts';

/** A running demo target (port 0, loopback) with the realtime extension. */
export interface RealtimeTarget {
  readonly url: string;
  readonly ext: RealtimeExtension;
  close(): Promise<void>;
}

/** Starts the demo target with a realtime extension built from `options`. */
export async function startTarget(options: RealtimeExtensionOptions = {}): Promise<RealtimeTarget> {
  const ext = createRealtimeExtension(options);
  const target = await createDemoTarget({ extensions: [ext], documentCount: 10 });
  return { url: target.url, ext, close: () => target.close() };
}

/** A harness around one engine run: the store, the context, and helpers to read results. */
export interface Harness {
  readonly store: MetricStore;
  readonly ctx: EngineContext;
  readonly warnings: string[];
  readonly abort: AbortController;
  /** Sum of a counter (0 when no data). */
  count(metric: string, selector?: Tags): number;
  /** k6 values of the whole-run aggregate (undefined when no data). */
  values(metric: string, selector?: Tags): Record<string, number> | undefined;
}

/** Builds a real MetricStore and an EngineContext toward `baseUrl` for workload `name`. */
export function harness(baseUrl: string, name = 'rt'): Harness {
  const store = new MetricStore(new MetricRegistry([...WS_METRICS, ...SIGNALR_METRICS]));
  const warnings: string[] = [];
  const abort = new AbortController();
  const ctx: EngineContext = {
    sink: store,
    baseUrl,
    scenario: 'realtime-test',
    workload: name,
    baseTags: { scenario: name },
    tagSet,
    signal: abort.signal,
    warn: (m) => warnings.push(m),
  };
  return {
    store, ctx, warnings, abort,
    count: (metric, selector) => store.query(metric, selector)?.values(1).count ?? 0,
    values: (metric, selector) => store.query(metric, selector)?.values(1),
  };
}

/** Validates then starts a workload; fails loudly on config issues. */
export function startWorkload<W>(engine: WorkloadEngine<W>, workload: W, ctx: EngineContext): RunningWorkload {
  const issues = engine.validate(workload, 'workloads.rt', 'test');
  if (issues.length) throw new Error(`invalid workload: ${JSON.stringify(issues)}`);
  return engine.start(workload, { ...ctx, peers: [workload] });
}

/** Resolves when `cond()` holds, false after `timeoutMs` (polls every 20 ms; bounded). */
export async function waitFor(cond: () => boolean, timeoutMs: number): Promise<boolean> {
  const end = Date.now() + timeoutMs;
  while (Date.now() < end) {
    if (cond()) return true;
    await sleep(20);
  }
  return cond();
}

/** Promise of a pause. */
export function sleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}

/** Waits for a workload to finish, failing after `timeoutMs`. */
export async function finished(run: RunningWorkload, timeoutMs: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, rej) => { timer = setTimeout(() => rej(new Error(`workload did not finish within ${timeoutMs} ms`)), timeoutMs); });
  try { await Promise.race([run.done, timeout]); } finally { clearTimeout(timer); }
}
