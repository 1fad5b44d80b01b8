// npm run bench:realtime — realtime capacity of one loadcert process, each figure beside an anchor measured
// in the same run: (1) WebSocket connections held at 1 msg/s vs a bare `ws` script, (2) SignalR connections
// vs a bare @microsoft/signalr script, (3) HTTP send lateness while SignalR connections are open.
// Server and client run in separate processes (each has its own open-files limit). Sizes come from env:
// BENCH_WS_CONNECTIONS (18000), BENCH_SIGNALR_CONNECTIONS (10000), BENCH_LATENESS_CONNECTIONS (2000),
// BENCH_HOLD_S (10), BENCH_LATENESS_S (5), BENCH_SIGNALR_RATE (2000 connections/s), BENCH_SIGNALR_EVERY_S
// (0: Echo once per connection like the anchor; n: also every n s), BENCH_ONLY (ws,signalr,lateness). Not a test.
// p99 column: ws_msg_rtt during the hold; signalr_invoke_duration (during the ramp when invoked once).
import { openFilesLimit } from './realtime/common.ts';
import { runClient, startServer } from './realtime/spawn.ts';

const env = (name: string, fallback: number): number => {
  const v = Number(process.env[name]);
  return Number.isFinite(v) && v > 0 ? v : fallback;
};
const only = new Set((process.env.BENCH_ONLY ?? 'ws,signalr,lateness').split(',').map((s) => s.trim()));
const hold = env('BENCH_HOLD_S', 10);
const limit = await openFilesLimit();
/** Largest connection count one process can hold: the open-files limit minus room for the runtime. */
const cap = (want: number): number => (Number.isFinite(limit) ? Math.min(want, limit - 600) : want);

type Row = { bench: string; connections: number; held: number; openS: string; rssKB: string; p99: string; note: string };
const rows: Row[] = [];
const fmt = (v: unknown, d = 1): string => (typeof v === 'number' && Number.isFinite(v) ? v.toFixed(d) : '-');

async function pair(name: string, bare: string, ours: string, n: number, extra: string[], goalRatio: number, goalHeld: number): Promise<void> {
  const out: Record<string, unknown>[] = [];
  for (const script of [bare, ours]) {
    const server = await startServer();
    try {
      out.push(await runClient(script, [`--url=${server.url}`, `--connections=${n}`, `--hold=${hold}`, ...extra], 240_000));
    } finally {
      await server.stop();
    }
  }
  const [a, b] = out;
  const ratio = (b.rssPerConnKB as number) / (a.rssPerConnKB as number);
  rows.push({ bench: `${name} bare anchor`, connections: n, held: a.held as number, openS: fmt((a.openMs as number) / 1000), rssKB: fmt(a.rssPerConnKB), p99: '-', note: `failed ${a.failed ?? 0}` });
  const p99 = b.rttP99 ?? b.invokeP99;
  rows.push({
    bench: `${name} loadcert`, connections: n, held: b.held as number, openS: fmt((b.openMs as number) / 1000), rssKB: fmt(b.rssPerConnKB), p99: fmt(p99, 2),
    note: `RSS ${fmt(ratio, 2)}x anchor (goal <= ${goalRatio}x) ${ratio <= goalRatio ? 'OK' : 'MISSED'}; held ${b.held}/${n}${n < goalHeld ? ` (goal ${goalHeld} not attempted)` : (b.held as number) >= goalHeld ? ' goal OK' : ' goal MISSED'}; errors ${b.errors}`,
  });
}

console.log(`open-files limit per process: ${limit}; hold ${hold}s; running: ${[...only].join(', ')}`);
if (only.has('ws')) {
  const n = cap(env('BENCH_WS_CONNECTIONS', 18_000));
  await pair('websocket', 'ws-bare.ts', 'ws-loadcert.ts', n, [`--ramp=${Math.max(2, Math.ceil(n / 3000))}`], 1.5, 18_000);
}
if (only.has('signalr')) {
  const n = cap(env('BENCH_SIGNALR_CONNECTIONS', 10_000));
  await pair('signalr', 'signalr-bare.ts', 'signalr-loadcert.ts', n, [`--rate=${env('BENCH_SIGNALR_RATE', 2000)}`, `--every=${env('BENCH_SIGNALR_EVERY_S', 0)}`], 1.25, 10_000);
}
if (only.has('lateness')) {
  const n = cap(env('BENCH_LATENESS_CONNECTIONS', 2000));
  const server = await startServer();
  try {
    const r = await runClient('signalr-loadcert.ts', [`--url=${server.url}`, `--connections=${n}`, `--lateness=${env('BENCH_LATENESS_S', 5)}`], 240_000);
    const h = r.httpOnly as { p99: number } | null;
    const w = r.withSignalR as { p99: number } | null;
    const ok = h && w ? w.p99 <= 2 * Math.max(h.p99, 1) : null;
    rows.push({ bench: 'http lateness, http only', connections: 0, held: 0, openS: '-', rssKB: '-', p99: fmt(h?.p99, 2), note: h ? '200 req/s open model, http_req_blocked' : 'HTTP engine hook not usable' });
    rows.push({ bench: `http lateness + ${n} signalr`, connections: n, held: r.held as number, openS: fmt((r.openMs as number) / 1000), rssKB: fmt(r.rssPerConnKB), p99: fmt(w?.p99, 2), note: ok === null ? 'not measured' : `goal <= 2x http-only: ${ok ? 'OK' : 'MISSED'}` });
  } finally {
    await server.stop();
  }
}

const cols: Array<keyof Row> = ['bench', 'connections', 'held', 'openS', 'rssKB', 'p99', 'note'];
const head: Record<keyof Row, string> = { bench: 'benchmark', connections: 'conns', held: 'held', openS: 'open s', rssKB: 'RSS KB/conn', p99: 'p99 ms', note: 'verdict' };
const width = (c: keyof Row): number => Math.max(head[c].length, ...rows.map((r) => String(r[c]).length));
const line = (r: Record<keyof Row, string | number>): string => cols.map((c) => String(r[c]).padEnd(width(c))).join('  ');
console.log(line(head));
for (const r of rows) console.log(line(r));
