// http.tls against real node:https servers with openssl-made certificates: a private CA's certificate is
// refused by default with the TLS code as the error tag and trusted through `ca`; insecureSkipTLSVerify
// accepts it; a mutual-TLS server passes with cert/key and fails named without; TLS handshake time is
// its own phase (http_req_tls_handshaking), outside http_req_connecting, both inside http_req_blocked.
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import { MetricRegistry } from '../../../src/metrics/registry.ts';
import { MetricStore } from '../../../src/metrics/store.ts';
import { tagSet } from '../../../src/metrics/tagset.ts';
import { HttpTagCache } from '../../../src/protocols/http/http-series.ts';
import { H1Pool } from '../../../src/protocols/http/h1/pool.ts';
import { sendRequest, InflightRequests, type SendResult } from '../../../src/protocols/http/request.ts';
import { clientTls, type ClientTls } from '../../../src/protocols/http/tls-context.ts';
import { resolveHttpTls } from '../../../src/config/http-tls.ts';
import type { HttpTlsOptions } from '../../../src/contracts/scenario-types.ts';
import { ROOT, readSummary, runCli, tempOut } from '../../helpers/cli.ts';
import { makeCerts, type TestCerts } from '../../helpers/certs.ts';
import { runPreflight } from '../../../src/preflight/preflight.ts';

async function listen(s: Server): Promise<string> {
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', r));
  return `https://127.0.0.1:${(s.address() as AddressInfo).port}`;
}

