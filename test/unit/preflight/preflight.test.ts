// Preflight probes and their diagnoses against real servers started here.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import { createServer as createNetServer, type AddressInfo, type Socket } from 'node:net';
import { createDemoTarget } from '../../../src/target/server.ts';
import type { DemoTarget } from '../../../src/target/types.ts';
import { preflightVerdict, resolveHealthTargets, runPreflight } from '../../../src/preflight/preflight.ts';
import { durationMs } from '../../../src/preflight/duration.ts';

let target: DemoTarget;
before(async () => {
  target = await createDemoTarget({ port: 0 });
});
after(() => target.close());

/** A loopback port nobody listens on: listen on 0, note the port, close. */
async function closedPort(): Promise<number> {
  const s = createServer();
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', r));
  const port = (s.address() as AddressInfo).port;
  await new Promise<void>((r) => s.close(() => r()));
  return port;
}

test('healthy target: every default endpoint ok', async () => {
  target.setFaults({ healthUnauthorized: false, healthDown: false });
  const results = await runPreflight(target.url, {});
  assert.deepEqual(results.map((r) => r.url), ['/health', '/health/detailed', '/api/health'].map((p) => target.url + p));
  for (const r of results) {
    assert.equal(r.ok, true);
    assert.equal(r.status, 200);
    assert.ok(r.durationMs >= 0);
    assert.equal(r.diagnosis, undefined);
  }
  const verdict = preflightVerdict(results);
  assert.equal(verdict.ok, true);
  assert.match(verdict.message, /3 health endpoints healthy/);
});

test('health endpoints answering 401: diagnosis names authentication and anonymous access', async () => {
  target.setFaults({ healthUnauthorized: true });
  try {
    const results = await runPreflight(target.url);
    for (const r of results) {
      assert.equal(r.ok, false);
      assert.equal(r.status, 401);
      assert.match(r.error ?? '', /Bearer/);
      assert.match(r.diagnosis ?? '', /requires authentication \(401\)/);
      assert.match(r.diagnosis ?? '', /anonymous/);
      assert.match(r.diagnosis ?? '', /AllowAnonymous/);
    }
    const verdict = preflightVerdict(results);
    assert.equal(verdict.ok, false);
    assert.match(verdict.message, /3 of 3/);
    assert.equal(verdict.message.match(/diagnosis:/g)?.length, 1, 'one shared diagnosis is printed once');
  } finally {
    target.setFaults({ healthUnauthorized: false });
  }
});

test('503 unhealthy: diagnosis names the unhealthy component', async () => {
  target.setFaults({ healthDown: true });
  try {
    const [detailed] = await runPreflight(target.url, { endpoints: ['/health/detailed'] });
    assert.equal(detailed.ok, false);
    assert.equal(detailed.status, 503);
    assert.match(detailed.diagnosis ?? '', /unhealthy/);
    assert.match(detailed.diagnosis ?? '', /postgresql/);
  } finally {
    target.setFaults({ healthDown: false });
  }
});

test('closed port: target unreachable with the error code', async () => {
  const port = await closedPort();
  const results = await runPreflight(`http://127.0.0.1:${port}`, { endpoints: ['/health'] });
  assert.equal(results.length, 1);
  assert.equal(results[0].ok, false);
  assert.equal(results[0].status, null);
  assert.match(results[0].diagnosis ?? '', new RegExp(`^target unreachable at http://127\\.0\\.0\\.1:${port}/health: .*ECONNREFUSED`));
  assert.match(preflightVerdict(results).message, /ECONNREFUSED/);
});

test('a health endpoint that never answers times out within the probe timeout', async () => {
  const hanging: Server = createServer(() => {
    /* never answers */
  });
  await new Promise<void>((r) => hanging.listen(0, '127.0.0.1', r));
  try {
    const url = `http://127.0.0.1:${(hanging.address() as AddressInfo).port}`;
    const t0 = performance.now();
    const [r] = await runPreflight(url, { endpoints: ['/health'], timeout: '200ms' });
    assert.ok(performance.now() - t0 < 5000, 'bounded by the timeout');
    assert.equal(r.ok, false);
    assert.match(r.error ?? '', /timeout after 200 ms/);
    assert.match(r.diagnosis ?? '', /did not answer within 200 ms/);
  } finally {
    hanging.closeAllConnections();
    await new Promise<void>((r) => hanging.close(() => r()));
  }
});

