// The reference API of the running stack: bearer auth with a fallback policy, Server-Timing, cache,
// full-text search, anonymous health endpoints.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { authed, parseServerTiming, requireStack, skipUnlessStack } from './stack-env.ts';

describe('enterprise-docs API', { skip: skipUnlessStack() }, () => {
  test('API routes answer 401 without a token and with a wrong one', async () => {
    const s = requireStack();
    for (const route of ['/api/documents', '/api/documents/1', '/api/search?q=audit', '/__admin/faults']) {
      const res = await fetch(s.baseUrl + route);
      await res.arrayBuffer();
      assert.equal(res.status, 401, route);
      assert.match(res.headers.get('www-authenticate') ?? '', /^Bearer/);
    }
    const wrong = await fetch(s.baseUrl + '/api/documents', { headers: { authorization: 'Bearer not-the-token' } });
    await wrong.arrayBuffer();
    assert.equal(wrong.status, 401);
    assert.match(wrong.headers.get('www-authenticate') ?? '', /invalid_token/);
  });

  test('the paged list comes from PostgreSQL and reports db time in Server-Timing', async () => {
    const s = requireStack();
    const res = await authed(s, '/api/documents?page=2&pageSize=5');
    assert.equal(res.status, 200);
    const body = (await res.json()) as { page: number; pageSize: number; hasMore: boolean; items: { id: number }[] };
    assert.equal(body.page, 2);
    assert.deepEqual(body.items.map((d) => d.id), [6, 7, 8, 9, 10]);
    assert.equal(body.hasMore, true);
    const timing = parseServerTiming(res.headers.get('server-timing'));
    assert.ok(timing.db > 0, `db time ${timing.db}`);
    assert.equal(timing.cache, 0);
    assert.ok(timing.app >= timing.db);
  });

  test('a single document is served from Redis on the second read', async () => {
    const s = requireStack();
    const id = 1 + Math.floor(Math.random() * 9000);
    const first = await authed(s, `/api/documents/${id}`);
    const doc = (await first.json()) as { id: number; title: string };
    assert.equal(doc.id, id);
    const second = await authed(s, `/api/documents/${id}`);
    assert.deepEqual(await second.json(), doc);
    assert.equal(second.headers.get('x-cache'), 'HIT');
    const timing = parseServerTiming(second.headers.get('server-timing'));
    assert.equal(timing.db, 0);
    assert.ok(timing.cache > 0);
    const missing = await authed(s, '/api/documents/999999999');
    await missing.arrayBuffer();
    assert.equal(missing.status, 404);
  });

  test('POST creates a document that full-text search then finds', async () => {
    const s = requireStack();
    const word = `zq${Date.now().toString(36)}`;
    const created = await authed(s, '/api/documents', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ title: `loadcert ${word}`, content: 'capacity certification' }),
    });
    assert.equal(created.status, 201);
    const doc = (await created.json()) as { id: number };
    assert.equal(created.headers.get('location'), `/api/documents/${doc.id}`);
    const search = await authed(s, `/api/search?q=${word}`);
    const body = (await search.json()) as { count: number; hits: { id: number }[] };
    assert.deepEqual(body.hits.map((h) => h.id), [doc.id]);
    assert.ok(parseServerTiming(search.headers.get('server-timing')).db > 0);
    const bad = await authed(s, '/api/search');
    await bad.arrayBuffer();
    assert.equal(bad.status, 400);
  });

  test('health endpoints allow anonymous access and report PostgreSQL and Redis', async () => {
    const s = requireStack();
    const live = await fetch(s.baseUrl + '/health');
    assert.equal(live.status, 200);
    assert.equal(await live.text(), 'Healthy');
    for (const route of ['/health/detailed', '/api/health']) {
      const res = await fetch(s.baseUrl + route);
      assert.equal(res.status, 200, route);
      const body = (await res.json()) as { status: string; checks: Record<string, { status: string }> };
      assert.equal(body.status, 'Healthy');
      assert.equal(body.checks.postgresql.status, 'Healthy');
      assert.equal(body.checks.redis.status, 'Healthy');
      assert.ok(res.headers.get('server-timing'));
    }
  });
});
