// ws_ping (k6's ping round trip) against real `ws` servers on loopback that answer pings late or never:
// the pong that echoes a ping's payload completes it; a missing pong is an error, a cut one is interrupted.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { WebSocketServer } from 'ws';
import type { AddressInfo } from 'node:net';
import { websocketEngine } from '../../../src/protocols/websocket/engine.ts';
import type { WebSocketWorkload } from '../../../src/contracts/websocket-workload.ts';
import { finished, harness, startWorkload, waitFor } from './helpers.ts';

/** A WebSocket server that answers each ping after `pongDelayMs` (undefined: never), counting what it saw. */
async function pingServer(pongDelayMs: number | undefined) {
  const wss = new WebSocketServer({ host: '127.0.0.1', port: 0, autoPong: false });
  await new Promise<void>((r) => wss.once('listening', () => r()));
  const seen = { pings: 0, pongs: 0 };
  wss.on('connection', (socket) => {
    socket.on('ping', (data) => {
      seen.pings++;
      if (pongDelayMs === undefined) return;
      // a timer may fire up to a few ms early against performance.now() (libuv counts from its cached loop
      // time), so the pong waits until the delay has really passed since the ping arrived
      const arrived = performance.now();
      const answer = () => {
        const left = arrived + pongDelayMs - performance.now();
        if (left > 0) { setTimeout(answer, Math.ceil(left)); return; }
        if (socket.readyState === socket.OPEN) { seen.pongs++; socket.pong(data); }
      };
      setTimeout(answer, pongDelayMs);
    });
  });
  const port = (wss.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}`, seen,
    close: () => new Promise<void>((r) => { for (const c of wss.clients) c.terminate(); wss.close(() => r()); }),
  };
}

test('ws_ping is the round trip of each ping to the pong echoing its id, measured from the send', { timeout: 20_000 }, async () => {
  const delay = 150;
  const server = await pingServer(delay);
  try {
    const h = harness(server.url);
    const w: WebSocketWorkload = { protocol: 'websocket', path: '/', connections: 3, duration: '1500ms', messagesPerSecond: 0, pingInterval: '200ms', gracefulStop: '2s' };
    const run = startWorkload(websocketEngine, w, h.ctx);
    await finished(run, 10_000);
    const ping = h.values('ws_ping');
    assert.ok(ping, 'ws_ping has samples');
    assert.ok(server.seen.pings >= 3 * 4, `each connection pinged about every 200 ms (server saw ${server.seen.pings})`);
    // the graceful stop waits for pending pongs (150 ms < gracefulStop): every ping the server answered is measured once
    assert.equal(ping.count, server.seen.pongs, 'one ws_ping per pong');
    assert.equal(server.seen.pongs, server.seen.pings, 'every ping answered before the close');
    // causality, not a clock reading: the server held each pong for 150 ms after the ping reached it
    assert.ok(ping.min >= delay, `no round trip shorter than the server's delay (min ${ping.min} ms)`);
    assert.equal(h.count('ws_errors'), 0);
    assert.equal(h.count('interrupted_operations'), 0);
    assert.deepEqual(h.store.unknownMetrics, []);
  } finally {
    await server.close();
  }
});

test('a ping never answered is ws_errors{cause:timeout,code:pong} after replyTimeout, or interrupted when the stop cuts it; never a ws_ping', { timeout: 20_000 }, async () => {
  const server = await pingServer(undefined);
  try {
    const h = harness(server.url);
    const w: WebSocketWorkload = {
      protocol: 'websocket', path: '/', connections: 2, duration: '1200ms', messagesPerSecond: 0,
      pingInterval: '100ms', replyTimeout: '300ms', gracefulStop: '100ms',
    };
    const run = startWorkload(websocketEngine, w, h.ctx);
    await finished(run, 10_000);
    assert.equal(h.values('ws_ping'), undefined, 'no pong, no ws_ping');
    const late = h.count('ws_errors', { cause: 'timeout', code: 'pong' });
    const cut = h.count('interrupted_operations', { op: 'ping' });
    assert.ok(late >= 2, `pings older than replyTimeout are errors (${late})`);
    assert.ok(cut >= 1, `pings younger than replyTimeout at the stop are interrupted (${cut})`);
    // every ping the server received is accounted for exactly once (frames in flight at the close settle first)
    assert.ok(await waitFor(() => server.seen.pings === late + cut, 2000), `server saw ${server.seen.pings} pings; errors ${late} + interrupted ${cut}`);
    assert.equal(h.count('ws_errors'), late, 'no other error');
  } finally {
    await server.close();
  }
});

test('pingInterval is validated: a duration, 0 for none, not below 10 ms', () => {
  const base = { protocol: 'websocket', path: '/ws', connections: 1, duration: '1s' } as const;
  assert.deepEqual(websocketEngine.validate({ ...base, pingInterval: '1s' }, 'workloads.ws', 's.ts'), []);
  assert.deepEqual(websocketEngine.validate({ ...base, pingInterval: 0 }, 'workloads.ws', 's.ts'), []);
  const bad = websocketEngine.validate({ ...base, pingInterval: '5ms' }, 'workloads.ws', 's.ts');
  assert.equal(bad.length, 1);
  assert.equal(bad[0].path, 'workloads.ws.pingInterval');
  assert.ok(bad[0].fix);
  assert.equal(websocketEngine.validate({ ...base, pingInterval: 'soon' }, 'workloads.ws', 's.ts')[0]?.path, 'workloads.ws.pingInterval');
});

test('thresholds on ws_ping validate as on a k6 time trend (registered with the engine before the run)', async () => {
  const { createEngines } = await import('../../../src/run/engines.ts');
  const { MetricRegistry } = await import('../../../src/metrics/registry.ts');
  const { checkThresholds } = await import('../../../src/thresholds/index.ts');
  const registry = new MetricRegistry();
  for (const e of createEngines({ timeoutMs: 1000, headers: {}, isAllowedHost: () => true }).values()) for (const d of e.metrics) registry.define(d);
  assert.deepEqual(checkThresholds({ ws_ping: ['p(95)<100', 'avg<50'], 'ws_ping{scenario:chat}': ['max<500'] }, 't.json', registry).issues, []);
  assert.equal(checkThresholds({ ws_ping: ['rate<0.1'] }, 't.json', registry).issues.length, 1, 'a trend has no rate');
  assert.equal(registry.get('ws_ping')?.contains, 'time');
});
