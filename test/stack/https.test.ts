// The reference stack over HTTPS, against the real Kestrel: the plain redirect port answers 307 to the
// same path on the https URL (UseHttpsRedirection); the TLS port serves HTTP/2 and HTTP/1.1 by ALPN with
// a certificate of the stack's private CA; loadcert certifies a browser session over https with the CA
// trusted through http.tls.ca, also when started at the http:// URL (following the 307), and without the
// CA it fails before load, naming the TLS cause.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import tls from 'node:tls';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { requireHttps, ROOT, skipUnlessHttps } from './stack-env.ts';
import { loadcertRun, type RunOutcome } from './loadcert-run.ts';

const skip = skipUnlessHttps();
const SCENARIO = path.join(ROOT, 'test', 'stack', 'fixtures', 'stack-https.ts');
const SHORT = { ED_RAMP: '1s', ED_HOLD: '3s', ED_SESSION_RATE: '4' };

/** Status and Location of one GET, redirects not followed. */
function get(url: string): Promise<{ status: number; location?: string }> {
  return new Promise((resolve, reject) => {
    http.get(url, { timeout: 5000 }, (res) => {
      res.resume();
      res.on('end', () => resolve({ status: res.statusCode ?? 0, location: res.headers.location }));
    }).on('error', reject).on('timeout', function (this: http.ClientRequest) { this.destroy(new Error(`GET ${url} timed out`)); });
  });
}

/** The protocol the TLS port picks by ALPN from `offered`, the CA verifying its certificate. */
function alpn(httpsUrl: string, ca: string, offered: string[]): Promise<string | false> {
  const u = new URL(httpsUrl);
  return new Promise((resolve, reject) => {
    const socket = tls.connect({ host: u.hostname, port: Number(u.port), ca: readFileSync(ca), ALPNProtocols: offered, timeout: 5000 }, () => {
      const chosen = socket.alpnProtocol ?? false;
      socket.end();
      resolve(chosen);
    });
    socket.on('error', reject);
    socket.on('timeout', () => socket.destroy(new Error('TLS handshake timed out')));
  });
}

const criteria = (r: RunOutcome) => JSON.stringify(r.summary?.thresholds.map((t) => [t.metric, t.ok, t.observed]));

describe('the enterprise-docs stack over HTTPS', { skip }, () => {
  test('the plain redirect port answers 307 to the same path and query on the https URL', async () => {
    const { httpsUrl, redirectUrl } = requireHttps();
    for (const p of ['/account/login?ReturnUrl=%2Fsession%2Fdocuments', '/api/documents?page=2&pageSize=5', '/health']) {
      const r = await get(redirectUrl + p);
      assert.equal(r.status, 307, p);
      assert.equal(r.location, httpsUrl + p);
    }
  });

  test('the TLS port serves HTTP/2 and HTTP/1.1 by ALPN, with a certificate the stack CA verifies', async () => {
    const { httpsUrl, tlsCa } = requireHttps();
    assert.equal(await alpn(httpsUrl, tlsCa, ['h2', 'http/1.1']), 'h2');
    assert.equal(await alpn(httpsUrl, tlsCa, ['http/1.1']), 'http/1.1');
  });

  test('a run at the https URL with the CA trusted by http.tls.ca certifies, over TLS', async () => {
    const { httpsUrl, tlsCa } = requireHttps();
    const r = await loadcertRun(SCENARIO, httpsUrl, { ...SHORT, STACK_TLS_CA: tlsCa, STACK_HTTPS_URL: httpsUrl });
    assert.equal(r.code, 0, r.output);
    assert.ok(r.summary?.thresholds.every((t) => t.ok), criteria(r));
    assert.ok((r.summary?.metrics.http_req_tls_handshaking?.values.max ?? 0) > 0, 'TLS handshakes were measured');
  });

  test('a run at the http:// URL follows the 307 to https and certifies', async () => {
    const { httpsUrl, redirectUrl, tlsCa } = requireHttps();
    const r = await loadcertRun(SCENARIO, redirectUrl, { ...SHORT, STACK_TLS_CA: tlsCa, STACK_HTTPS_URL: httpsUrl });
    assert.equal(r.code, 0, r.output);
    // the page check (final URL https) and the session's checks hold only if every 307 was followed
    assert.ok(r.summary?.thresholds.every((t) => t.ok), criteria(r));
    assert.ok((r.summary?.metrics.http_req_tls_handshaking?.values.max ?? 0) > 0, 'TLS handshakes were measured');
  });

  test('without the CA the run fails before load, naming the TLS cause (not a pass)', async () => {
    const { httpsUrl } = requireHttps();
    const r = await loadcertRun(SCENARIO, httpsUrl, { ...SHORT, STACK_HTTPS_URL: httpsUrl });
    assert.equal(r.code, 111, r.output);
    assert.match(r.output, /UNABLE_TO_VERIFY_LEAF_SIGNATURE/);
    assert.match(r.output, /not trusted.*http\.tls\.ca/);
  });
});
