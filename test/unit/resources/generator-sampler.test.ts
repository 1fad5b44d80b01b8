import { test } from 'node:test';
import { Worker } from 'node:worker_threads';
import { availableParallelism } from 'node:os';
import assert from 'node:assert/strict';
import { GeneratorSampler } from '../../../src/resources/generator-sampler.ts';
import { testContext, sleep } from './helpers.ts';


/** Blocks the event loop 80 ms out of every 100 ms for 2 s (bounded). */
async function blockLoop(): Promise<void> {
  const end = Date.now() + 2000;
  while (Date.now() < end) {
    const stop = Date.now() + 80;
    while (Date.now() < stop) { /* busy */ }
    await sleep(20);
  }
}

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
  await blockLoop(); // loop delay and CPU both cross the limits
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
  await blockLoop(); // all of it before the load starts
  await sleep(250);
  await s.stop();
  assert.deepEqual(ctx.failures, []);
  assert.ok(!s.saturated);
  assert.ok(ctx.sink.max('generator_event_loop_delay_ms') > 20, 'the readings are still recorded');
});

/** Burns one core in a worker thread for `ms` (the main event loop stays free), resolves when it ends. */
function burnInWorker(ms: number): Promise<void> {
  const w = new Worker(`const end = Date.now() + ${ms}; while (Date.now() < end) { /* busy */ }`, { eval: true });
  return new Promise((resolve) => w.once('exit', () => resolve()));
}

test('generator sampler: the CPU line scales with the threads that drive load (--workers), not one core', { timeout: 20_000 }, async () => {
  const run = async (generatorThreads: number) => {
    const ctx = { ...testContext(), generatorThreads };
    const s = new GeneratorSampler(200, { cpuPercent: 70, loopDelayMs: 10_000, forMs: 800 });
    s.start(ctx);
    await burnInWorker(2000);
    await s.stop();
    return { saturated: s.saturated, maxCpu: ctx.sink.max('generator_cpu_percent') };
  };
  const one = await run(1);
  assert.ok(one.maxCpu > 70, `a busy worker thread shows as process CPU: ${one.maxCpu}`);
  assert.ok(one.saturated, 'one load thread: a busy core is saturation');
  const two = await run(2);
  assert.ok(!two.saturated, `two load threads on ${availableParallelism()} cores: one busy core (${two.maxCpu} %) is not`);
});
