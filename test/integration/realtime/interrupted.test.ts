// WebSocket messages still awaiting their reply when loadcert's stop closes the connection are counted in
// interrupted_operations{op:send}, never in ws_errors: a real ws server on port 0 that never answers.
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { WebSocketServer } from 'ws';
import type { AddressInfo } from 'node:net';
import { websocketEngine } from '../../../src/protocols/websocket/engine.ts';
import type { WebSocketWorkload } from '../../../src/contracts/websocket-workload.ts';
import { harness, startWorkload, finished, waitFor } from './helpers.ts';

let server: WebSocketServer;
let url: string;
before(async () => {
  server = new WebSocketServer({ host: '127.0.0.1', port: 0 }); // accepts, reads, never replies
  await new Promise<void>((r) => server.once('listening', () => r()));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
after(async () => {
  for (const c of server.clients) c.terminate();
  await new Promise<void>((r) => server.close(() => r()));
});

const silent: WebSocketWorkload = {
  protocol: 'websocket', path: '/', connections: 3, duration: '600ms', messagesPerSecond: 20,
  correlation: 'order', replyTimeout: '30s', gracefulStop: '100ms',
};

describe('WebSocket operations cut by loadcert', { timeout: 30_000 }, () => {
  test('graceful-stop cut: replies still awaited are interrupted operations, not ws_errors', { timeout: 15_000 }, async () => {
    const h = harness(url, 'ws-cut');
    await finished(startWorkload(websocketEngine, silent, h.ctx), 10_000);
    h.store.flushSecond(Date.now());
    assert.ok(h.count('ws_msgs_sent') > 10, 'messages were sent');
    assert.equal(h.count('ws_errors'), 0, JSON.stringify(h.warnings));
    assert.equal(h.count('interrupted_operations', { protocol: 'websocket', op: 'send' }), h.count('ws_msgs_sent'), 'every unanswered message is counted as cut');
  });

  test('hard stop: cut at once, counted the same way', { timeout: 15_000 }, async () => {
    const h = harness(url, 'ws-hard');
    const run = startWorkload(websocketEngine, { ...silent, duration: '10s' }, h.ctx);
    assert.ok(await waitFor(() => run.activity().active === 3, 5_000), 'connections open');
    await new Promise((r) => setTimeout(r, 300));
    h.abort.abort();
    await finished(run, 5_000);
    h.store.flushSecond(Date.now());
    assert.ok(h.count('ws_msgs_sent') > 0);
    assert.equal(h.count('ws_errors'), 0);
    assert.equal(h.count('interrupted_operations', { protocol: 'websocket', op: 'send' }), h.count('ws_msgs_sent'));
  });
});
