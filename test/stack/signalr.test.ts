// The real ASP.NET Core hub /hubs/documents through the official @microsoft/signalr client: every
// transport with JSON and MessagePack, group broadcasts with a server timestamp, Echo, and the bearer
// token requirement on negotiate.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { HttpTransportType } from '@microsoft/signalr';
import WebSocket from 'ws';
import { requireStack, skipUnlessStack } from './stack-env.ts';
import { connectHub, nextEdit, type ProtocolName } from './hub-client.ts';

const combos: [string, HttpTransportType, ProtocolName][] = [
  ['WebSockets', HttpTransportType.WebSockets, 'json'],
  ['WebSockets', HttpTransportType.WebSockets, 'messagepack'],
  ['ServerSentEvents', HttpTransportType.ServerSentEvents, 'json'],
  ['LongPolling', HttpTransportType.LongPolling, 'json'],
  ['LongPolling', HttpTransportType.LongPolling, 'messagepack'],
];

describe('enterprise-docs SignalR hub', { skip: skipUnlessStack() }, () => {
  for (const [name, transport, protocol] of combos) {
    test(`${name} with ${protocol}: Echo, JoinDocument and a DocumentEdited broadcast`, async () => {
      const s = requireStack();
      const a = await connectHub(s.baseUrl, s.token, transport, protocol);
      const b = await connectHub(s.baseUrl, s.token, transport, protocol);
      try {
        const payload = { n: 7, text: 'héllo', list: [1, 2, 3], nested: { ok: true } };
        assert.deepEqual(await a.invoke('Echo', payload), payload);
        const docId = `doc-${name}-${protocol}-${Date.now()}`;
        assert.equal(await a.invoke('JoinDocument', docId), docId);
        assert.equal(await b.invoke('JoinDocument', docId), docId);
        const atB = nextEdit(b);
        const atA = nextEdit(a);
        const sent = Date.now();
        await a.invoke('EditDocument', docId, { op: 'insert', pos: 3, text: 'abc' });
        const [eb, ea] = await Promise.all([atB, atA]);
        for (const e of [ea, eb]) {
          assert.equal(e.docId, docId);
          assert.deepEqual(e.delta, { op: 'insert', pos: 3, text: 'abc' });
          assert.equal(typeof e.serverTime, 'number');
          assert.ok(Math.abs(Number(e.serverTime) - sent) < 5000, `serverTime ${e.serverTime} vs ${sent}`);
        }
      } finally {
        await Promise.all([a.stop(), b.stop()]);
      }
    });
  }

  test('numeric document ids join the same group as their string form', async () => {
    const s = requireStack();
    const a = await connectHub(s.baseUrl, s.token, HttpTransportType.WebSockets, 'json');
    const b = await connectHub(s.baseUrl, s.token, HttpTransportType.WebSockets, 'messagepack');
    try {
      const id = 900_000 + Math.floor(Math.random() * 1000);
      await a.invoke('JoinDocument', id);
      await b.invoke('JoinDocument', String(id));
      const atB = nextEdit(b);
      await a.invoke('EditDocument', id, 'x');
      const e = await atB;
      assert.equal(e.docId, String(id));
      assert.equal(e.delta, 'x');
    } finally {
      await Promise.all([a.stop(), b.stop()]);
    }
  });

  test('negotiate without a token or with a wrong one is rejected with 401', async () => {
    const s = requireStack();
    for (const token of [null, 'wrong-token']) {
      await assert.rejects(connectHub(s.baseUrl, token, HttpTransportType.WebSockets, 'json'), /Unauthorized.*401/);
    }
    const res = await fetch(`${s.baseUrl}/hubs/documents/negotiate?negotiateVersion=1`, { method: 'POST' });
    await res.arrayBuffer();
    assert.equal(res.status, 401);
    const ok = await fetch(`${s.baseUrl}/hubs/documents/negotiate?negotiateVersion=1`, { method: 'POST', headers: { authorization: `Bearer ${s.token}` } });
    const body = (await ok.json()) as { availableTransports: { transport: string }[] };
    assert.deepEqual(body.availableTransports.map((t) => t.transport).sort(), ['LongPolling', 'ServerSentEvents', 'WebSockets']);
  });

  test('a raw WebSocket may carry the token as access_token in the query string (browser style)', async () => {
    const s = requireStack();
    const negotiate = async (): Promise<string> => {
      const res = await fetch(`${s.baseUrl}/hubs/documents/negotiate?negotiateVersion=1`, { method: 'POST', headers: { authorization: `Bearer ${s.token}` } });
      return ((await res.json()) as { connectionToken: string }).connectionToken;
    };
    const wsBase = s.baseUrl.replace(/^http/, 'ws') + '/hubs/documents';
    const handshake = (url: string): Promise<string> => new Promise((resolve, reject) => {
      const ws = new WebSocket(url);
      const timer = setTimeout(() => { ws.terminate(); reject(new Error('handshake timeout')); }, 5000);
      ws.on('unexpected-response', (_req, res) => { clearTimeout(timer); ws.terminate(); resolve(`http ${res.statusCode}`); });
      ws.on('error', (e) => { clearTimeout(timer); reject(e); });
      ws.on('open', () => ws.send('{"protocol":"json","version":1}\x1e'));
      ws.on('message', (data) => { clearTimeout(timer); ws.close(); resolve(data.toString()); });
    });
    assert.equal(await handshake(`${wsBase}?id=${await negotiate()}&access_token=${s.token}`), '{}\x1e');
    assert.equal(await handshake(`${wsBase}?id=${await negotiate()}`), 'http 401');
  });
});
