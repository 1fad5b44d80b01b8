// Fault switches of the demo target: latency, errors, health 401/503, whole-server stalls, admin API.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createDemoTarget } from '../../../src/target/server.ts';
import type { DemoTarget, DemoTargetOptions } from '../../../src/target/types.ts';

/** Runs `fn` against a fresh target and always closes it. */
async function withTarget(options: DemoTargetOptions, fn: (t: DemoTarget) => Promise<void>): Promise<void> {
  const t = await createDemoTarget({ port: 0, ...options });
  try {
    await fn(t);
  } finally {
    await t.close();
  }
}

async function timed(url: string, init?: RequestInit): Promise<{ ms: number; status: number; res: Response }> {
  const t0 = performance.now();
  const res = await fetch(url, init);
  await res.arrayBuffer();
  return { ms: performance.now() - t0, status: res.status, res };
}

test('latency distributions are respected: the drawn latency (Server-Timing total) and a wall time never below it', async () => {
  await withTarget(
    { latency: { get: { dist: 'fixed', ms: 1 }, list: { dist: 'fixed', ms: 40 }, search: { dist: 'uniform', min: 20, max: 30 } } },
    async (t) => {
      // The target reports the latency it drew; the wall time can only add to it (a timer never fires
      // early by more than a millisecond), so these checks do not depend on this machine's speed.
      const drawn = (r: Response): number => Number(/total;dur=([\d.]+)/.exec(r.headers.get('server-timing') ?? '')?.[1]);
      const searches: number[] = [];
      for (let i = 0; i < 5; i++) {
        const fast = await timed(`${t.url}/api/documents/1`);
        assert.equal(drawn(fast.res), 1, 'fixed 1 ms');
        const slow = await timed(`${t.url}/api/documents?page=1&size=1`);
        assert.equal(drawn(slow.res), 40, 'fixed 40 ms');
        assert.ok(slow.ms >= 39, `list took ${slow.ms} ms, below its 40 ms`);
        assert.match(slow.res.headers.get('server-timing') ?? '', /db;dur=24\b/, 'db share is 60 % of 40 ms');
        const search = await timed(`${t.url}/api/search?q=report`);
        searches.push(drawn(search.res));
        assert.ok(search.ms >= drawn(search.res) - 1, `search took ${search.ms} ms, below its drawn ${drawn(search.res)} ms`);
      }
      for (const ms of searches) assert.ok(ms >= 20 && ms <= 30, `uniform 20..30 drew ${ms}`);
      // 5 draws of a continuous uniform are all equal (to 0.1 ms) with probability about (1/100)^4
      assert.ok(new Set(searches).size > 1, `uniform draws vary: ${searches.join(', ')}`);
    },
  );
});

test('latencyMs fault overrides every API route', async () => {
  await withTarget({ faults: { latencyMs: 30 } }, async (t) => {
    assert.ok((await timed(`${t.url}/api/documents/5`)).ms >= 28);
    t.setFaults({ latencyMs: null });
    assert.equal(t.faults().latencyMs, null);
  });
});

test('latencyScale multiplies every latency (fixed or drawn) and is validated', async () => {
  await withTarget({ faults: { latencyMs: 20, latencyScale: 2 } }, async (t) => {
    assert.ok((await timed(`${t.url}/api/documents/5`)).ms >= 38, 'fixed 20 ms times 2');
    assert.throws(() => t.setFaults({ latencyScale: 0 }), /latencyScale must be a number above 0/);
    t.setFaults({ latencyScale: 1 });
    assert.equal(t.faults().latencyScale, 1);
  });
});

test('error rate 1 answers 500 everywhere on the API, 0 never', async () => {
  await withTarget({ faults: { errorRate: 1, latencyMs: 0 } }, async (t) => {
    for (const p of ['/api/documents/1', '/api/documents', '/api/search?q=plan']) assert.equal((await timed(t.url + p)).status, 500, p);
    assert.equal((await timed(`${t.url}/health`)).status, 200, 'health is not affected by the API error rate');
    t.setFaults({ errorRate: 0 });
    for (let i = 0; i < 20; i++) assert.equal((await timed(`${t.url}/api/documents/1`)).status, 200);
  });
  await withTarget({ errorRates: { get: 0.5 }, faults: { latencyMs: 0 } }, async (t) => {
    let errors = 0;
    for (let i = 0; i < 200; i++) if ((await timed(`${t.url}/api/documents/1`)).status === 500) errors++;
    assert.ok(errors > 40 && errors < 160, `about half failed: ${errors}`);
  });
});

