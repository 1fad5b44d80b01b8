import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, runWorkload, count } from './run-workload.ts';

// POST /login sets a session cookie (and redirects to /me, as cookie-authenticated apps do); /me answers
// 200 with the cookie, else 401; /cookies echoes the Cookie header it got.
let cookieHeaders: Array<string | undefined> = [];
let srv: Awaited<ReturnType<typeof startServer>>;
before(async () => {
  srv = await startServer((req, res) => {
    const u = new URL(req.url ?? '/', 'http://x');
    if (u.pathname === '/login') { res.writeHead(302, { 'set-cookie': ['sid=abc; Path=/; HttpOnly', 'theme=dark; Path=/ui'], location: '/me' }); res.end(); return; }
    if (u.pathname === '/me') { res.statusCode = /(^|; )sid=abc(;|$)/.test(req.headers.cookie ?? '') ? 200 : 401; res.end(); return; }
    cookieHeaders.push(req.headers.cookie);
    res.end(req.headers.cookie ?? '');
  });
});
after(() => srv.close());

describe('cookie jar', { timeout: 30_000 }, () => {
  test('a login sets a cookie that later requests of the VU carry, also across its redirect', async () => {
    const { store } = await runWorkload({ executor: 'per-vu-iterations', vus: 2, iterations: 2, steps: [
      { name: 'login', method: 'POST', path: '/login' }, { name: 'me', path: '/me' },
    ] }, srv.url);
    assert.equal(count(store, 'http_reqs', { name: 'login (redirect 1)', status: '200' }), 4, 'the redirect after login carried the cookie');
    assert.equal(count(store, 'http_reqs', { name: 'me', status: '200' }), 4);
    assert.equal(count(store, 'http_reqs', { status: '401' }), 0);
  });

  test('the jar is cleared at each iteration start unless the workload keeps it; off means no jar', async () => {
    for (const [mode, expected] of [['reset', [undefined, 'sid=abc', undefined, 'sid=abc']], ['keep', [undefined, 'sid=abc', 'sid=abc', 'sid=abc']], ['off', [undefined, undefined, undefined, undefined]]] as const) {
      cookieHeaders = [];
      await runWorkload({ executor: 'per-vu-iterations', vus: 1, iterations: 2, cookies: mode, steps: [
        { name: 'before', path: '/c' }, { name: 'login', method: 'POST', path: '/login', maxRedirects: 0 }, { name: 'after', path: '/c' },
      ] }, srv.url);
      assert.deepEqual(cookieHeaders, [...expected], mode);
    }
  });

  test('exec reads and sets cookies through http.cookieJar(); a user Cookie header is merged with the jar', async () => {
    cookieHeaders = [];
    let seen: Record<string, string[]> = {};
    await runWorkload({ executor: 'per-vu-iterations', vus: 1, iterations: 1, exec: async ({ http, cookies }) => {
      const jar = http.cookieJar();
      jar.set(`${srv.url}/`, 'k', 'v');
      await http.get('/c', { headers: { Cookie: 'mine=1' } });
      await http.post('/login', null, { redirects: 0 });
      seen = cookies.cookiesForURL(`${srv.url}/ui/x`);
      jar.delete(`${srv.url}/`, 'k');
      await http.get('/c');
      jar.clear(`${srv.url}/`);
      await http.get('/c');
    } }, srv.url);
    assert.deepEqual(seen, { theme: ['dark'], k: ['v'], sid: ['abc'] });
    assert.deepEqual(cookieHeaders, ['mine=1; k=v', 'sid=abc', undefined]);
  });
});
