// HTTP version negotiation as k6 and browsers do it: ALPN offers h2 and http/1.1 on https: ('auto'), an
// HTTP/2-only TLS server is served over HTTP/2 (it refuses an http/1.1-only client), 'http1' forces
// HTTP/1.1, an HTTP/1.1-only https server stays on HTTP/1.1, h2c with prior knowledge on http:, mutual TLS
// over h2; each sample carries the proto tag; a reused session has no connect or TLS phase; preflight
// negotiates the same way.
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createServer as createHttpsServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import { makeCerts, type TestCerts } from '../../helpers/certs.ts';
import { clientTls, type ClientTls } from '../../../src/protocols/http/tls-context.ts';
import { runPreflight } from '../../../src/preflight/preflight.ts';
import { h2Client, h2Server, type H2TestServer, type StreamHandler } from './h2-helpers.ts';
import { runWorkload, count } from './run-workload.ts';
import { createHttpEngine } from '../../../src/protocols/http/engine.ts';

const ok: StreamHandler = (stream, headers) => {
  if (headers[':path'] === '/health') stream.respond({ ':status': 200, 'content-type': 'application/json' });
  else stream.respond({ ':status': 200 });
  stream.end('ok');
};

describe('HTTP/2 negotiation', { timeout: 60_000 }, () => {
  let certs: TestCerts;
  let tls: ClientTls;
  let h2only: H2TestServer;
  let both: H2TestServer;
  let mtls: H2TestServer;
  let h2c: H2TestServer;
  let h1only: Server;
  let h1Url = '';

  before(async () => {
    certs = makeCerts();
    tls = clientTls({ ca: certs.caCert, rejectUnauthorized: true });
    const key = { key: certs.serverKey, cert: certs.serverCert };
    h2only = await h2Server(ok, key);
    both = await h2Server(ok, { ...key, allowHTTP1: true });
    // allowHTTP1 servers hand HTTP/1.1 requests to 'request', not 'stream'
    both.server.on('request', (req, res) => { if (req.httpVersion === '1.1') res.end('ok'); });
    mtls = await h2Server(ok, { ...key, ca: certs.caCert, requestCert: true, rejectUnauthorized: true });
    h2c = await h2Server(ok);
    h1only = createHttpsServer(key, (_q, r) => r.end('ok'));
    await new Promise<void>((r) => h1only.listen(0, '127.0.0.1', r));
    h1Url = `https://127.0.0.1:${(h1only.address() as AddressInfo).port}`;
  });
  after(async () => {
    for (const s of [h2only, both, mtls, h2c]) await s.close();
    h1only.closeAllConnections();
    await new Promise((r) => h1only.close(r));
  });

  async function run(url: string, n: number, opts: Parameters<typeof h2Client>[1]) {
    const c = h2Client(url, opts);
    for (let i = 0; i < n; i++) await c.send();
    await c.pool.close();
    return c;
  }

  test('an HTTP/2-only TLS server is load-tested over HTTP/2 under auto and h2, one session, proto HTTP/2.0 on every sample', async () => {
    let conns = 0;
    h2only.server.on('connection', () => conns++); // TCP connections (a client that drops a handshake is not a session)
    for (const protocol of ['auto', 'h2'] as const) {
      const before = conns;
      const c = await run(h2only.url, 10, { tls, protocol });
      assert.equal(c.counter('http_reqs', { status: '200', proto: 'HTTP/2.0' }), 10, protocol);
      assert.equal(c.counter('http_reqs'), 10, protocol);
      assert.equal(conns - before, 1, `${protocol}: one connection carried every request (the negotiated socket was handed over)`);
    }
  });

  test('a reused session has no connect or TLS phase: only its first request carries them', async () => {
    const c = await run(h2only.url, 10, { tls });
    const tlsPhase = c.trend('http_req_tls_handshaking');
    const connecting = c.trend('http_req_connecting');
    assert.equal(tlsPhase.count, 10);
    assert.ok(tlsPhase.max > 0, 'the first request carries the handshake');
    assert.equal(tlsPhase.med, 0, 'the others none');
    assert.equal(connecting.med, 0);
  });

  test('http1 against an HTTP/2-only server fails with the TLS alert as its error (it accepts no http/1.1)', async () => {
    const c = await run(h2only.url, 1, { tls, protocol: 'http1' });
    assert.equal(c.counter('http_reqs', { error: 'ERR_SSL_TLSV1_ALERT_NO_APPLICATION_PROTOCOL' }), 1);
  });

  test('a server offering both: auto negotiates HTTP/2.0, http1 forces HTTP/1.1 (the proto tag shows it)', async () => {
    const a = await run(both.url, 3, { tls });
    assert.equal(a.counter('http_reqs', { proto: 'HTTP/2.0', status: '200' }), 3);
    const b = await run(both.url, 3, { tls, protocol: 'http1' });
    assert.equal(b.counter('http_reqs', { proto: 'HTTP/1.1', status: '200' }), 3);
    assert.equal(b.counter('http_reqs', { proto: 'HTTP/2.0' }), 0);
  });

  test('an HTTP/1.1-only https server under auto is served over HTTP/1.1 on the negotiated connection', async () => {
    let conns = 0;
    h1only.on('connection', () => conns++);
    const c = await run(h1Url, 5, { tls, connections: 1 });
    assert.equal(c.counter('http_reqs', { proto: 'HTTP/1.1', status: '200' }), 5);
    assert.equal(conns, 1, 'one connection: the negotiated socket carried the requests');
  });

  test('h2c with prior knowledge on http: (protocol h2); auto on http: stays HTTP/1.1', async () => {
    const c = await run(h2c.url, 4, { protocol: 'h2' });
    assert.equal(c.counter('http_reqs', { proto: 'HTTP/2.0', status: '200' }), 4);
    assert.equal(c.trend('http_req_tls_handshaking').max, 0, 'no TLS on h2c');
  });

  test('mutual TLS over h2: passes with the client certificate, fails named without', async () => {
    const withCert = clientTls({ ca: certs.caCert, cert: certs.clientCert, key: certs.clientKey, rejectUnauthorized: true });
    const c = await run(mtls.url, 3, { tls: withCert });
    assert.equal(c.counter('http_reqs', { proto: 'HTTP/2.0', status: '200' }), 3);
    const d = await run(mtls.url, 1, { tls });
    assert.equal(d.counter('http_reqs', { error: 'ERR_SSL_TLSV13_ALERT_CERTIFICATE_REQUIRED' }), 1, 'no response without a client certificate, the TLS alert named');
  });

  test('a workload\'s own http options replace the scenario\'s: tls (a CA trusted for it alone) and protocol', async () => {
    const steps = [{ name: 'x', path: '/x' }];
    // the scenario trusts no CA and says http1; the workload trusts the CA and asks for h2
    const { store } = await runWorkload({ executor: 'per-vu-iterations', vus: 2, iterations: 2, steps, http: { tls: { ca: certs.caCert }, protocol: 'h2' } }, h2only.url, { protocol: 'http1' });
    assert.equal(count(store, 'http_reqs', { status: '200', proto: 'HTTP/2.0' }), 4);
    const plain = await runWorkload({ executor: 'per-vu-iterations', vus: 1, iterations: 1, steps }, h2only.url, { protocol: 'http1' });
    assert.equal(count(plain.store, 'http_reqs', { status: '200' }), 0, 'without the override the scenario\'s options apply');
    const h2cRun = await runWorkload({ executor: 'per-vu-iterations', vus: 1, iterations: 2, steps, http: { protocol: 'h2' } }, h2c.url);
    assert.equal(count(h2cRun.store, 'http_reqs', { status: '200', proto: 'HTTP/2.0' }), 2);
    const issues = createHttpEngine({ timeoutMs: 1000, headers: {}, isAllowedHost: () => true }).validate({ executor: 'per-vu-iterations', vus: 1, iterations: 1, steps, http: { protocol: 'h3', tls: { ca: 42 }, x: 1 } } as never, 'workloads.t', 'scenario.ts');
    assert.deepEqual(issues.map((i) => i.path).sort(), ['workloads.t.http.protocol', 'workloads.t.http.tls.ca', 'workloads.t.http.x']);
  });

  test('preflight negotiates as the load: an HTTP/2-only server is healthy under auto, unreachable under http1', async () => {
    const [good] = await runPreflight(h2only.url, { endpoints: ['/health'] }, tls);
    assert.equal(good.ok, true, JSON.stringify(good));
    const [bad] = await runPreflight(h2only.url, { endpoints: ['/health'] }, tls, 'http1');
    assert.equal(bad.ok, false);
    assert.match(bad.error ?? '', /ERR_SSL_TLSV1_ALERT_NO_APPLICATION_PROTOCOL/);
  });
});
