// GET /api/work: at most C requests in service at once, the rest wait in the queue (Server-Timing names the wait).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createDemoTarget } from '../../../src/target/server.ts';
import { capacityOf } from '../../../src/target/work-queue.ts';
import { parseTargetArgs } from '../../../src/target/command.ts';

test('C workers serve C requests at once; the others wait for a worker', { timeout: 20_000 }, async () => {
  const target = await createDemoTarget({ port: 0, work: { maxConcurrency: 2, serviceMs: 200 } });
  try {
    const res = await Promise.all([1, 2, 3, 4].map(() => fetch(`${target.url}/api/work`)));
    const waits = res.map((r) => Number(/queue;dur=([\d.]+)/.exec(r.headers.get('server-timing') ?? '')?.[1])).sort((a, b) => a - b);
    for (const r of res) assert.equal(r.status, 200);
    assert.equal(waits.filter((w) => w < 5).length, 2, `waits ${waits}`);
    assert.equal(waits.filter((w) => w > 5).length, 2, `waits ${waits}`);
  } finally {
    await target.close();
  }
});

test('the switch gives the truth C*1000/S, and bad values are refused', { timeout: 5_000 }, () => {
  assert.equal(capacityOf({ maxConcurrency: 4, serviceMs: 10 }), 400);
  assert.equal(capacityOf({ serviceMs: 10 }), Infinity);
  assert.deepEqual(parseTargetArgs(['--max-concurrency', '4', '--service-ms', '10']).options.work, { maxConcurrency: 4, serviceMs: 10 });
  assert.throws(() => parseTargetArgs(['--max-concurrency', '1.5']), /--max-concurrency must be an integer/);
});

test('--queue-limit Q: C in service, Q waiting, every request past them is shed at once with 503', { timeout: 20_000 }, async () => {
  const target = await createDemoTarget({ port: 0, work: { maxConcurrency: 2, serviceMs: 300, queueLimit: 1 } });
  try {
    const res = await Promise.all([1, 2, 3, 4, 5].map(() => fetch(`${target.url}/api/work`)));
    const codes = res.map((r) => r.status).sort();
    await Promise.all(res.map((r) => r.text()));
    assert.deepEqual(codes, [200, 200, 200, 503, 503]);
  } finally {
    await target.close();
  }
  assert.deepEqual(parseTargetArgs(['--max-concurrency', '4', '--queue-limit', '8', '--serve-abandoned']).options.work, { maxConcurrency: 4, queueLimit: 8, serveAbandoned: true });
  assert.throws(() => parseTargetArgs(['--queue-limit', '2.5']), /--queue-limit must be an integer/);
});

test('--serve-abandoned: requests whose clients left still hold the workers, so the backlog outlives the load', { timeout: 20_000 }, async () => {
  for (const serveAbandoned of [false, true]) {
    const target = await createDemoTarget({ port: 0, work: { maxConcurrency: 1, serviceMs: 100, serveAbandoned } });
    try {
      // 10 clients queue up and give up after 50 ms; then one more asks: it waits behind the abandoned backlog (about 1 s) or not
      const gone = Array.from({ length: 10 }, () => fetch(`${target.url}/api/work`, { signal: AbortSignal.timeout(50) }).catch(() => undefined));
      await Promise.all(gone);
      await new Promise((r) => setTimeout(r, 20));
      const r = await fetch(`${target.url}/api/work`);
      const wait = Number(/queue;dur=([\d.]+)/.exec(r.headers.get('server-timing') ?? '')?.[1]);
      await r.text();
      if (serveAbandoned) assert.ok(wait > 500, `waited ${wait} ms behind the abandoned backlog`);
      else assert.ok(wait < 150, `waited ${wait} ms: abandoned requests took no worker`);
    } finally {
      await target.close();
    }
  }
});