describe('http.tls', { timeout: 120_000 }, () => {
  let certs: TestCerts;
  let server: Server; // certificate from the private CA
  let mtls: Server; // the same, and requires a client certificate from the CA
  let url = '';
  let mtlsUrl = '';
  let served = 0;

  before(async () => {
    certs = makeCerts();
    writeFileSync(join(certs.dir, 'package.json'), '{ "type": "module" }\n'); // the scenarios written below are ES modules
    const handler = (_req: unknown, res: import('node:http').ServerResponse) => { served++; res.end('ok'); };
    server = createServer({ key: certs.serverKey, cert: certs.serverCert }, handler);
    mtls = createServer({ key: certs.serverKey, cert: certs.serverCert, ca: certs.caCert, requestCert: true, rejectUnauthorized: true }, handler);
    url = await listen(server);
    mtlsUrl = await listen(mtls);
  });
  after(async () => {
    for (const s of [server, mtls]) { s.closeAllConnections(); await new Promise((r) => s.close(r)); }
  });

  async function get(base: string, tls: ClientTls | undefined): Promise<{ r: SendResult; store: MetricStore }> {
    const store = new MetricStore(new MetricRegistry());
    const tags = new HttpTagCache({ scenario: 'tls' }, tagSet, store);
    const pool = new H1Pool(new URL(base), { connections: 1, timeoutMs: 5000, tls });
    const r = await sendRequest(pool, { method: 'GET', path: '/x', headers: {}, endpoint: tags.endpoint('x', 'GET'), readBody: true, timeoutMs: 5000 }, performance.now(), tags, new InflightRequests());
    await pool.close();
    return { r, store };
  }
  const opts = (o: HttpTlsOptions): ClientTls => clientTls(resolveHttpTls(o, join(certs.dir, 'scenario.ts')));

  test('a private CA is refused by default with the TLS code as the error, and trusted through ca (file path or PEM text)', async () => {
    const refused = await get(url, undefined);
    assert.equal(refused.r.ok, false);
    assert.equal(refused.r.error, 'UNABLE_TO_VERIFY_LEAF_SIGNATURE');
    assert.equal(refused.store.query('http_reqs', { error: 'UNABLE_TO_VERIFY_LEAF_SIGNATURE' })?.count, 1);
    assert.equal((await get(url, opts({ ca: 'ca.pem' }))).r.status, 200);
    assert.equal((await get(url, opts({ ca: certs.caCert }))).r.status, 200);
  });

  test('bodies read over TLS are kept intact: decrypted reads land in the shared read buffer and are copied', async () => {
    // two connections answer at once with large bodies (many reads each, interleaved), every byte depending on
    // its position and the path: a body kept as views of the shared read buffer would hold later reads' bytes
    const body = (path: string) => Array.from({ length: 300_000 }, (_, i) => String.fromCharCode(97 + ((i + (path === '/a' ? 0 : 13)) % 26))).join('');
    const big = createServer({ key: certs.serverKey, cert: certs.serverCert }, (q, s) => s.end(body(q.url ?? '')));
    const u = await listen(big);
    try {
      const store = new MetricStore(new MetricRegistry());
      const tags = new HttpTagCache({ scenario: 'tls' }, tagSet, store);
      const pool = new H1Pool(new URL(u), { connections: 2, timeoutMs: 5000, tls: opts({ ca: 'ca.pem' }) });
      const send = (path: string) => sendRequest(pool, { method: 'GET', path, headers: {}, endpoint: tags.endpoint(path, 'GET'), readBody: true, timeoutMs: 5000 }, performance.now(), tags, new InflightRequests());
      for (let round = 0; round < 3; round++) {
        const [a, b] = await Promise.all([send('/a'), send('/b')]);
        assert.ok(a.body === body('/a'), `round ${round}: body of /a`);
        assert.ok(b.body === body('/b'), `round ${round}: body of /b`);
      }
      await pool.close();
    } finally { big.closeAllConnections(); big.close(); }
  });

  test('insecureSkipTLSVerify accepts a certificate nobody trusts', async () => {
    const self = createServer({ key: certs.selfKey, cert: certs.selfCert }, (_q, s) => s.end('ok'));
    const selfUrl = await listen(self);
    try {
      assert.equal((await get(selfUrl, undefined)).r.error, 'DEPTH_ZERO_SELF_SIGNED_CERT');
      assert.equal((await get(selfUrl, opts({ insecureSkipTLSVerify: true }))).r.status, 200);
    } finally { self.closeAllConnections(); self.close(); }
  });

  test('serverName is checked against the certificate: a name it does not hold fails named', async () => {
    const r = (await get(url, opts({ ca: 'ca.pem', serverName: 'wrong.example.test' }))).r;
    assert.equal(r.error, 'ERR_TLS_CERT_ALTNAME_INVALID');
    assert.equal((await get(url, opts({ ca: 'ca.pem', serverName: 'localhost' }))).r.status, 200);
  });

  test('mutual TLS: passes with cert and key, fails with a named TLS error without, and nothing is served', async () => {
    const before = served;
    const without = (await get(mtlsUrl, opts({ ca: 'ca.pem' }))).r;
    assert.equal(without.ok, false);
    assert.match(without.error ?? '', /^ERR_SSL_TLSV13_ALERT_CERTIFICATE_REQUIRED$|^ERR_SSL_SSLV3_ALERT_HANDSHAKE_FAILURE$/, `error was ${without.error}`);
    assert.equal(served, before);
    assert.equal((await get(mtlsUrl, opts({ ca: 'ca.pem', cert: 'client.pem', key: 'client.key' }))).r.status, 200);
  });

  test('maxVersion TLSv1.2 against a TLSv1.3-only server fails named', async () => {
    const v13 = createServer({ key: certs.serverKey, cert: certs.serverCert, minVersion: 'TLSv1.3' }, (_q, s) => s.end('ok'));
    const u = await listen(v13);
    try {
      const r = (await get(u, opts({ ca: 'ca.pem', maxVersion: 'tls1.2' }))).r;
      assert.match(r.error ?? '', /PROTOCOL_VERSION|VERSION/, `error was ${r.error}`);
      assert.equal((await get(u, opts({ ca: 'ca.pem' }))).r.status, 200);
    } finally { v13.closeAllConnections(); v13.close(); }
  });

  test('the TLS handshake is its own phase: tls_handshaking > 0, and connecting + tls_handshaking fit in blocked', async () => {
    const { r, store } = await get(url, opts({ ca: 'ca.pem' }));
    assert.equal(r.status, 200);
    const q = (m: string) => store.query(m, { name: 'x' })!.values(1);
    const tlsMs = q('http_req_tls_handshaking').max as number;
    const connMs = q('http_req_connecting').max as number;
    const blockedMs = q('http_req_blocked').max as number;
    assert.ok(tlsMs > 0, `tls_handshaking ${tlsMs}`);
    assert.ok(connMs + tlsMs <= blockedMs + 1e-6, `connecting ${connMs} + tls ${tlsMs} > blocked ${blockedMs}`);
  });

  test('preflight probes use http.tls too', async () => {
    const [refused] = await runPreflight(url, { endpoints: ['/health'] });
    assert.equal(refused.ok, false);
    const [ok] = await runPreflight(url, { endpoints: ['/health'] }, opts({ ca: 'ca.pem' }));
    assert.equal(ok.ok, true, JSON.stringify(ok));
  });

  test('a loadcert run trusts the CA through http.tls (preflight included), warns for insecureSkipTLSVerify, and judges a tls_handshaking threshold', async () => {
    const file = join(certs.dir, 'tls-run.ts');
    const scenario = (tls: string) => `export default {
  baseUrl: '${url}', thresholdsFile: false,
  http: { tls: ${tls} },
  health: { endpoints: ['/health'] },
  workloads: { api: { executor: 'constant-arrival-rate', rate: 50, duration: '2s', preAllocatedVUs: 5, maxVUs: 20, steps: [{ name: 'x', path: '/x' }] } },
  thresholds: { http_req_failed: ['rate<0.01'], http_req_tls_handshaking: ['p(99)<5000'] },
};\n`;
    writeFileSync(file, scenario(`{ ca: './ca.pem' }`));
    const out = tempOut();
    const res = await runCli(['run', file, '--out', out]);
    assert.equal(res.code, 0, res.stderr.slice(-2000));
    const s = readSummary(out);
    assert.equal(s.metrics.http_reqs.values.count, 100);
    assert.equal(s.metrics.http_req_failed.values.rate, 0);
    assert.ok((s.metrics.http_req_tls_handshaking.values.max as number) > 0);
    assert.ok(!s.loadcert.warnings.some((w) => w.includes('insecureSkipTLSVerify')));

    writeFileSync(file, scenario(`{ insecureSkipTLSVerify: true }`));
    const out2 = tempOut();
    const res2 = await runCli(['run', file, '--out', out2]);
    assert.equal(res2.code, 0, res2.stderr.slice(-2000));
    assert.ok(readSummary(out2).loadcert.warnings.some((w) => w.includes('insecureSkipTLSVerify')), JSON.stringify(readSummary(out2).loadcert.warnings));
    assert.match(res2.stderr, /warning: http\.tls\.insecureSkipTLSVerify/);
  });

  test('bad http.tls exits 104 naming file, field and fix', async () => {
    const file = join(certs.dir, 'tls-bad.ts');
    writeFileSync(file, `export default { baseUrl: '${url}', thresholdsFile: false, http: { tls: { ca: './missing.pem', cert: './client.pem', minVersion: 'TLSv9' } },
  workloads: { api: { executor: 'constant-vus', vus: 1, duration: '1s', steps: [{ path: '/x' }] } } };\n`);
    const res = await runCli(['run', file, '--out', tempOut()]);
    assert.equal(res.code, 104, res.stderr);
    assert.match(res.stderr, /http\.tls\.ca.*missing\.pem.*ENOENT/s);
    assert.match(res.stderr, /http\.tls\.key.*mutual TLS needs both cert and key/s);
    assert.match(res.stderr, /http\.tls\.minVersion.*unknown TLS version/s);
    assert.match(res.stderr, /tls-bad\.ts/);
  });
  void ROOT;
});
