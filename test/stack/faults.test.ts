// Fault switches of the reference API on replicas started for the test: the health-401 fault
// (HEALTH_REQUIRE_AUTH), a slow query (pg_sleep) seen in Server-Timing, added route latency,
// the memory hog seen by the container's cgroup, and a crash the engine restarts.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { authed, docker, parseServerTiming, requireStack, skipUnlessStack, type StackEnv } from './stack-env.ts';
import { startReplica, TEST_PORT_BASE, type TestReplica } from './replicas.ts';

const skip = skipUnlessStack();

describe('health-401 fault (HEALTH_REQUIRE_AUTH=true)', { skip }, () => {
  let replica: TestReplica | undefined;
  before(async () => {
    replica = await startReplica('enterprise-docs-test-health401', TEST_PORT_BASE, { HEALTH_REQUIRE_AUTH: 'true' });
  });
  after(async () => replica?.stop());

  test('the three health endpoints fall under the fallback policy and answer 401', async () => {
    const s = requireStack();
    for (const route of ['/health', '/health/detailed', '/api/health']) {
      const res = await fetch(replica!.url + route);
      await res.arrayBuffer();
      assert.equal(res.status, 401, route);
      assert.match(res.headers.get('www-authenticate') ?? '', /^Bearer/);
      const withToken = await authed(s, route, {}, replica!.url);
      await withToken.arrayBuffer();
      assert.equal(withToken.status, 200, `${route} with the token`);
    }
  });
});

describe('slow query, added latency, memory hog and crash', { skip }, () => {
  let replica: TestReplica | undefined;
  let s: StackEnv;
  before(async () => {
    s = requireStack();
    replica = await startReplica('enterprise-docs-test-faults', TEST_PORT_BASE + 1, { FAULT_SLOW_QUERY_MS: '150' });
  });
  after(async () => replica?.stop());

  const admin = (path: string, init: RequestInit = {}): Promise<Response> => authed(s, path, init, replica!.url);
  const setFaults = async (body: object): Promise<unknown> =>
    (await admin('/__admin/faults', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) })).json();

  test('FAULT_SLOW_QUERY_MS makes the db time of Server-Timing exceed 100 ms; the admin switch turns it off', async () => {
    for (const route of ['/api/documents', '/api/search?q=audit', '/api/documents/77']) {
      const res = await admin(route);
      await res.arrayBuffer();
      const timing = parseServerTiming(res.headers.get('server-timing'));
      if (route === '/api/documents/77' && res.headers.get('x-cache') === 'HIT') continue;
      assert.ok(timing.db > 100, `${route}: db ${timing.db} ms`);
    }
    assert.deepEqual(await setFaults({ slowQueryMs: 0 }), { latencyMs: 0, latencyRoute: '/api', slowQueryMs: 0 });
    const res = await admin('/api/documents');
    await res.arrayBuffer();
    assert.ok(parseServerTiming(res.headers.get('server-timing')).db < 100);
  });

  test('added latency applies to the chosen route prefix only', async () => {
    await setFaults({ latencyMs: 300, latencyRoute: '/api/search' });
    try {
      let t = performance.now();
      await (await admin('/api/search?q=budget')).arrayBuffer();
      assert.ok(performance.now() - t >= 300);
      t = performance.now();
      await (await admin('/api/documents')).arrayBuffer();
      assert.ok(performance.now() - t < 300);
    } finally {
      await setFaults({ latencyMs: 0, latencyRoute: '/api' });
    }
  });

  test('the memory hog shows in the container memory, and is released', async () => {
    const usage = async (): Promise<number> => {
      const out = await docker(['stats', '--no-stream', '--format', '{{.MemUsage}}', replica!.name]);
      const m = /^([\d.]+)(KiB|MiB|GiB)/.exec(out);
      assert.ok(m, out);
      return Number(m[1]) * ({ KiB: 1 / 1024, MiB: 1, GiB: 1024 } as Record<string, number>)[m[2]];
    };
    const before = await usage();
    const grown = (await (await admin('/__admin/memory?mb=150', { method: 'POST' })).json()) as { heldMb: number };
    assert.equal(grown.heldMb, 150);
    const during = await usage();
    assert.ok(during - before > 120, `memory ${before.toFixed(0)} -> ${during.toFixed(0)} MiB`);
    await (await admin('/__admin/memory', { method: 'DELETE' })).arrayBuffer();
  });

  test('the crash endpoint exits with code 1 and the engine restarts the container', async () => {
    const restarts = async (): Promise<number> => Number(await docker(['inspect', '-f', '{{.RestartCount}}', replica!.name]));
    const before = await restarts();
    const res = await admin('/__admin/crash', { method: 'POST' });
    assert.equal(res.status, 202);
    await res.arrayBuffer();
    const deadline = Date.now() + 30_000;
    let back = false;
    while (Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 250));
      if ((await restarts()) > before) {
        const h = await fetch(replica!.url + '/health').catch(() => null);
        if (h?.status === 200) {
          back = true;
          break;
        }
      }
    }
    assert.ok(back, 'container restarted and /health answers again');
    assert.equal(await restarts(), before + 1);
  });
});
