import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, runWorkload, count } from './run-workload.ts';

// /hold keeps each response until `want` requests are in the server at once (or 2 s pass), recording the
// most seen at once and the client ports; /echo answers the request's content-type and body.
let active = 0;
let maxActive = 0;
let want = 3;
let waiting: Array<() => void> = [];
const ports = new Set<number>();
let bodies: Array<{ type?: string; body: Buffer }> = [];
let srv: Awaited<ReturnType<typeof startServer>>;
before(async () => {
  srv = await startServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      if (req.url?.startsWith('/hold')) {
        ports.add(req.socket.remotePort ?? 0);
        active++;
        maxActive = Math.max(maxActive, active);
        const release = () => { active--; res.end('held'); };
        if (active >= want) { for (const w of waiting.splice(0)) w(); release(); }
        else { const t = setTimeout(() => { waiting = waiting.filter((w) => w !== go); release(); }, 2000); const go = () => { clearTimeout(t); release(); }; waiting.push(go); }
        return;
      }
      bodies.push({ type: req.headers['content-type'], body: Buffer.concat(chunks) });
      res.end('ok');
    });
  });
});
after(() => srv.close());

describe('exec client', { timeout: 30_000 }, () => {
  test('requests started together by one VU run in parallel on separate connections', async () => {
    active = 0; maxActive = 0; want = 3; ports.clear();
    await runWorkload({ executor: 'per-vu-iterations', vus: 1, iterations: 1, exec: async ({ http }) => { await Promise.all([http.get('/hold'), http.get('/hold'), http.get('/hold')]); } }, srv.url);
    assert.equal(maxActive, 3, 'three requests in the server at once');
    assert.equal(ports.size, 3, 'on three connections');
  });

  test('http.batch keeps at most batchPerHost requests of a VU in flight per host, responses in order', async () => {
    active = 0; maxActive = 0; want = 99;
    let statuses: number[] = [];
    let urls: string[] = [];
    await runWorkload({ executor: 'per-vu-iterations', vus: 1, iterations: 1, exec: async ({ http }) => {
      const rs = await http.batch(['/hold?1', ['GET', '/hold?2'], { url: '/hold?3' }, '/hold?4', '/hold?5']);
      statuses = rs.map((r) => r.status);
      urls = rs.map((r) => new URL(r.url).search);
    } }, srv.url, { batchPerHost: 2 });
    assert.equal(maxActive, 2);
    assert.deepEqual(statuses, [200, 200, 200, 200, 200]);
    assert.deepEqual(urls, ['?1', '?2', '?3', '?4', '?5']);
  });

  test('every params.tags entry is recorded on the request samples', async () => {
    const { store } = await runWorkload({ executor: 'per-vu-iterations', vus: 1, iterations: 2, exec: async ({ http }) => {
      await http.get('/echo', { tags: { name: 'home', page: 'landing', tenant: 'a,b:c' } });
    } }, srv.url);
    assert.equal(count(store, 'http_reqs', { name: 'home', page: 'landing', tenant: 'a,b:c' }), 2);
  });

  test('bodies: string, object as JSON, Buffer, Uint8Array, URLSearchParams as a form, FormData as multipart', async () => {
    bodies = [];
    await runWorkload({ executor: 'per-vu-iterations', vus: 1, iterations: 1, exec: async ({ http }) => {
      await http.post('/echo', 'text');
      await http.post('/echo', { a: 1 });
      await http.post('/echo', Buffer.from([0, 1, 255]));
      await http.post('/echo', new Uint8Array([7, 8]));
      await http.post('/echo', new URLSearchParams({ a: '1', b: 'x y' }));
      const fd = new FormData();
      fd.append('title', 'report');
      fd.append('file', new Blob(['file body'], { type: 'text/plain' }), 'a.txt');
      await http.post('/echo', fd);
    } }, srv.url);
    assert.equal(bodies[0].body.toString(), 'text');
    assert.equal(bodies[1].type, 'application/json');
    assert.deepEqual(JSON.parse(bodies[1].body.toString()), { a: 1 });
    assert.deepEqual([...bodies[2].body], [0, 1, 255]);
    assert.deepEqual([...bodies[3].body], [7, 8]);
    assert.match(bodies[4].type ?? '', /^application\/x-www-form-urlencoded/);
    assert.equal(bodies[4].body.toString(), 'a=1&b=x+y');
    // The server splits the multipart body on the boundary its content-type names.
    const m = /^multipart\/form-data; boundary=(.+)$/.exec(bodies[5].type ?? '');
    assert.ok(m, `multipart content-type, got ${bodies[5].type}`);
    const parts = bodies[5].body.toString('latin1').split(`--${m[1]}`);
    assert.equal(parts.at(-1)?.trim(), '--', 'closing boundary');
    const file = parts.find((p) => p.includes('name="file"'));
    assert.ok(file?.includes('filename="a.txt"') && /\r\n\r\nfile body\r\n$/.test(file), file);
    assert.ok(parts.some((p) => p.includes('name="title"') && p.includes('\r\n\r\nreport\r\n')));
  });
});
