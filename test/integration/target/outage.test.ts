// The demo target's timed outage (POST /__admin/outage?ms=N, DemoTarget.failFor): API and health answer 503
// for exactly N ms after the signal (the window's edges on an injected clock), the admin routes stay up.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createDemoTarget } from '../../../src/target/server.ts';
import { Outage, MAX_OUTAGE_MS } from '../../../src/target/outage.ts';

async function status(url: string, init?: RequestInit): Promise<number> {
  const res = await fetch(url, init);
  await res.arrayBuffer();
  return res.status;
}

test('an outage window fails requests inside it and none outside it (monotonic clock given)', () => {
  const o = new Outage();
  assert.equal(o.active(0), false, 'no outage before a signal');
  o.start(3000, 1000);
  assert.equal(o.active(999.9), false, 'before the signal');
  assert.equal(o.active(1000), true, 'at the signal');
  assert.equal(o.active(3999.9), true, 'just inside the N ms');
  assert.equal(o.active(4000), false, 'exactly N ms after the signal it is over');
  assert.equal(o.remainingMs(2500), 1500);
  o.start(0, 2000);
  assert.equal(o.active(2000), false, 'ms=0 ends it at once');
  assert.throws(() => o.start(MAX_OUTAGE_MS + 1), /outage ms must be an integer in 0\.\.600000/);
  assert.throws(() => o.start(1.5), /LC_TARGET_FAULT|outage ms/);
});

test('POST /__admin/outage?ms=N: API and health answer 503, admin stays up, ms=0 ends it, and a window ends on its own', async () => {
  const t = await createDemoTarget({ port: 0, faults: { latencyMs: 0 } });
  try {
    assert.equal(await status(`${t.url}/api/documents/1`), 200, 'healthy before');
    // A long window for the checks inside it (no request here can arrive a minute late); its exact edges are the
    // Outage test above, on an injected clock.
    assert.equal(await status(`${t.url}/__admin/outage?ms=60000`, { method: 'POST' }), 200);
    for (const p of ['/api/documents/1', '/api/documents', '/api/ping', '/api/search?q=plan', '/health', '/health/detailed', '/api/health'])
      assert.equal(await status(t.url + p), 503, `${p} inside the outage`);
    assert.equal(await status(`${t.url}/api/documents`, { method: 'POST', body: '{"title":"x"}' }), 503, 'a POST too');
    assert.equal(await status(`${t.url}/__admin/faults`), 200, 'admin routes are not covered');
    const remaining = (await (await fetch(`${t.url}/__admin/outage`)).json()) as { remainingMs: number };
    assert.ok(remaining.remainingMs > 0 && remaining.remainingMs <= 60_000, `remaining ${remaining.remainingMs} ms`);
    assert.equal(await status(`${t.url}/__admin/outage?ms=0`, { method: 'POST' }), 200);
    assert.equal(await status(`${t.url}/api/documents/1`), 200, 'ms=0 ended it');
    // A short window ends by itself: polled (bounded: 20 s) until the first 200.
    assert.equal(await status(`${t.url}/__admin/outage?ms=300`, { method: 'POST' }), 200);
    let served = false;
    for (let i = 0; i < 400 && !served; i++) {
      served = (await status(`${t.url}/api/documents/1`)) === 200;
      if (!served) await new Promise((r) => setTimeout(r, 50));
    }
    assert.ok(served, 'served again after the 300 ms outage');
    assert.equal(await status(`${t.url}/__admin/outage?ms=nope`, { method: 'POST' }), 400, 'a bad ms is refused');
    assert.equal(await status(`${t.url}/__admin/outage?ms=600001`, { method: 'POST' }), 400, 'a too long outage is refused');
  } finally {
    await t.close();
  }
});

test('failFor(ms) from code does the same, and failFor(0) ends it', async () => {
  const t = await createDemoTarget({ port: 0, faults: { latencyMs: 0 } });
  try {
    t.failFor(60_000);
    assert.equal(await status(`${t.url}/api/documents/1`), 503);
    assert.equal(await status(`${t.url}/health`), 503);
    t.failFor(0);
    assert.equal(await status(`${t.url}/api/documents/1`), 200);
    assert.throws(() => t.failFor(-1), /outage ms must be an integer/);
  } finally {
    await t.close();
  }
});
