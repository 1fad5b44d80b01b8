// loadcert's HTTP/1.1 client over TLS, against a real node:https server on 127.0.0.1 port 0 with a
// certificate made for the test by openssl: an untrusted certificate is refused with the TLS error as the
// request's error tag, and a trusted one (NODE_EXTRA_CA_CERTS) serves a whole `loadcert run` over https.
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import { MetricRegistry } from '../../../src/metrics/registry.ts';
import { MetricStore } from '../../../src/metrics/store.ts';
import { tagSet } from '../../../src/metrics/tagset.ts';
import { HttpTagCache } from '../../../src/protocols/http/http-series.ts';
import { H1Pool } from '../../../src/protocols/http/h1/pool.ts';
import { sendRequest, InflightRequests } from '../../../src/protocols/http/request.ts';
import { ROOT, BIN, readSummary, tempOut } from '../../helpers/cli.ts';
import { spawn } from 'node:child_process';

describe('HTTP/1.1 client over TLS', { timeout: 120_000 }, () => {
  const dir = mkdtempSync(join(tmpdir(), 'loadcert-tls-'));
  let server: Server;
  let url = '';
  let requests = 0;

  before(async () => {
    // a self-signed certificate for 127.0.0.1 (openssl is part of the machine: it fails loudly if missing)
    execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '1', '-subj', '/CN=127.0.0.1',
      '-addext', 'subjectAltName=IP:127.0.0.1', '-keyout', join(dir, 'key.pem'), '-out', join(dir, 'cert.pem')], { stdio: 'ignore' });
    server = createServer({ key: readFileSync(join(dir, 'key.pem')), cert: readFileSync(join(dir, 'cert.pem')) }, (req, res) => {
      requests++;
      res.setHeader('content-type', 'application/json');
      res.end(JSON.stringify({ ok: true, alpn: (req.socket as { alpnProtocol?: string | false }).alpnProtocol ?? null }));
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    url = `https://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  after(async () => {
    server.closeAllConnections();
    await new Promise((r) => server.close(r));
  });

  test('an untrusted certificate fails the request with the TLS error code, and nothing reaches the server', async () => {
    const store = new MetricStore(new MetricRegistry());
    const tags = new HttpTagCache({ scenario: 'tls' }, tagSet, store);
    const pool = new H1Pool(new URL(url), { connections: 2, timeoutMs: 5000 });
    const before = requests;
    const r = await sendRequest(pool, { method: 'GET', path: '/x', headers: {}, endpoint: tags.endpoint('x', 'GET'), readBody: true, timeoutMs: 5000 }, performance.now(), tags, new InflightRequests());
    await pool.close();
    assert.equal(r.ok, false);
    assert.match(r.error ?? '', /SELF_SIGNED|UNABLE_TO_VERIFY|CERT/, `error was ${r.error}`);
    assert.equal(requests, before);
    assert.equal(store.query('http_reqs', { error: r.error! })?.count, 1);
  });

  test('with the certificate trusted, a loadcert run over https completes every request on kept-alive TLS connections', async () => {
    const out = tempOut();
    const before = requests;
    const child = spawn(process.execPath, [BIN, 'run', join(ROOT, 'test/fixtures/scenarios/open-200.ts'), '--base-url', url, '--out', out, '--skip-preflight'],
      { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, NODE_EXTRA_CA_CERTS: join(dir, 'cert.pem'), GITHUB_STEP_SUMMARY: '' } });
    let stderr = '';
    child.stderr!.on('data', (d) => (stderr += d));
    const code = await new Promise<number | null>((r) => child.on('exit', r));
    assert.equal(code, 0, stderr.slice(-2000));
    const m = readSummary(out).metrics;
    assert.equal(m.http_reqs.values.count, 1000);
    assert.equal(m.http_req_failed.values.rate, 0);
    assert.ok(requests - before >= 1000, `server saw ${requests - before}`); // the run's health poller adds a few of its own
    // connecting (TCP + TLS handshake) was paid once per connection, not per request
    assert.ok((m.http_req_connecting.values['p(90)'] as number) === 0, JSON.stringify(m.http_req_connecting.values));
    assert.ok((m.http_req_connecting.values.max as number) > 0);
  });
});
