// The demo hub at the wire level (raw HTTP and `ws`): negotiate, transports it does not offer, handshake
// errors, Completion with result or error, StreamInvocation refused, Ping keep-alive, Close.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { WebSocket } from 'ws';
import { startTarget, waitFor } from './helpers.ts';

const RS = '\u001e';

/** Opens a raw WebSocket to `url` and collects every record it receives. */
async function rawHub(url: string): Promise<{ ws: WebSocket; records: string[]; closed: () => boolean }> {
  const ws = new WebSocket(url);
  const records: string[] = [];
  let isClosed = false;
  ws.on('message', (d) => { for (const r of d.toString().split(RS)) if (r) records.push(r); });
  ws.on('close', () => { isClosed = true; });
  await new Promise<void>((resolve, reject) => { ws.once('open', () => resolve()); ws.once('error', reject); });
  return { ws, records, closed: () => isClosed };
}

test('negotiate offers WebSockets with a connection token; other transports answer as ASP.NET Core does', async () => {
  const target = await startTarget();
  try {
    const res = await fetch(`${target.url}/hubs/documents/negotiate?negotiateVersion=1`, { method: 'POST' });
    assert.equal(res.status, 200);
    const body = await res.json() as Record<string, unknown>;
    assert.equal(body.negotiateVersion, 1);
    assert.equal(typeof body.connectionToken, 'string');
    assert.equal(typeof body.connectionId, 'string');
    assert.deepEqual(body.availableTransports, [{ transport: 'WebSockets', transferFormats: ['Text', 'Binary'] }]);
    const v0 = await (await fetch(`${target.url}/hubs/documents/negotiate`, { method: 'POST' })).json() as Record<string, unknown>;
    assert.equal(v0.negotiateVersion, 0);
    assert.equal(v0.connectionToken, undefined);
    const token = body.connectionToken as string;
    const sse = await fetch(`${target.url}/hubs/documents?id=${token}`, { headers: { accept: 'text/event-stream' } });
    assert.equal(sse.status, 404);
    assert.equal(await sse.text(), 'ServerSentEvents transport not supported by this end point type');
    const lp = await fetch(`${target.url}/hubs/documents?id=${token}`);
    assert.equal(await lp.text(), 'LongPolling transport not supported by this end point type');
    const noId = await fetch(`${target.url}/hubs/documents`);
    assert.equal(noId.status, 400);
    await noId.text();
    const ws = new WebSocket(`${target.url.replace('http', 'ws')}/hubs/documents?id=unknown`);
    ws.on('error', () => undefined); // terminate() during the handshake reports an error; expected here
    const status = await new Promise<number>((resolve) => ws.on('unexpected-response', (_q, r) => { resolve(r.statusCode ?? 0); r.resume(); ws.terminate(); }));
    assert.equal(status, 404);
  } finally {
    await target.close();
  }
});

test('handshake, Completion with result or error, StreamInvocation refused, Ping, Close', async () => {
  const target = await startTarget({ keepAliveMs: 100 });
  try {
    const hub = await rawHub(`${target.url.replace('http', 'ws')}/hubs/documents`);
    hub.ws.send(`{"protocol":"json","version":1}${RS}`);
    assert.ok(await waitFor(() => hub.records.length >= 1, 2000));
    assert.equal(hub.records[0], '{}');
    hub.ws.send(`{"type":1,"invocationId":"1","target":"Echo","arguments":[{"a":1}]}${RS}{"type":1,"invocationId":"2","target":"Missing","arguments":[]}${RS}`);
    hub.ws.send(`{"type":4,"invocationId":"3","target":"Echo","arguments":[1]}${RS}{"type":1,"target":"Echo","arguments":[1]}${RS}`);
    assert.ok(await waitFor(() => hub.records.filter((r) => r.includes('"type":3')).length >= 3, 2000));
    const completions = hub.records.filter((r) => r.includes('"type":3')).map((r) => JSON.parse(r) as Record<string, unknown>);
    assert.deepEqual(completions[0], { type: 3, invocationId: '1', result: { a: 1 } });
    assert.equal(completions[1].invocationId, '2');
    assert.match(String(completions[1].error), /Unknown hub method 'Missing'/);
    assert.equal(completions[2].invocationId, '3');
    assert.match(String(completions[2].error), /non-streaming 'Echo' method with a streaming invocation/);
    assert.equal(completions.length, 3, 'a non-blocking invocation gets no Completion');
    assert.ok(await waitFor(() => hub.records.includes('{"type":6}'), 2000), 'server Ping keep-alive');
    target.ext.closeHubConnections('Going down for maintenance.', true);
    assert.ok(await waitFor(() => hub.closed(), 2000));
    assert.ok(hub.records.includes('{"type":7,"error":"Going down for maintenance.","allowReconnect":true}'));
  } finally {
    await target.close();
  }
});

test('an unsupported protocol gets the handshake error response and the connection is closed', async () => {
  const target = await startTarget();
  try {
    const hub = await rawHub(`${target.url.replace('http', 'ws')}/hubs/documents`);
    hub.ws.send(`{"protocol":"messagepack","version":1}${RS}`);
    assert.ok(await waitFor(() => hub.closed(), 2000));
    assert.deepEqual(hub.records, [`{"error":"Requested protocol 'messagepack' is not available."}`]);
  } finally {
    await target.close();
  }
});
