// Every route of the demo target answers as documented.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { connect } from 'node:net';
import { createDemoTarget } from '../../../src/target/server.ts';
import type { DemoTarget } from '../../../src/target/types.ts';

let target: DemoTarget;

before(async () => {
  target = await createDemoTarget({
    port: 0,
    extensions: [
      {
        handle(req, res) {
          if (req.url !== '/ext/hello') return false;
          res.end('from extension');
          return true;
        },
        upgrade(req, socket) {
          if (req.url !== '/ext/ws') return false;
          socket.end('HTTP/1.1 101 Switching Protocols\r\nupgrade: test\r\nconnection: upgrade\r\n\r\n');
          return true;
        },
      },
    ],
  });
});
after(() => target.close());

const get = (path: string, init?: RequestInit): Promise<Response> => fetch(target.url + path, init);

test('listens on loopback with an ephemeral port', () => {
  assert.match(target.url, /^http:\/\/127\.0\.0\.1:\d+$/);
  assert.ok(target.port > 0);
});

test('health endpoints answer 200 with ASP.NET-like bodies', async () => {
  const plain = await get('/health');
  assert.equal(plain.status, 200);
  assert.equal(await plain.text(), 'Healthy');
  const detailed = await get('/health/detailed');
  assert.equal(detailed.status, 200);
  const body = (await detailed.json()) as { status: string; entries: Record<string, { status: string }> };
  assert.equal(body.status, 'Healthy');
  for (const c of ['postgresql', 'redis', 'elasticsearch']) assert.equal(body.entries[c].status, 'Healthy');
  const api = await get('/api/health');
  assert.equal(api.status, 200);
  assert.deepEqual(await api.json(), { status: 'Healthy' });
});

test('GET /api/documents pages through 10,000 seeded documents', async () => {
  const res = await get('/api/documents?page=3&size=5');
  assert.equal(res.status, 200);
  const body = (await res.json()) as { page: number; size: number; total: number; items: Array<{ id: number; title: string }> };
  assert.equal(body.page, 3);
  assert.equal(body.size, 5);
  assert.ok(body.total >= 10_000);
  assert.deepEqual(body.items.map((d) => d.id), [11, 12, 13, 14, 15]);
  assert.equal((await get('/api/documents?size=500')).status, 400);
  assert.equal((await get('/api/documents?page=0')).status, 400);
});

test('Server-Timing reports the simulated db and cache share', async () => {
  const res = await get('/api/documents/1');
  await res.arrayBuffer();
  const st = res.headers.get('server-timing') ?? '';
  assert.match(st, /db;dur=\d+(\.\d+)?/);
  assert.match(st, /cache;dur=\d+(\.\d+)?/);
});

test('GET /api/documents/:id is deterministic and 404s for unknown ids', async () => {
  const a = await (await get('/api/documents/4242')).json();
  const b = await (await get('/api/documents/4242')).json();
  assert.deepEqual(a, b);
  assert.equal((a as { id: number }).id, 4242);
  for (const id of ['0', '10001', 'abc', '99999999']) {
    const res = await get(`/api/documents/${id}`);
    await res.arrayBuffer();
    assert.equal(res.status, 404, id);
  }
});

test('POST /api/documents creates a document readable afterwards; invalid JSON is 400', async () => {
  const res = await get('/api/documents', { method: 'POST', body: JSON.stringify({ title: 'release plan', tags: ['q3'] }), headers: { 'content-type': 'application/json' } });
  assert.equal(res.status, 201);
  const doc = (await res.json()) as { id: number; title: string };
  assert.ok(doc.id > 10_000);
  assert.equal(res.headers.get('location'), `/api/documents/${doc.id}`);
  const back = await get(`/api/documents/${doc.id}`);
  assert.equal(((await back.json()) as { title: string }).title, 'release plan');
  const bad = await get('/api/documents', { method: 'POST', body: '{not json' });
  assert.equal(bad.status, 400);
  await bad.arrayBuffer();
  const arr = await get('/api/documents', { method: 'POST', body: '[1,2]' });
  assert.equal(arr.status, 400);
  await arr.arrayBuffer();
});

test('GET /api/search returns matching documents; missing q is 400', async () => {
  const res = await get('/api/search?q=annual%20report');
  assert.equal(res.status, 200);
  const body = (await res.json()) as { total: number; items: Array<{ title: string; tags: string[] }> };
  assert.ok(body.total > 0);
  assert.ok(body.items.length > 0 && body.items.length <= 20);
  for (const d of body.items) {
    const words = `${d.title} ${d.tags.join(' ')}`;
    assert.ok(words.includes('annual') && words.includes('report'), words);
  }
  const none = (await (await get('/api/search?q=zzzz')).json()) as { total: number };
  assert.equal(none.total, 0);
  const missing = await get('/api/search');
  assert.equal(missing.status, 400);
  await missing.arrayBuffer();
});

test('trivial and fixed-delay routes', async () => {
  for (const p of ['/api/ping', '/fast']) {
    const res = await get(p);
    assert.equal(res.status, 200);
    assert.deepEqual(await res.json(), { pong: true });
  }
  const t0 = performance.now();
  const slow = await get('/slow?ms=50');
  await slow.arrayBuffer();
  assert.equal(slow.status, 200);
  assert.ok(performance.now() - t0 >= 45, 'slow route waits ~50 ms');
  const bad = await get('/slow?ms=-1');
  assert.equal(bad.status, 400);
  await bad.arrayBuffer();
});

test('unknown routes are 404 and wrong methods 405', async () => {
  const nf = await get('/nope');
  assert.equal(nf.status, 404);
  await nf.arrayBuffer();
  const wrong = await get('/api/documents', { method: 'DELETE' });
  assert.equal(wrong.status, 405);
  assert.match(wrong.headers.get('allow') ?? '', /GET/);
  await wrong.arrayBuffer();
});

test('extensions are tried before the built-in routes, including upgrades', async () => {
  const res = await get('/ext/hello');
  assert.equal(await res.text(), 'from extension');
  const reply = await new Promise<string>((resolve, reject) => {
    const sock = connect(target.port, '127.0.0.1', () => {
      sock.write(`GET /ext/ws HTTP/1.1\r\nhost: x\r\nconnection: upgrade\r\nupgrade: test\r\n\r\n`);
    });
    let data = '';
    sock.on('data', (d) => (data += d));
    sock.on('end', () => resolve(data));
    sock.on('error', reject);
  });
  assert.match(reply, /^HTTP\/1\.1 101/);
});

test('refuses non-loopback hosts', async () => {
  await assert.rejects(createDemoTarget({ host: '0.0.0.0' }), (e: { code?: string; exitCode?: number }) => e.code === 'LC_TARGET_HOST' && e.exitCode === 104);
});
