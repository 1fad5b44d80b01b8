import { test } from 'node:test';
import assert from 'node:assert/strict';
import { GeneratorSampler } from '../../../src/resources/generator-sampler.ts';
import { testContext, sleep } from './helpers.ts';

test('generator sampler: idle generator emits CPU and loop delay, no warning', async () => {
  const ctx = testContext();
  const s = new GeneratorSampler(200);
  s.start(ctx);
  await sleep(900);
  await s.stop();
  assert.ok(ctx.sink.values('generator_cpu_percent').length >= 3);
  assert.ok(ctx.sink.values('generator_event_loop_delay_ms').every((v) => v >= 0 && v < 1000));
  assert.deepEqual(ctx.warnings, []);
});

test('generator sampler: a blocked event loop for longer than the limit is one saturation failure', async () => {
  const ctx = testContext();
  const s = new GeneratorSampler(200, { loopDelayMs: 20, cpuPercent: 60, forMs: 800 });
  s.start(ctx);
  // Block the loop 80 ms out of every 100 ms for 2 s (bounded): loop delay and CPU both cross the limits.
  const end = Date.now() + 2000;
  while (Date.now() < end) {
    const stop = Date.now() + 80;
    while (Date.now() < stop) { /* busy */ }
    await sleep(20);
  }
  await sleep(250);
  await s.stop();
  assert.equal(ctx.failures.length, 1, ctx.failures.map((f) => f.cause).join('\n'));
  assert.equal(ctx.failures[0].kind, 'saturation');
  assert.match(ctx.failures[0].cause, /load generator was saturated/);
  assert.match(ctx.failures[0].cause, /figures after \d{4}-\d\d-\d\dT.* are the generator's, not the system's/);
  assert.ok(s.saturated);
  assert.ok(ctx.sink.max('generator_event_loop_delay_ms') > 20);
});

test('generator sampler: stop() twice is safe and no sample follows it', async () => {
  const ctx = testContext();
  const s = new GeneratorSampler(100);
  s.start(ctx);
  await sleep(250);
  await s.stop();
  await s.stop();
  const n = ctx.sink.samples.length;
  await sleep(300);
  assert.equal(ctx.sink.samples.length, n);
});

test('generator sampler: saturation while waiting for --start-at (loadStartsAt) is not judged', async () => {
  const ctx = { ...testContext(), loadStartsAt: Date.now() + 60_000 };
  const s = new GeneratorSampler(200, { loopDelayMs: 20, cpuPercent: 60, forMs: 800 });
  s.start(ctx);
  // The same blocked loop as above (bounded to 2 s), all of it before the load starts.
  const end = Date.now() + 2000;
  while (Date.now() < end) {
    const stop = Date.now() + 80;
    while (Date.now() < stop) { /* busy */ }
    await sleep(20);
  }
  await sleep(250);
  await s.stop();
  assert.deepEqual(ctx.failures, []);
  assert.ok(!s.saturated);
  assert.ok(ctx.sink.max('generator_event_loop_delay_ms') > 20, 'the readings are still recorded');
});
