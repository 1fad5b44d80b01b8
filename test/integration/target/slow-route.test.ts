// The demo target's /slow?ms=N: never answers before N ms, and reports the handling time it measured
// in `Server-Timing: app;dur=<ms>`, also with hundreds of slow requests pending at once.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { Agent, request } from 'node:http';
import { createDemoTarget } from '../../../src/target/server.ts';
import { parseServerTiming } from '../../../src/protocols/http/server-timing.ts';
import type { DemoTarget } from '../../../src/target/types.ts';

let target: DemoTarget;
before(async () => { target = await createDemoTarget({ port: 0 }); });
after(() => target.close());

interface Answer { elapsed: number; status: number; app: number | undefined; body: string }

/** GET `path` with a real node:http client; elapsed is from just before the request is written to its response head. */
function get(agent: Agent, path: string): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const t0 = performance.now();
    const req = request(`${target.url}${path}`, { agent }, (res) => {
      const elapsed = performance.now() - t0;
      const app = parseServerTiming(res.headers['server-timing']).find((e) => e.name === 'app')?.dur;
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (d: string) => (body += d));
      res.on('end', () => resolve({ elapsed, status: res.statusCode ?? 0, app, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

test('/slow?ms=50 answers no earlier than 50 ms and reports Server-Timing app;dur >= 50', { timeout: 30_000 }, async () => {
  const agent = new Agent({ keepAlive: true, maxSockets: 4 });
  try {
    for (let i = 0; i < 20; i++) {
      const a = await get(agent, '/slow?ms=50');
      assert.equal(a.status, 200);
      assert.deepEqual(JSON.parse(a.body), { sleptMs: 50 });
      assert.ok(a.app !== undefined, 'Server-Timing has an app entry');
      assert.ok(a.app >= 50, `server-measured handling time ${a.app} ms is below 50 ms`);
      assert.ok(a.elapsed >= 50, `answered after ${a.elapsed.toFixed(3)} ms, before 50 ms`);
      assert.ok(a.elapsed >= a.app, 'the client saw at least the time the server measured');
    }
  } finally {
    agent.destroy();
  }
});

test('300 slow requests pending at once, with mixed delays, each answer no earlier than its own delay', { timeout: 30_000 }, async () => {
  const agent = new Agent({ keepAlive: true, maxSockets: 300 });
  try {
    const delays = Array.from({ length: 300 }, (_, i) => 20 + ((i * 37) % 60));
    const answers = await Promise.all(delays.map((ms) => get(agent, `/slow?ms=${ms}`)));
    answers.forEach((a, i) => {
      assert.equal(a.status, 200);
      assert.ok(a.app !== undefined && a.app >= delays[i], `request ${i}: server-measured ${a.app} ms below ${delays[i]} ms`);
      assert.ok(a.elapsed >= delays[i], `request ${i}: answered after ${a.elapsed.toFixed(3)} ms, before ${delays[i]} ms`);
    });
  } finally {
    agent.destroy();
  }
});
