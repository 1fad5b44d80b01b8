// The HTTP/2 pool under the same request layer as HTTP/1.1: redirects, cookies and gzip work unchanged;
// maxConcurrentStreams smaller than the load queues (no refused stream); GOAWAY sends the unprocessed
// idempotent streams again once on a new session and fails the others named; RST_STREAM is named with
// its code; a stream cut by loadcert's own stop counts only in interrupted_operations.
import { describe, test, after } from 'node:test';
import assert from 'node:assert/strict';
import { constants, type ServerHttp2Stream } from 'node:http2';
import { gzipSync } from 'node:zlib';
import { runWorkload, count } from './run-workload.ts';
import { h2Client, h2Server, until, type H2TestServer } from './h2-helpers.ts';

const servers: H2TestServer[] = [];
after(async () => { for (const s of servers) await s.close(); });
async function server(...a: Parameters<typeof h2Server>): Promise<H2TestServer> {
  const s = await h2Server(...a);
  servers.push(s);
  return s;
}

describe('HTTP/2 client', { timeout: 60_000 }, () => {
  test('redirects, cookies and gzip bodies over h2 work as over HTTP/1.1', async () => {
    const srv = await server((stream, h) => {
      const path = h[':path'];
      if (path === '/login') { stream.respond({ ':status': 302, 'set-cookie': ['sid=abc; Path=/'], location: '/me' }); stream.end(); return; }
      if (path === '/me') { stream.respond({ ':status': /(^|; )sid=abc(;|$)/.test(String(h.cookie ?? '')) ? 200 : 401 }); stream.end(); return; }
      stream.respond({ ':status': 200, 'content-encoding': 'gzip' });
      stream.end(gzipSync('zipped'));
    });
    let body = '';
    const { store } = await runWorkload({ executor: 'per-vu-iterations', vus: 2, iterations: 2, exec: async ({ http }) => {
      await http.post('/login', null);
      await http.get('/me', { tags: { name: 'me' } });
      body = (await http.get('/gz', { tags: { name: 'gz' } })).body as string;
    } }, srv.url, { protocol: 'h2' });
    assert.equal(count(store, 'http_reqs', { name: 'me', status: '200', proto: 'HTTP/2.0' }), 4, 'the cookie set by the redirecting login was sent');
    assert.equal(count(store, 'http_reqs', { status: '401' }), 0);
    assert.equal(body, 'zipped', 'the gzip body was decoded');
    assert.equal(srv.sessions.length, 1, 'one session carried every request');
  });

  test('maxConcurrentStreams below the concurrency: streams wait for a slot (in http_req_blocked), none is refused', async () => {
    let open = 0;
    let maxOpen = 0;
    const srv = await server((stream) => {
      open++;
      maxOpen = Math.max(maxOpen, open);
      setTimeout(() => { open--; stream.respond({ ':status': 200 }); stream.end('ok'); }, 20);
    }, undefined, { maxConcurrentStreams: 2 });
    const c = h2Client(srv.url, { protocol: 'h2' });
    assert.equal((await c.send()).status, 200); // the session is open: the burst below waits only for slots
    const rs = await Promise.all(Array.from({ length: 12 }, () => c.send()));
    await c.pool.close();
    assert.equal(rs.filter((r) => r.status === 200).length, 12, 'no failure, no refused stream');
    assert.equal(c.counter('http_reqs', { status: '200', proto: 'HTTP/2.0' }), 13);
    assert.ok(maxOpen <= 2, `at most 2 streams open at once on the server (saw ${maxOpen})`);
    // Node's own stream queue would put the wait in http_req_waiting; loadcert's queue puts it in blocked
    // (12 requests sent at once, 2 slots, 20 ms each: the last waits about 100 ms for a slot, then 20 ms).
    const blocked = c.trend('http_req_blocked').max;
    const waiting = c.trend('http_req_waiting').max;
    assert.ok(blocked > waiting, `the wait for a slot is in http_req_blocked (${blocked} ms), not in http_req_waiting (${waiting} ms)`);
  });

  test('h2Sessions spreads the streams over that many sessions', async () => {
    const srv = await server((stream) => setTimeout(() => { stream.respond({ ':status': 200 }); stream.end(); }, 20));
    const { store } = await runWorkload({ executor: 'per-vu-iterations', vus: 8, iterations: 2, steps: [{ name: 'x', path: '/x' }] }, srv.url, { protocol: 'h2', h2Sessions: 3 });
    assert.equal(count(store, 'http_reqs', { status: '200' }), 16);
    assert.equal(srv.sessions.length, 3);
  });

  test('GOAWAY: idempotent streams above the last stream id are sent again once on a new session, others fail LC_H2_GOAWAY', async () => {
    const held: ServerHttp2Stream[] = [];
    let first = true;
    const srv = await server((stream) => {
      if (!first) { stream.respond({ ':status': 200 }); stream.end('ok'); return; }
      held.push(stream);
      if (held.length < 4) return;
      // Four streams arrived on the first session: answer the first, refuse the rest by GOAWAY.
      first = false;
      const [a] = held;
      a.respond({ ':status': 200 });
      a.end('ok');
      const session = a.session!;
      session.goaway(constants.NGHTTP2_NO_ERROR, a.id!);
      setTimeout(() => session.destroy(), 200);
    });
    const c = h2Client(srv.url, { protocol: 'h2' });
    const rs = await Promise.all([c.send(), c.send(), c.send({ method: 'POST', body: 'x' }), c.send({ method: 'POST', body: 'y' })]);
    await c.pool.close();
    const ok = rs.filter((r) => r.status === 200).length;
    assert.equal(ok, 2, `the two GETs succeed (one answered, one sent again): ${JSON.stringify(rs.map((r) => r.error ?? r.status))}`);
    assert.equal(c.counter('http_reqs', { error: 'LC_H2_GOAWAY' }), 2, 'the POSTs refused by GOAWAY are not sent again');
    assert.equal(srv.sessions.length, 2, 'the GET went again on a new session');
  });

  test('RST_STREAM is named with its error code; the session goes on', async () => {
    const srv = await server((stream, h) => {
      if (h[':path'] === '/rst') { stream.close(constants.NGHTTP2_INTERNAL_ERROR); return; }
      stream.respond({ ':status': 200 });
      stream.end('ok');
    });
    const c = h2Client(srv.url, { protocol: 'h2' });
    assert.equal((await c.send({ path: '/rst' })).error, 'LC_H2_RST_STREAM:INTERNAL_ERROR');
    assert.equal((await c.send()).status, 200);
    await c.pool.close();
    assert.equal(c.counter('http_reqs', { error: 'LC_H2_RST_STREAM:INTERNAL_ERROR', status: '0', proto: 'HTTP/2.0' }), 1);
    assert.equal(srv.sessions.length, 1);
  });

  test('a stream cut by loadcert\'s stop counts only in interrupted_operations, and is reset on the session', async () => {
    const held: ServerHttp2Stream[] = [];
    const srv = await server((stream) => { held.push(stream); });
    const c = h2Client(srv.url, { protocol: 'h2' });
    const ps = [c.send(), c.send(), c.send()];
    assert.ok(await until(() => held.length === 3), 'three streams reached the server');
    c.inflight.abortAll();
    for (const r of await Promise.all(ps)) assert.equal(r.error, 'interrupted');
    assert.equal(c.counter('interrupted_operations', { scenario: 't', protocol: 'http', op: 'request' }), 3);
    for (const m of ['http_reqs', 'http_req_duration', 'http_req_failed']) assert.equal(c.store.query(m), undefined, `nothing in ${m}`);
    assert.ok(await until(() => held.every((s) => s.closed)), 'the streams were reset');
    await c.pool.close();
  });

  test('a request body larger than the peer\'s windows is sent whole as they open (send flow control)', async () => {
    const srv = await server((stream) => {
      let n = 0;
      stream.on('data', (d: Buffer) => { n += d.length; });
      stream.on('end', () => { stream.respond({ ':status': 200 }); stream.end(String(n)); });
    });
    const c = h2Client(srv.url, { protocol: 'h2' });
    const body = 'b'.repeat(300_000); // over the 65,535-byte initial stream and connection windows
    const rs = await Promise.all([c.send({ method: 'POST', body }), c.send({ method: 'PUT', body })]);
    await c.pool.close();
    assert.deepEqual(rs.map((r) => r.body), ['300000', '300000']);
  });

  test('request headers indexed in the server\'s table arrive intact, also when the server keeps a small table', async () => {
    for (const headerTableSize of [4096, 100, 0]) {
      const seen: string[] = [];
      const srv = await server((stream, h) => {
        seen.push(`${h[':path']} ${h['x-a']} ${h['x-b']} ${h[':authority']}`);
        stream.respond({ ':status': 200 });
        stream.end();
      }, undefined, { headerTableSize });
      const c = h2Client(srv.url, { protocol: 'h2' });
      const want: string[] = [];
      const host = new URL(srv.url).host;
      for (let i = 0; i < 60; i++) {
        const headers = { 'X-A': `a${i % 7}`, 'X-B': 'b'.repeat(10 + (i % 13) * 10) };
        want.push(`/r${i % 4} ${headers['X-A']} ${headers['X-B']} ${host}`);
        // several in flight at once: their blocks are decoded in the order they were encoded
        if (i % 3 === 2) await Promise.all([c.send({ path: `/r${(i - 2) % 4}`, headers: { 'X-A': `a${(i - 2) % 7}`, 'X-B': 'b'.repeat(10 + ((i - 2) % 13) * 10) } }), c.send({ path: `/r${(i - 1) % 4}`, headers: { 'X-A': `a${(i - 1) % 7}`, 'X-B': 'b'.repeat(10 + ((i - 1) % 13) * 10) } }), c.send({ path: `/r${i % 4}`, headers })]);
      }
      await c.pool.close();
      assert.equal(c.counter('http_reqs', { status: '200' }), 60, `headerTableSize ${headerTableSize}`);
      assert.deepEqual([...seen].sort(), [...want].sort(), `headerTableSize ${headerTableSize}: every field as sent`);
    }
  });

  test('a request timeout resets only its stream', async () => {
    const srv = await server((stream, h) => {
      if (h[':path'] === '/slow') return;
      stream.respond({ ':status': 200 });
      stream.end();
    });
    const c = h2Client(srv.url, { protocol: 'h2' });
    const slow = c.send({ path: '/slow', timeoutMs: 300 });
    assert.equal((await c.send()).status, 200);
    assert.equal((await slow).error, 'LC_HTTP_TIMEOUT');
    await c.pool.close();
  });
});