test('healthUnauthorized: every health endpoint answers 401 with WWW-Authenticate: Bearer', async () => {
  await withTarget({ faults: { healthUnauthorized: true } }, async (t) => {
    for (const p of ['/health', '/health/detailed', '/api/health']) {
      const { status, res } = await timed(t.url + p);
      assert.equal(status, 401, p);
      assert.equal(res.headers.get('www-authenticate'), 'Bearer');
    }
    assert.equal((await timed(`${t.url}/api/ping`)).status, 200, 'the API itself still works');
  });
});

test('healthDown: health endpoints answer 503 naming the failed component', async () => {
  await withTarget({ faults: { healthDown: true } }, async (t) => {
    const res = await fetch(`${t.url}/health/detailed`);
    assert.equal(res.status, 503);
    const body = (await res.json()) as { status: string; entries: Record<string, { status: string }> };
    assert.equal(body.status, 'Unhealthy');
    assert.equal(body.entries.postgresql.status, 'Unhealthy');
  });
});

test('stall blocks the whole server: requests in flight wait >= forMs * 0.8', async () => {
  const forMs = 150;
  await withTarget({ faults: { stall: { everyMs: 250, forMs } } }, async (t) => {
    // Keep requests in flight continuously for ~700 ms so at least one spans a stall.
    const pending: Array<Promise<number>> = [];
    const end = performance.now() + 700;
    for (let i = 0; i < 200 && performance.now() < end; i++) {
      pending.push(timed(`${t.url}/slow?ms=30`).then((r) => r.ms));
      await new Promise((r) => setTimeout(r, 10));
    }
    const durations = await Promise.all(pending);
    const max = Math.max(...durations);
    assert.ok(max >= forMs * 0.8, `longest request ${max.toFixed(1)} ms, expected >= ${forMs * 0.8}`);
    t.setFaults({ stall: null });
    assert.equal(t.faults().stall, null);
  });
});

test('admin API flips faults at run time and rejects bad input', async () => {
  await withTarget({}, async (t) => {
    const flip = await fetch(`${t.url}/__admin/faults`, { method: 'POST', body: JSON.stringify({ healthUnauthorized: true, errorRate: 0.25 }) });
    assert.equal(flip.status, 200);
    const state = (await flip.json()) as { healthUnauthorized: boolean; errorRate: number };
    assert.equal(state.healthUnauthorized, true);
    assert.equal(state.errorRate, 0.25);
    assert.equal((await timed(`${t.url}/health`)).status, 401);
    const current = (await (await fetch(`${t.url}/__admin/faults`)).json()) as { errorRate: number };
    assert.equal(current.errorRate, 0.25);
    await fetch(`${t.url}/__admin/faults`, { method: 'POST', body: '{"healthUnauthorized":false}' }).then((r) => r.arrayBuffer());
    assert.equal((await timed(`${t.url}/health`)).status, 200);
    for (const bad of ['{"nope":1}', '{"errorRate":2}', '{"stall":{"everyMs":10,"forMs":50}}', 'not json']) {
      const r = await fetch(`${t.url}/__admin/faults`, { method: 'POST', body: bad });
      assert.equal(r.status, 400, bad);
      assert.match(((await r.json()) as { error: string }).error, /\w/);
    }
  });
});

test('admin memory holds and releases memory; crash calls the crash hook after answering', async () => {
  let crashed = 0;
  await withTarget({ onCrash: () => crashed++ }, async (t) => {
    const hold = await fetch(`${t.url}/__admin/memory?mb=8`, { method: 'POST' });
    assert.deepEqual(await hold.json(), { heldMb: 8 });
    const release = await fetch(`${t.url}/__admin/memory?mb=0`, { method: 'POST' });
    assert.deepEqual(await release.json(), { heldMb: 0 });
    assert.equal((await timed(`${t.url}/__admin/memory?mb=x`, { method: 'POST' })).status, 400);
    const crash = await fetch(`${t.url}/__admin/crash`, { method: 'POST' });
    assert.equal(crash.status, 202);
    await crash.arrayBuffer();
    await new Promise((r) => setTimeout(r, 20));
    assert.equal(crashed, 1);
  });
});

test('adminEnabled: false hides the admin routes', async () => {
  await withTarget({ adminEnabled: false }, async (t) => {
    assert.equal((await timed(`${t.url}/__admin/faults`, { method: 'POST', body: '{}' })).status, 404);
  });
});

test('invalid options fail with stable codes', async () => {
  await assert.rejects(createDemoTarget({ latency: { get: { dist: 'uniform', min: 5 } } }), { code: 'LC_TARGET_LATENCY' });
  await assert.rejects(createDemoTarget({ faults: { errorRate: 3 } }), { code: 'LC_TARGET_FAULT' });
  await assert.rejects(createDemoTarget({ port: 70000 }), { code: 'LC_TARGET_OPTION' });
});
