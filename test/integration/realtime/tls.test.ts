// http.tls on the realtime engines: the demo target's WebSocket echo and SignalR hub behind a real TLS
// server (node:tls terminating in front of it) with an openssl-made private CA. Untrusted: the TLS code
// is named (ws_errors{cause:connect,code}, signalr_errors{cause:tls,code}); trusted through http.tls.ca:
// it works (negotiate and WebSocket alike); a server requiring a client certificate works with cert/key.
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { connect as netConnect, type AddressInfo } from 'node:net';
import { createServer as createTlsServer, type Server as TlsServer } from 'node:tls';
import { createWebSocketEngine } from '../../../src/protocols/websocket/engine.ts';
import { createSignalREngine } from '../../../src/protocols/signalr/engine.ts';
import { clientTls } from '../../../src/protocols/http/tls-context.ts';
import { resolveHttpTls } from '../../../src/config/http-tls.ts';
import type { HttpTlsOptions } from '../../../src/contracts/scenario-types.ts';
import type { WebSocketWorkload } from '../../../src/contracts/websocket-workload.ts';
import type { SignalRWorkload } from '../../../src/contracts/signalr-workload.ts';
import { makeCerts, type TestCerts } from '../../helpers/certs.ts';
import { finished, harness, startTarget, startWorkload, type RealtimeTarget } from './helpers.ts';

/** A TLS server on loopback that pipes each connection to `port` (the demo target): https:/wss: in front of its routes. */
async function tlsFront(port: number, certs: TestCerts, mutual: boolean): Promise<{ url: string; server: TlsServer }> {
  const open = new Set<import('node:net').Socket>();
  const server = createTlsServer({ key: certs.serverKey, cert: certs.serverCert, ...(mutual ? { ca: certs.caCert, requestCert: true, rejectUnauthorized: true } : {}) }, (s) => {
    const up = netConnect(port, '127.0.0.1');
    open.add(s);
    s.on('close', () => open.delete(s));
    s.pipe(up).pipe(s);
    s.on('error', () => up.destroy());
    up.on('error', () => s.destroy());
  });
  server.on('tlsClientError', () => undefined);
  server.on('close', () => undefined);
  const close = server.close.bind(server);
  server.close = ((cb?: (err?: Error) => void) => { for (const s of open) s.destroy(); return close(cb); }) as typeof server.close;
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return { url: `https://127.0.0.1:${(server.address() as AddressInfo).port}`, server };
}

