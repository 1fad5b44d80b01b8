// Benchmark child: the anchor — a bare script opening N @microsoft/signalr connections and invoking once on each.
import { HubConnectionBuilder, LogLevel, type HubConnection } from '@microsoft/signalr';
import { arg, argText, report, settledHeap, settledRss, sleep } from './common.ts';

const hub = argText('url', '') + '/hubs/documents';
const n = arg('connections', 1000);
const holdMs = arg('hold', 10) * 1000;
const base = settledRss();
const baseHeap = settledHeap();
const conns: HubConnection[] = [];
let open = 0, failed = 0, next = 0;
const t0 = Date.now();
async function worker(): Promise<void> {
  while (next < n) {
    next++;
    const c = new HubConnectionBuilder().withUrl(hub).configureLogging(LogLevel.None).build();
    try {
      await c.start();
      await c.invoke('Echo', 'x');
      conns.push(c);
      open++;
    } catch { failed++; }
  }
}
await Promise.all(Array.from({ length: 200 }, worker)); // 200 opening at once
const openMs = Date.now() - t0;
await sleep(holdMs / 2);
const rss = settledRss();
const heap = settledHeap();
const held = conns.filter((c) => c.state === 'Connected').length;
await sleep(holdMs / 2);
report({ kind: 'signalr-bare', connections: n, held, failed, openMs, rssPerConnKB: (rss - base) / 1024 / Math.max(1, held), rssMB: rss / 2 ** 20, heapPerConnKB: (heap - baseHeap) / 1024 / Math.max(1, n) });
await Promise.race([Promise.allSettled(conns.map((c) => c.stop())), sleep(10_000)]);
process.exit(0);
