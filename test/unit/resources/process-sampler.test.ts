import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ProcessSampler } from '../../../src/resources/process-sampler.ts';
import { cmdlineMatcher } from '../../../src/resources/proc.ts';
import { startBusyChild, stopChild } from './busy-child.ts';
import { testContext, waitFor } from './helpers.ts';

const MB = 100;

test('process sampler: a busy child holding 100 MB shows CPU well above idle and RSS above the allocation', async () => {
  const marker = `loadcert-proc-test-${process.pid}-${Date.now()}`;
  const child = startBusyChild(MB, 15_000, marker);
  const ctx = testContext();
  const byPid = new ProcessSampler([{ pid: child.pid!, name: 'busy' }], 250);
  const byMatch = new ProcessSampler([{ match: marker }], 250);
  try {
    await byPid.start(ctx);
    await byMatch.start(ctx);
    const ok = await waitFor(() => ctx.sink.values('process_cpu_percent', { process: 'busy' }).length >= 6
      && ctx.sink.max('process_rss_bytes', { process: 'busy' }) > MB * 1024 * 1024, 8000);
    assert.ok(ok, 'got enough samples in time');
    assert.ok(ctx.sink.max('process_cpu_percent', { process: 'busy' }) > 30, `cpu ${ctx.sink.values('process_cpu_percent', { process: 'busy' })}`);
    assert.ok(ctx.sink.max('process_rss_bytes', { process: 'busy' }) > MB * 1024 * 1024);
    assert.ok(ctx.sink.max('process_threads', { process: 'busy' }) >= 1);
    assert.ok(ctx.sink.max('process_open_fds', { process: 'busy' }) >= 1);
    assert.ok(ctx.sink.max('process_rss_bytes', { process: marker }) > MB * 1024 * 1024, 'found by command-line match');
    assert.deepEqual(ctx.warnings, []);
  } finally {
    await byPid.stop();
    await byMatch.stop();
    await stopChild(child);
  }
});

test('process sampler: a process that exits is a warning, not an error, and its samples stop', async () => {
  const child = startBusyChild(1, 5_000, 'loadcert-exit-test');
  const ctx = testContext();
  const s = new ProcessSampler([{ pid: child.pid!, name: 'short' }], 200);
  try {
    await s.start(ctx);
    await waitFor(() => ctx.sink.values('process_rss_bytes', { process: 'short' }).length >= 1, 3000);
    await stopChild(child);
    assert.ok(await waitFor(() => ctx.warnings.length === 1, 3000), 'warned');
    assert.match(ctx.warnings[0], /process \d+ is not running/);
    const n = ctx.sink.samples.length;
    await new Promise((r) => setTimeout(r, 500));
    assert.equal(ctx.sink.samples.length, n);
  } finally {
    await s.stop();
    await stopChild(child);
  }
});

test('command-line matcher: substring or /regex/flags', () => {
  assert.equal(cmdlineMatcher('postgres')('/usr/lib/postgresql/15/bin/postgres -D x'), true);
  assert.equal(cmdlineMatcher('/node .*server/i')('NODE my-server.js'), true);
  assert.equal(cmdlineMatcher('/^redis/')('/usr/bin/redis-server'), false);
});
