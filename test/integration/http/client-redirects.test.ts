import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, runWorkload, count } from './run-workload.ts';

// /r/<code>?to=<url> answers <code> with Location <url>; /echo records what reached it; /loop redirects to itself.
interface Seen { method: string; url: string; body: string; headers: Record<string, string | string[] | undefined> }
let seen: Seen[] = [];
let srv: Awaited<ReturnType<typeof startServer>>;
before(async () => {
  srv = await startServer((req, res) => {
    let body = '';
    req.on('data', (c) => { body += c; });
    req.on('end', () => {
      const u = new URL(req.url ?? '/', 'http://x');
      const m = /^\/r\/(\d{3})$/.exec(u.pathname);
      if (m) { res.writeHead(Number(m[1]), { location: u.searchParams.get('to') ?? '/echo' }); res.end('moved'); return; }
      if (u.pathname === '/loop') { res.writeHead(302, { location: '/loop' }); res.end(); return; }
      seen.push({ method: req.method ?? '', url: req.url ?? '', body, headers: req.headers });
      res.end('final');
    });
  });
});
after(() => srv.close());

describe('redirects', { timeout: 30_000 }, () => {
  test('301/302/303 continue as GET without a body; 307/308 keep method and body; each hop is its own sample', async () => {
    seen = [];
    const results: Array<[number, number, string]> = [];
    const { store } = await runWorkload({
      executor: 'per-vu-iterations', vus: 1, iterations: 1,
      exec: async ({ http }) => {
        for (const code of [301, 302, 303, 307, 308]) {
          const r = await http.post(`/r/${code}?to=/echo`, 'payload', { headers: { 'content-type': 'text/plain' }, tags: { name: `p${code}` } });
          results.push([code, r.status, r.url]);
        }
      },
    }, srv.url);
    assert.deepEqual(seen.map((s) => [s.method, s.body, s.headers['content-type']]), [
      ['GET', '', undefined], ['GET', '', undefined], ['GET', '', undefined], ['POST', 'payload', 'text/plain'], ['POST', 'payload', 'text/plain'],
    ]);
    for (const [code, status, url] of results) { assert.equal(status, 200, `${code} followed`); assert.equal(url, `${srv.url}/echo`); }
    for (const code of [301, 302, 303, 307, 308]) {
      assert.equal(count(store, 'http_reqs', { name: `p${code}`, status: String(code) }), 1, `the ${code} hop is a sample`);
      assert.equal(count(store, 'http_reqs', { name: `p${code} (redirect 1)`, status: '200' }), 1, `the followed request of ${code} is a sample`);
    }
    assert.equal(store.query('http_req_failed', {})!.values(1).passes, 0, 'no hop counted as failed');
  });

  test('steps follow redirects by default; maxRedirects 0 measures the redirect itself and counts it as success', async () => {
    seen = [];
    const { store } = await runWorkload({ executor: 'per-vu-iterations', vus: 1, iterations: 2, steps: [{ name: 'a', path: '/r/302?to=/echo' }, { name: 'b', path: '/r/307?to=/echo', maxRedirects: 0 }] }, srv.url);
    assert.equal(seen.length, 2, 'only step a reached /echo, once per iteration');
    assert.equal(count(store, 'http_reqs', { name: 'a (redirect 1)', status: '200' }), 2);
    assert.equal(count(store, 'http_reqs', { name: 'b', status: '307', expected_response: 'true' }), 2);
    assert.equal(count(store, 'http_reqs', { name: 'b (redirect 1)' }), 0);
  });

  test('a step expecting [200] is judged on its final response, not on the redirect it followed', async () => {
    const { store } = await runWorkload({ executor: 'per-vu-iterations', vus: 1, iterations: 1, steps: [{ name: 'e', path: '/r/302?to=/echo', expect: [200] }] }, srv.url);
    assert.equal(store.query('http_req_failed', {})!.values(1).passes, 0);
  });

  test('the loop limit ends with one warning and the last redirect as the response', async () => {
    let status = 0;
    const { store, warnings } = await runWorkload({
      executor: 'per-vu-iterations', vus: 1, iterations: 2, maxRedirects: 3,
      exec: async ({ http }) => { status = (await http.get('/loop', { tags: { name: 'loop' } })).status; },
    }, srv.url);
    assert.equal(status, 302);
    assert.equal(count(store, 'http_reqs', { method: 'GET' }), 8, 'first request + 3 hops, twice');
    assert.equal(warnings.filter((w) => w.includes('stopped after 3 redirects')).length, 1, warnings.join('\n'));
  });

  test('a hop to a host the guard refuses is an LC_HOST_NOT_ALLOWED sample and nothing is sent there', async () => {
    seen = [];
    const port = new URL(srv.url).port;
    const { store } = await runWorkload({ executor: 'per-vu-iterations', vus: 1, iterations: 1, steps: [{ name: 'x', path: `/r/302?to=http://localhost:${port}/echo` }] },
      srv.url, { isAllowedHost: (h) => h === '127.0.0.1' });
    assert.equal(seen.length, 0, 'the refused host got no request');
    assert.equal(count(store, 'http_reqs', { name: 'x (redirect 1)', error: 'LC_HOST_NOT_ALLOWED' }), 1);
    assert.equal(store.query('http_req_failed', { name: 'x (redirect 1)' })!.values(1).passes, 1, 'counted as failed');
  });

  test('a cross-origin hop drops Authorization; a same-origin hop keeps it', async () => {
    seen = [];
    const port = new URL(srv.url).port;
    await runWorkload({ executor: 'per-vu-iterations', vus: 1, iterations: 1, steps: [
      { name: 'same', path: '/r/302?to=/echo', headers: { authorization: 'Bearer t' } },
      { name: 'cross', path: `/r/302?to=http://localhost:${port}/echo`, headers: { authorization: 'Bearer t' } },
    ] }, srv.url);
    assert.deepEqual(seen.map((s) => s.headers.authorization), ['Bearer t', undefined]);
  });
});
