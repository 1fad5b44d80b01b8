import { test } from 'node:test';
import assert from 'node:assert/strict';
import { HostSampler, diskFree } from '../../../src/resources/host-sampler.ts';
import { startBusyChild, stopChild } from './busy-child.ts';
import { testContext, waitFor } from './helpers.ts';

test('host sampler: CPU rises with a busy child; memory, load and disk free are in range', async () => {
  const child = startBusyChild(1, 15_000, 'loadcert-host-test');
  const ctx = testContext();
  const s = new HostSampler(['/', '/nonexistent/loadcert'], 250);
  try {
    await s.start(ctx);
    assert.ok(await waitFor(() => ctx.sink.values('host_cpu_percent').length >= 6, 8000), 'got samples');
    const cpu = ctx.sink.values('host_cpu_percent');
    // One busy core of the machine's cores; the floor leaves room for any core count up to 8.
    assert.ok(Math.max(...cpu) > 10, `host cpu ${cpu}`);
    assert.ok(cpu.every((v) => v >= 0 && v <= 100));
    const mem = ctx.sink.values('host_memory_percent');
    assert.ok(mem.length > 0 && mem.every((v) => v > 0 && v < 100));
    assert.ok(ctx.sink.values('host_load1').every((v) => v >= 0));
    const free = ctx.sink.values('host_disk_free_percent', { path: '/' });
    assert.ok(free.length > 0 && free.every((v) => v >= 0 && v <= 100));
    assert.ok(ctx.sink.max('host_disk_free_bytes', { path: '/' }) > 0);
    assert.equal(ctx.sink.values('host_disk_free_percent', { path: '/nonexistent/loadcert' }).length, 0);
    assert.equal(ctx.warnings.length, 1, 'one warning for the unreadable path, not one per tick');
    assert.match(ctx.warnings[0], /nonexistent/);
  } finally {
    await s.stop();
    await stopChild(child);
  }
});

test('diskFree: statfs figures agree with each other', async () => {
  const f = await diskFree('/');
  assert.ok(f && f.bytes > 0 && f.percent > 0 && f.percent <= 100);
  assert.equal(await diskFree('/nonexistent/loadcert'), undefined);
});