describe('http.tls on WebSocket and SignalR workloads', { timeout: 120_000 }, () => {
  let certs: TestCerts;
  let target: RealtimeTarget;
  let plain: { url: string; server: TlsServer };
  let mutual: { url: string; server: TlsServer };
  const tlsOf = (o: HttpTlsOptions) => ({ tls: clientTls(resolveHttpTls(o, 'scenario.ts')), scenarioFile: 'scenario.ts' });

  before(async () => {
    certs = makeCerts();
    target = await startTarget();
    plain = await tlsFront(Number(new URL(target.url).port), certs, false);
    mutual = await tlsFront(Number(new URL(target.url).port), certs, true);
  });
  after(async () => {
    for (const s of [plain.server, mutual.server]) await new Promise((r) => s.close(r));
    await target.close();
  });

  const ws = (extra: Partial<WebSocketWorkload> = {}): WebSocketWorkload => ({ protocol: 'websocket', path: '/ws/echo', connections: 3, duration: '800ms', messagesPerSecond: 5, gracefulStop: '1s', ...extra });
  const hub = (extra: Partial<SignalRWorkload> = {}): SignalRWorkload => ({
    protocol: 'signalr', hub: '/hubs/documents', users: 3, duration: '1s', retryDelay: false,
    loop: [{ invoke: 'Echo', args: (vu) => [{ vu: vu.id }], every: '200ms' }], ...extra,
  });

  test('WebSocket over wss: untrusted is a named TLS failure; http.tls.ca trusts it', async () => {
    const bad = harness(plain.url);
    await finished(startWorkload(createWebSocketEngine(), ws({ reconnect: false }), bad.ctx), 10_000);
    assert.equal(bad.count('ws_sessions'), 0);
    assert.ok(bad.count('ws_errors', { cause: 'connect', code: 'UNABLE_TO_VERIFY_LEAF_SIGNATURE' }) >= 3, JSON.stringify(bad.store.query('ws_errors')?.values(1)));

    const good = harness(plain.url);
    await finished(startWorkload(createWebSocketEngine(undefined, tlsOf({ ca: certs.caCert })), ws(), good.ctx), 10_000);
    assert.equal(good.count('ws_sessions'), 3);
    assert.ok(good.count('ws_msgs_received') > 0);
    assert.equal(good.count('ws_errors'), 0);
  });

  test('WebSocket to a server requiring a client certificate: fails without, works with the workload\'s own cert/key', async () => {
    const scenarioTls = tlsOf({ ca: certs.caCert });
    const without = harness(mutual.url);
    await finished(startWorkload(createWebSocketEngine(undefined, scenarioTls), ws({ reconnect: false }), without.ctx), 10_000);
    assert.equal(without.count('ws_sessions'), 0);
    assert.ok(without.count('ws_errors') >= 3);

    const withCert = harness(mutual.url);
    const own = ws({ http: { tls: { ca: certs.caCert, cert: certs.clientCert, key: certs.clientKey } } });
    await finished(startWorkload(createWebSocketEngine(undefined, scenarioTls), own, withCert.ctx), 10_000);
    assert.equal(withCert.count('ws_sessions'), 3);
    assert.equal(withCert.count('ws_errors'), 0);
  });

  test('SignalR at an https: hub: untrusted is signalr_errors{cause:tls,code}; http.tls.ca trusts negotiate and the WebSocket', async () => {
    for (const skipNegotiation of [false, true]) {
      const bad = harness(plain.url);
      await finished(startWorkload(createSignalREngine(undefined), hub({ skipNegotiation }), bad.ctx), 15_000);
      assert.equal(bad.values('signalr_connecting')?.count ?? 0, 0);
      assert.equal(bad.count('signalr_errors', { cause: 'tls', code: 'UNABLE_TO_VERIFY_LEAF_SIGNATURE' }), 3, `skipNegotiation ${skipNegotiation}: ${JSON.stringify(bad.warnings)}`);
    }
    for (const transport of ['webSockets'] as const) { // the demo hub offers WebSockets only (the stack's Kestrel hub: every transport)
      const good = harness(plain.url);
      await finished(startWorkload(createSignalREngine(undefined, tlsOf({ ca: certs.caCert })), hub({ transport }), good.ctx), 15_000);
      assert.equal(good.values('signalr_connecting')?.count, 3, `${transport}: ${JSON.stringify(good.warnings)}`);
      assert.ok(good.count('signalr_invocations', { method: 'Echo' }) >= 3, transport);
      assert.equal(good.values('signalr_invoke_failed', { method: 'Echo' })?.rate, 0, transport);
      assert.equal(good.count('signalr_errors'), 0, `${transport}: ${JSON.stringify(good.warnings)}`);
    }
  });

  test('SignalR to a server requiring a client certificate works with cert/key; insecureSkipTLSVerify connects and warns', async () => {
    const m = harness(mutual.url);
    await finished(startWorkload(createSignalREngine(undefined, tlsOf({ ca: certs.caCert, cert: certs.clientCert, key: certs.clientKey })), hub(), m.ctx), 15_000);
    assert.equal(m.values('signalr_connecting')?.count, 3, JSON.stringify(m.warnings));
    assert.equal(m.count('signalr_errors'), 0);

    const skip = harness(plain.url);
    await finished(startWorkload(createSignalREngine(undefined), hub({ http: { tls: { insecureSkipTLSVerify: true } } }), skip.ctx), 15_000);
    assert.equal(skip.values('signalr_connecting')?.count, 3);
    assert.ok(skip.warnings.some((w) => /insecureSkipTLSVerify/.test(w)), JSON.stringify(skip.warnings));
  });
});

test('a realtime workload\'s http takes tls only, validated as http.tls', () => {
  const ws: WebSocketWorkload = { protocol: 'websocket', path: '/ws/echo', connections: 1, duration: '1s', http: { tls: { minVersion: 'TLSv9' } } } as WebSocketWorkload;
  const wsIssues = createWebSocketEngine().validate(ws, 'workloads.ws', 's.ts');
  assert.deepEqual(wsIssues.map((i) => i.path), ['workloads.ws.http.tls.minVersion']);
  const hubW = { protocol: 'signalr', hub: '/hubs/documents', users: 1, duration: '1s', http: { protocol: 'h2' } } as unknown as SignalRWorkload;
  const hubIssues = createSignalREngine().validate(hubW, 'workloads.hub', 's.ts');
  assert.deepEqual(hubIssues.map((i) => i.path), ['workloads.hub.http.protocol']);
  assert.match(hubIssues[0].message, /unknown option "protocol"/);
});
