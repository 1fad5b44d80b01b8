// The reference stack over HTTPS, against the real Kestrel: the plain redirect port answers 307 to the
// same path on the https URL (UseHttpsRedirection); the TLS port serves HTTP/2 and HTTP/1.1 by ALPN with
// a certificate of the stack's private CA; loadcert certifies a browser session over https with the CA
// trusted through http.tls.ca, also when started at the http:// URL (following the 307), and without the
// CA it fails before load, naming the TLS cause; the Kestrel hub connects over HTTPS on every transport
// with the CA trusted by http.tls, and without it fails named (signalr_errors{cause:tls}).
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import tls from 'node:tls';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { requireHttps, requireStack, ROOT, skipUnlessHttps } from './stack-env.ts';
import { loadcertRun, type RunOutcome } from './loadcert-run.ts';
import { createSignalREngine } from '../../src/protocols/signalr/engine.ts';
import { clientTls } from '../../src/protocols/http/tls-context.ts';
import { resolveHttpTls } from '../../src/config/http-tls.ts';
import type { SignalRWorkload } from '../../src/contracts/signalr-workload.ts';
import { finished, harness, startWorkload } from '../integration/realtime/helpers.ts';

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

  test('the Kestrel hub over HTTPS: every transport connects and invokes with the CA trusted by http.tls; without it, signalr_errors{cause:tls}', async () => {
    const { httpsUrl, tlsCa } = requireHttps();
    const token = requireStack().token;
    const hub = (transport: SignalRWorkload['transport'], hubProtocol: SignalRWorkload['hubProtocol']): SignalRWorkload => ({
      protocol: 'signalr', hub: '/hubs/documents', transport, hubProtocol, accessToken: token, users: 2, duration: '1500ms', retryDelay: false,
      join: (vu) => [{ method: 'JoinDocument', args: [`tls-doc-${vu.id}`] }],
      loop: [{ invoke: 'Echo', args: (vu) => [{ vu: vu.id }], every: '300ms' }],
    });
    const trusted = { tls: clientTls(resolveHttpTls({ ca: tlsCa }, path.join(ROOT, 'scenario.ts'))) };
    for (const [transport, hubProtocol] of [['webSockets', 'messagepack'], ['serverSentEvents', 'json'], ['longPolling', 'messagepack']] as const) {
      const h = harness(httpsUrl);
      await finished(startWorkload(createSignalREngine(undefined, trusted), hub(transport, hubProtocol), h.ctx), 20_000);
      assert.equal(h.values('signalr_connecting')?.count, 2, `${transport}: ${JSON.stringify(h.warnings)}`);
      assert.ok(h.count('signalr_invocations', { method: 'Echo' }) >= 2, transport);
      assert.equal(h.values('signalr_invoke_failed')?.rate, 0, transport);
      assert.equal(h.count('signalr_errors'), 0, `${transport}: ${JSON.stringify(h.warnings)}`);
    }
    const untrusted = harness(httpsUrl);
    await finished(startWorkload(createSignalREngine(), hub('webSockets', 'json'), untrusted.ctx), 20_000);
    assert.equal(untrusted.count('signalr_errors', { cause: 'tls', code: 'UNABLE_TO_VERIFY_LEAF_SIGNATURE' }), 2, JSON.stringify(untrusted.warnings));
  });

  test('without the CA the run fails before load, naming the TLS cause (not a pass)', async () => {
    const { httpsUrl } = requireHttps();
    const r = await loadcertRun(SCENARIO, httpsUrl, { ...SHORT, STACK_HTTPS_URL: httpsUrl });
    assert.equal(r.code, 111, r.output);
    assert.match(r.output, /UNABLE_TO_VERIFY_LEAF_SIGNATURE/);
    assert.match(r.output, /not trusted.*http\.tls\.ca/);
  });
});
