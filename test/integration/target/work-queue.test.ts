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
