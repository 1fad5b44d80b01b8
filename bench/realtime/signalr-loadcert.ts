// Benchmark child: loadcert's SignalR engine holding N connections (Echo on connect, optionally every --every s); optionally
// measures the HTTP schedule's send lateness before and while the connections are open (benchmark 3).
import { MetricRegistry } from '../../src/metrics/registry.ts';
import { MetricStore } from '../../src/metrics/store.ts';
import { tagSet } from '../../src/metrics/tagset.ts';
import type { TagSet } from '../../src/contracts/metric-types.ts';
import { signalrEngine } from '../../src/protocols/signalr/engine.ts';
import { SIGNALR_METRICS } from '../../src/protocols/signalr/metrics.ts';
import { arg, argText, report, settledHeap, settledRss, sleep, until } from './common.ts';
import { measureHttpLateness, type LatenessResult } from './http-lateness.ts';

const url = argText('url', '');
const n = arg('connections', 1000);
const holdMs = arg('hold', 10) * 1000;
const connectRate = arg('rate', 2000);
const latenessS = arg('lateness', 0);
/** Seconds between Echo invocations per connection after the first; 0 = invoke once on connect, like the bare script. */
const everyS = arg('every', 0);
const kind = latenessS > 0 ? 'signalr-lateness' : 'signalr-loadcert';
let httpOnly: LatenessResult | null = null;
if (latenessS > 0) {
  await measureHttpLateness(url, 200, 2); // warm-up (JIT, pool), discarded
  httpOnly = await measureHttpLateness(url, 200, latenessS);
}
const registry = new MetricRegistry(SIGNALR_METRICS);
const store = new MetricStore(registry);
/** Samples of the hold phase only (after every connection opened), so the invoke p99 is not the ramp's. */
let holdStore: MetricStore | undefined;
const sink = { add(metric: string, value: number, tags: TagSet): void { store.add(metric, value, tags); holdStore?.add(metric, value, tags); } };
const base = settledRss();
const baseHeap = settledHeap();
const t0 = Date.now();
const run = signalrEngine.start({
  protocol: 'signalr', hub: '/hubs/documents', users: n, duration: 3_600_000, connectRate, gracefulStop: '3s',
  join: [{ method: 'Echo', args: ['x'] }],
  loop: everyS > 0 ? [{ invoke: 'Echo', args: ['x'], every: everyS * 1000 }] : undefined,
}, { sink, baseUrl: url, scenario: 'bench', workload: 'signalr', baseTags: { scenario: 'signalr' }, tagSet, signal: new AbortController().signal, warn: () => undefined });
await until(() => run.activity().active >= n, 120_000);
const openMs = Date.now() - t0;
holdStore = new MetricStore(registry);
let withSignalR: LatenessResult | null = null;
if (latenessS > 0) withSignalR = await measureHttpLateness(url, 200, latenessS);
else await sleep(holdMs / 2);
const rss = settledRss();
const heap = settledHeap();
const heldMid = run.activity().active;
if (latenessS <= 0) await sleep(holdMs / 2);
const held = Math.min(heldMid, run.activity().active);
run.stop();
await Promise.race([run.done, sleep(15_000)]);
const inv = (everyS > 0 ? holdStore : store).query('signalr_invoke_duration')?.values(1);
report({
  kind, connections: n, held, openMs, rssPerConnKB: (rss - base) / 1024 / Math.max(1, heldMid), rssMB: rss / 2 ** 20, heapPerConnKB: (heap - baseHeap) / 1024 / Math.max(1, n),
  invokes: inv?.count ?? 0, invokeP99: inv?.['p(99)'] ?? null, errors: store.query('signalr_errors')?.values(1).count ?? 0,
  httpOnly, withSignalR,
});
process.exit(0);
