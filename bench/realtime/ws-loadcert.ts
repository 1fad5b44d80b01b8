// Benchmark child: loadcert's WebSocket engine holding N echo connections at one message per second each.
import { MetricRegistry } from '../../src/metrics/registry.ts';
import { MetricStore } from '../../src/metrics/store.ts';
import { tagSet } from '../../src/metrics/tagset.ts';
import type { TagSet } from '../../src/contracts/metric-types.ts';
import { websocketEngine } from '../../src/protocols/websocket/engine.ts';
import { WS_METRICS } from '../../src/protocols/websocket/metrics.ts';
import { arg, argText, report, settledRss, sleep, until } from './common.ts';

const url = argText('url', '').replace(/^http/, 'ws') + '/ws/echo';
const n = arg('connections', 1000);
const holdMs = arg('hold', 10) * 1000;
const rampMs = arg('ramp', 8) * 1000;
const registry = new MetricRegistry(WS_METRICS);
const store = new MetricStore(registry);
/** Samples of the hold phase only (after every connection opened), so the RTT is not the ramp's. */
let holdStore: MetricStore | undefined;
const sink = { add(metric: string, value: number, tags: TagSet): void { store.add(metric, value, tags); holdStore?.add(metric, value, tags); } };
const abort = new AbortController();
const base = settledRss();
const t0 = Date.now();
const run = websocketEngine.start({
  protocol: 'websocket', url: url, messagesPerSecond: 1, gracefulStop: '2s',
  stages: [{ duration: rampMs, target: n }, { duration: 300_000, target: n }],
}, { sink, baseUrl: url, scenario: 'bench', workload: 'ws', baseTags: { scenario: 'ws' }, tagSet, signal: abort.signal, warn: () => undefined });
await until(() => run.activity().active >= n, 120_000);
const openMs = Date.now() - t0;
holdStore = new MetricStore(registry);
await sleep(holdMs / 2);
const rss = settledRss();
const heldMid = run.activity().active;
await sleep(holdMs / 2);
const held = Math.min(heldMid, run.activity().active);
const rtt = holdStore.query('ws_msg_rtt')?.values(1);
const holdSent = holdStore.query('ws_msgs_sent')?.values(1).count ?? 0;
run.stop();
await Promise.race([run.done, sleep(10_000)]);
report({
  kind: 'ws-loadcert', connections: n, held, openMs, rssPerConnKB: (rss - base) / 1024 / Math.max(1, heldMid), rssMB: rss / 2 ** 20,
  sent: store.query('ws_msgs_sent')?.values(1).count ?? 0, received: store.query('ws_msgs_received')?.values(1).count ?? 0,
  rttP99: rtt?.['p(99)'] ?? null, holdSent, errors: store.query('ws_errors')?.values(1).count ?? 0,
});
process.exit(0);