test('404 and headers: wrong path is diagnosed; probe headers are sent', async () => {
  const [r] = await runPreflight(target.url, { endpoints: ['/healthz'] });
  assert.equal(r.status, 404);
  assert.match(r.diagnosis ?? '', /health\.endpoints/);
  let seen = '';
  const echo = createServer((req, res) => {
    seen = String(req.headers.authorization);
    res.end('ok');
  });
  await new Promise<void>((res) => echo.listen(0, '127.0.0.1', res));
  try {
    const base = `http://127.0.0.1:${(echo.address() as AddressInfo).port}`;
    const [ok] = await runPreflight(base, { endpoints: ['health'], headers: { authorization: 'Bearer t' } });
    assert.equal(ok.ok, true);
    assert.equal(seen, 'Bearer t');
  } finally {
    echo.closeAllConnections();
    await new Promise<void>((r) => echo.close(() => r()));
  }
});

test('resolveHealthTargets keeps the base path; full URLs are used as is', () => {
  const t = resolveHealthTargets('http://127.0.0.1:8080/app/', ['/health', 'api/health', 'http://127.0.0.1:9000/ready']);
  assert.deepEqual(t.map((x) => x.url), ['http://127.0.0.1:8080/app/health', 'http://127.0.0.1:8080/app/api/health', 'http://127.0.0.1:9000/ready']);
  assert.throws(() => resolveHealthTargets('not a url'), { code: 'LC_HEALTH_URL' });
});

test('durationMs parses numbers and k6 strings, rejects the rest', () => {
  assert.equal(durationMs(undefined, 7, 'x'), 7);
  assert.equal(durationMs(250, 0, 'x'), 250);
  assert.equal(durationMs('2s', 0, 'x'), 2000);
  assert.equal(durationMs('1m30s', 0, 'x'), 90_000);
  assert.equal(durationMs('500ms', 0, 'x'), 500);
  for (const bad of ['2 seconds', '', '-1s', 0, -5]) assert.throws(() => durationMs(bad, 0, 'health.timeout'), { code: 'LC_INVALID_DURATION' });
});

test('preflightVerdict of no results is ok', () => {
  assert.equal(preflightVerdict([]).ok, true);
});

/** A raw TCP server on loopback port 0 that `onSocket` drives; closed (with its sockets) by the returned function. */
async function rawPeer(onSocket: (s: Socket) => void): Promise<{ url: string; close: () => Promise<void> }> {
  const sockets = new Set<Socket>();
  const srv = createNetServer((s) => {
    sockets.add(s);
    s.on('error', () => {});
    onSocket(s);
  });
  await new Promise<void>((r) => srv.listen(0, '127.0.0.1', r));
  return {
    url: `http://127.0.0.1:${(srv.address() as AddressInfo).port}`,
    close: async () => {
      for (const s of sockets) s.destroy();
      await new Promise<void>((r) => srv.close(() => r()));
    },
  };
}

test('probes use the load\'s HTTP/1.1 client: a response it accepts (a repeated, equal Content-Length) is healthy, as it is for the load', async () => {
  // undici refuses this response (UND_ERR_RES_CONTENT_LENGTH_MISMATCH) while loadcert's load client accepts it
  // (RFC 9112 6.3 allows equal repeated values): preflight and load must not disagree.
  const peer = await rawPeer((s) => s.on('data', () => s.write('HTTP/1.1 200 OK\r\nContent-Length: 2\r\nContent-Length: 2\r\n\r\nok')));
  try {
    const [r] = await runPreflight(peer.url, { endpoints: ['/health'] });
    assert.equal(r.error, undefined);
    assert.equal(r.ok, true);
    assert.equal(r.status, 200);
  } finally {
    await peer.close();
  }
});

test('a peer that is not HTTP (writes a banner) fails the probe at once with the load\'s code LC_HTTP_PARSE', async () => {
  const peer = await rawPeer((s) => s.write('SSH-2.0-OpenSSH_9.6\r\n'));
  try {
    const [r] = await runPreflight(peer.url, { endpoints: ['/health'], timeout: '30s' });
    assert.equal(r.ok, false);
    assert.match(r.error ?? '', /^LC_HTTP_PARSE: /);
  } finally {
    await peer.close();
  }
});
