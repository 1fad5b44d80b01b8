import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { cpuPercent, figuresOf, isLiveChunk, memoryPercent, memoryUsed, networkTotals, type DockerStatsJson } from '../../../src/resources/docker-stats.ts';

const fixture = (name: string): DockerStatsJson => JSON.parse(readFileSync(new URL(`./fixtures/${name}`, import.meta.url), 'utf8'));
const v1 = fixture('stats-v1.json');
const v1First = fixture('stats-v1-first.json');
const v2 = fixture('stats-v2.json');

test('cgroup v1 (recorded from Docker 20.10): CPU % as the Docker CLI computes it', () => {
  const cpuDelta = 819139709 - 815635696;
  const systemDelta = 1755570000000 - 1753540000000;
  assert.ok(Math.abs(cpuPercent(v1)! - (cpuDelta / systemDelta) * 2 * 100) < 1e-9);
});

test('cgroup v1: memory used is usage minus cache, percent of the 256 MiB limit', () => {
  assert.equal(memoryUsed(v1), 39350272 - 81920);
  assert.ok(Math.abs(memoryPercent(v1)! - ((39350272 - 81920) / 268435456) * 100) < 1e-9);
  const f = figuresOf(v1)!;
  assert.equal(f.memoryLimitBytes, 268435456);
  assert.equal(f.pids, 18);
  assert.equal(f.rxBytes, undefined, 'host networking: no networks section, no network figures');
});

test('first chunk of a stream (no previous CPU reading) gives no CPU figure but memory', () => {
  assert.equal(cpuPercent(v1First), undefined);
  assert.ok(memoryUsed(v1First)! > 0);
});

test('cgroup v2: CPU from online_cpus, memory is usage minus inactive_file, networks summed', () => {
  assert.equal(cpuPercent(v2), ((5400000000 - 4900000000) / 4000000000) * 4 * 100);
  assert.equal(memoryUsed(v2), 220200960 - 58720256);
  assert.ok(Math.abs(memoryPercent(v2)! - ((220200960 - 58720256) / 268435456) * 100) < 1e-9);
  assert.deepEqual(networkTotals(v2), { rx: 1048576 + 1000, tx: 524288 + 2000 });
});

test('online_cpus missing: falls back to the number of per-CPU counters', () => {
  const s: DockerStatsJson = structuredClone(v1);
  delete s.cpu_stats!.online_cpus;
  assert.ok(Math.abs(cpuPercent(s)! - cpuPercent(v1)!) < 1e-9);
});

test('idle container: 0 %, never negative', () => {
  const s: DockerStatsJson = structuredClone(v1);
  s.cpu_stats!.cpu_usage!.total_usage = s.precpu_stats!.cpu_usage!.total_usage;
  assert.equal(cpuPercent(s), 0);
});

test('reclaimable memory larger than usage is not subtracted', () => {
  assert.equal(memoryUsed({ memory_stats: { usage: 100, stats: { cache: 500 } } }), 100);
  assert.equal(memoryUsed({ memory_stats: { usage: 100, stats: {} } }), 100);
  assert.equal(memoryPercent({ memory_stats: { usage: 100, limit: 0 } }), undefined);
});

test('a stopped container streams empty stats: no figures', () => {
  const empty: DockerStatsJson = { read: '0001-01-01T00:00:00Z', cpu_stats: { cpu_usage: { total_usage: 0 } }, memory_stats: {} };
  assert.equal(isLiveChunk(empty), false);
  assert.equal(figuresOf(empty), undefined);
});
