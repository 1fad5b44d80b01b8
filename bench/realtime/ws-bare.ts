// Benchmark child: the anchor — a bare `ws` script holding N echo connections at one message per second each.
import { WebSocket } from 'ws';
import { arg, argText, report, settledRss, sleep, until } from './common.ts';

const url = argText('url', '').replace(/^http/, 'ws') + '/ws/echo';
const n = arg('connections', 1000);
const holdMs = arg('hold', 10) * 1000;
const base = settledRss();
let open = 0, failed = 0, sent = 0, received = 0, inFlight = 0, started = 0;
const sockets: WebSocket[] = [];
const t0 = Date.now();
while (started < n) {
  if (inFlight >= 256) { await sleep(5); continue; } // same opening concurrency as loadcert's pool
  started++;
  inFlight++;
  const ws = new WebSocket(url, { perMessageDeflate: false });
  sockets.push(ws);
  ws.on('open', () => {
    inFlight--; open++;
    const timer = setInterval(() => { ws.send('{"ping":true}'); sent++; }, 1000);
    ws.on('close', () => { clearInterval(timer); open--; });
  });
  ws.on('message', () => { received++; });
  ws.on('error', () => { inFlight--; failed++; });
}
await until(() => open + failed >= n, 120_000);
const openMs = Date.now() - t0;
await sleep(holdMs / 2);
const rss = settledRss();
const heldMid = open;
await sleep(holdMs / 2);
report({ kind: 'ws-bare', connections: n, held: Math.min(heldMid, open), failed, openMs, rssPerConnKB: (rss - base) / 1024 / Math.max(1, heldMid), rssMB: rss / 2 ** 20, sent, received });
for (const ws of sockets) ws.terminate();
process.exit(0);
