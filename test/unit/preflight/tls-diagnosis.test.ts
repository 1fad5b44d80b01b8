// A health probe refused by the TLS handshake over the server's certificate is diagnosed as such (the
// certificate is not trusted: give its CA in http.tls.ca), not as a target to start; a real node:https
// server with an openssl-made certificate of a private CA.
import { test, after, before } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import { rmSync } from 'node:fs';
import { makeCerts, type TestCerts } from '../../helpers/certs.ts';
import { runPreflight } from '../../../src/preflight/preflight.ts';

let certs: TestCerts;
let server: Server;
let url: string;
before(async () => {
  certs = makeCerts();
  server = createServer({ cert: certs.serverCert, key: certs.serverKey }, (_req, res) => res.end('ok'));
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  url = `https://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
after(() => {
  server.close();
  rmSync(certs.dir, { recursive: true, force: true });
});

test('an untrusted server certificate: the diagnosis names the TLS cause and http.tls.ca, not an absent target', async () => {
  const [r] = await runPreflight(url, { endpoints: ['/health'] });
  assert.equal(r.ok, false);
  assert.match(r.error ?? '', /UNABLE_TO_VERIFY_LEAF_SIGNATURE/);
  assert.match(r.diagnosis ?? '', /certificate .* is not trusted \(UNABLE_TO_VERIFY_LEAF_SIGNATURE\)/);
  assert.match(r.diagnosis ?? '', /http\.tls\.ca/);
  assert.doesNotMatch(r.diagnosis ?? '', /start the system under test/);
});
