import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, runWorkload, count } from './run-workload.ts';
import { createHttpEngine } from '../../../src/protocols/http/engine.ts';

// The server records each request's target and headers as they came on the wire.
let seen: Array<{ url: string; auth?: string; ua?: string }> = [];
let srv: Awaited<ReturnType<typeof startServer>>;
before(async () => {
  srv = await startServer((req, res) => { seen.push({ url: req.url ?? '', auth: req.headers.authorization, ua: req.headers['user-agent'] }); res.end('ok'); });
});
after(() => srv.close());

describe('request URLs', { timeout: 30_000 }, () => {
  test('paths are parsed as URLs: no fragment on the wire, UTF-8 percent-encoded, spaces encoded, the base path kept', async () => {
    seen = [];
    await runWorkload({ executor: 'per-vu-iterations', vus: 1, iterations: 1, steps: [
      { path: '/page?x=1#frag' }, { path: '/café' }, { path: '/search?q=a b' }, { path: 'rel/../x' },
    ] }, `${srv.url}/api/`);
    assert.deepEqual(seen.map((s) => s.url), ['/api/page?x=1', '/api/caf%C3%A9', '/api/search?q=a%20b', '/api/x']);
  });

  test('userinfo becomes Basic authentication and leaves the URL; a default User-Agent is sent and can be overridden', async () => {
    seen = [];
    const port = new URL(srv.url).port;
    await runWorkload({ executor: 'per-vu-iterations', vus: 1, iterations: 1, exec: async ({ http }) => {
      await http.get(`http://us%40er:p%3Ass@127.0.0.1:${port}/secret`);
      await http.get('/ua', { headers: { 'User-Agent': 'custom/1' } });
    } }, srv.url);
    assert.equal(seen[0].url, '/secret');
    assert.equal(seen[0].auth, `Basic ${Buffer.from('us@er:p:ss').toString('base64')}`);
    assert.match(seen[0].ua ?? '', /^loadcert\/\d+\.\d+\.\d+/);
    assert.equal(seen[1].ua, 'custom/1');
  });

  test('a computed URL that cannot be parsed is an iteration error, not a failed request', async () => {
    seen = [];
    const { store } = await runWorkload({ executor: 'per-vu-iterations', vus: 1, iterations: 2, steps: [{ path: () => 'http://[bad/x' }] }, srv.url);
    assert.equal(count(store, 'iteration_errors', {}), 2);
    assert.equal(store.query('http_reqs', {}), undefined, 'no request sample');
    const exec = await runWorkload({ executor: 'per-vu-iterations', vus: 1, iterations: 1, exec: async ({ http }) => { await http.get('http://127.0.0.1:99999/'); } }, srv.url);
    assert.equal(count(exec.store, 'iteration_errors', {}), 1);
  });

  test('a static step path that cannot be parsed is a config issue (104) naming the field', () => {
    const engine = createHttpEngine({ timeoutMs: 1000, headers: {}, isAllowedHost: () => true });
    const issues = engine.validate({ executor: 'per-vu-iterations', vus: 1, iterations: 1, steps: [{ path: 'http://[bad/x' }] }, 'workloads.t', 'scenario.ts');
    assert.equal(issues.length, 1);
    assert.equal(issues[0].path, 'workloads.t.steps[0].path');
    assert.match(issues[0].message, /cannot be parsed/);
  });
});
