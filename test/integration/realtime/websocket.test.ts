// WebSocket engine against the demo target's /ws/echo, through the real `ws` client, into a real MetricStore.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { websocketEngine } from '../../../src/protocols/websocket/engine.ts';
import type { WebSocketWorkload } from '../../../src/contracts/websocket-workload.ts';
import { finished, harness, startTarget, startWorkload, waitFor } from './helpers.ts';

test('connections reach the requested concurrency, messages are echoed and RTT is recorded by id', async () => {
  const target = await startTarget();
  try {
    const h = harness(target.url);
    const w: WebSocketWorkload = { protocol: 'websocket', path: '/ws/echo', connections: 40, duration: '2500ms', messagesPerSecond: 4, gracefulStop: '2s' };
    const run = startWorkload(websocketEngine, w, h.ctx);
    assert.ok(await waitFor(() => target.ext.stats().echoConnections === 40, 3000), `server sees 40 (got ${target.ext.stats().echoConnections})`);
    assert.ok(await waitFor(() => run.activity().active === 40, 1000), `client sees ${run.activity().active}`);
    await finished(run, 8000);
    assert.equal(h.count('ws_sessions'), 40);
    assert.equal(h.values('ws_connections')?.max, 40);
    assert.equal(h.values('ws_connections')?.value, 0, 'gauge back to 0 at the end');
    const sent = h.count('ws_msgs_sent');
    assert.ok(sent >= 40 * 4, `sent ${sent}`);
    assert.equal(h.count('ws_msgs_received'), sent, 'every message echoed');
    assert.equal(h.values('ws_msg_rtt')?.count, sent, 'an RTT per message');
    assert.ok(h.values('ws_msg_rtt')!['p(95)'] < 500);
    assert.equal(h.values('ws_connecting')?.count, 40);
    assert.equal(h.values('ws_session_duration')?.count, 40);
    assert.equal(h.store.query('ws_errors')?.values(1).count, 0, 'no errors');
    assert.deepEqual(h.store.unknownMetrics, []);
  } finally {
    await target.close();
  }
});

test('stages ramp the connection count up and down; order correlation and exchanges record RTT', async () => {
  const target = await startTarget();
  try {
    const h = harness(target.url);
    const w: WebSocketWorkload = {
      protocol: 'websocket', path: '/ws/echo', correlation: 'order', messagesPerSecond: 5,
      stages: [{ duration: '600ms', target: 20 }, { duration: '700ms', target: 20 }, { duration: '600ms', target: 5 }],
      exchanges: [{ name: 'hello', send: (m) => `hello ${m.vu}`, expect: (msg) => msg.startsWith('hello '), timeout: '2s' }],
    };
    const run = startWorkload(websocketEngine, w, h.ctx);
    let peak = 0;
    const ok = await waitFor(() => { peak = Math.max(peak, target.ext.stats().echoConnections); return false; }, 1600);
    void ok;
    assert.ok(peak >= 18 && peak <= 20, `peak ${peak}`);
    await waitFor(() => target.ext.stats().echoConnections <= 6, 1500);
    assert.ok(target.ext.stats().echoConnections <= 6, `after ramp-down: ${target.ext.stats().echoConnections}`);
    await finished(run, 8000);
    assert.ok(h.count('ws_sessions') >= 20);
    assert.equal(h.values('ws_msg_rtt', { name: 'hello' })?.count, h.count('ws_sessions'), 'one exchange per session');
    assert.ok((h.values('ws_msg_rtt')?.count ?? 0) > h.count('ws_sessions'), 'periodic RTTs too');
    assert.equal(h.store.query('ws_errors')?.values(1).count, 0);
  } finally {
    await target.close();
  }
});

test('dropped connections are counted by close code; without reconnect the slots stay empty', async () => {
  const target = await startTarget();
  try {
    const h = harness(target.url);
    const run = startWorkload(websocketEngine, { protocol: 'websocket', path: '/ws/echo', connections: 10, duration: '3s', reconnect: false } satisfies WebSocketWorkload, h.ctx);
    assert.ok(await waitFor(() => target.ext.stats().echoConnections === 10, 3000));
    target.ext.dropConnections();
    assert.ok(await waitFor(() => h.count('ws_errors') === 10, 2000), `errors ${h.count('ws_errors')}`);
    assert.equal(h.count('ws_errors', { cause: 'closed', code: '1006' }), 10, 'abnormal closure 1006');
    await new Promise((r) => setTimeout(r, 500));
    assert.equal(target.ext.stats().echoConnections, 0, 'no reconnect');
    assert.equal(run.activity().active, 0);
    run.stop();
    await finished(run, 5000);
    assert.equal(h.count('ws_sessions'), 10);
  } finally {
    await target.close();
  }
});

test('with reconnect, dropped and server-closed connections come back and are counted', async () => {
  const target = await startTarget();
  try {
    const h = harness(target.url);
    const w: WebSocketWorkload = { protocol: 'websocket', path: '/ws/echo', connections: 10, duration: '4s', reconnect: true, reconnectDelay: '200ms' };
    const run = startWorkload(websocketEngine, w, h.ctx);
    assert.ok(await waitFor(() => target.ext.stats().echoConnections === 10, 3000));
    target.ext.closeEchoConnections(1011);
    assert.ok(await waitFor(() => h.count('ws_reconnects') === 10 && target.ext.stats().echoConnections === 10, 3000), `reconnects ${h.count('ws_reconnects')}`);
    assert.equal(h.count('ws_errors', { cause: 'closed', code: '1011' }), 10);
    target.ext.dropConnections();
    assert.ok(await waitFor(() => h.count('ws_reconnects') === 20, 3000), `reconnects ${h.count('ws_reconnects')}`);
    assert.equal(h.count('ws_errors', { cause: 'closed', code: '1006' }), 10);
    await finished(run, 8000);
    assert.equal(h.count('ws_sessions'), 30);
  } finally {
    await target.close();
  }
});

test('a failing upgrade is counted as a connect error with the HTTP status, and the run goes on', async () => {
  const target = await startTarget();
  try {
    const h = harness(target.url);
    const run = startWorkload(websocketEngine, { protocol: 'websocket', path: '/ws/nowhere', connections: 3, duration: '1500ms', reconnect: true, reconnectDelay: '300ms' } satisfies WebSocketWorkload, h.ctx);
    await finished(run, 6000);
    const errors = h.count('ws_errors', { cause: 'connect', code: '404' });
    assert.ok(errors >= 6, `404 connect errors ${errors}`);
    assert.equal(h.count('ws_sessions'), 0);
  } finally {
    await target.close();
  }
});

test('validation lists every problem at once', () => {
  const issues = websocketEngine.validate({ protocol: 'websocket', url: 'ws://example.com/x', connections: 0, messagesPerSecond: -1, correlation: 'nope', bogus: 1 } as unknown as WebSocketWorkload, 'workloads.ws', 'scenario.ts');
  const paths = issues.map((i) => i.path).sort();
  assert.deepEqual(paths, ['workloads.ws.bogus', 'workloads.ws.connections', 'workloads.ws.correlation', 'workloads.ws.duration', 'workloads.ws.messagesPerSecond', 'workloads.ws.url']);
});
