import { SIGNALR_METRICS } from '../../../src/protocols/signalr/metrics.ts';
import { WS_METRICS } from '../../../src/protocols/websocket/metrics.ts';
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { PassThrough } from 'node:stream';
import { RESOURCE_METRICS, createSamplers, startSamplers, DEMO_TARGET_PROCESS } from '../../../src/resources/index.ts';
import { resolveEngine } from '../../../src/resources/docker-engine.ts';
import { readJsonLines } from '../../../src/resources/json-lines.ts';
import { MetricRegistry } from '../../../src/metrics/registry.ts';
import { checkThresholds } from '../../../src/thresholds/index.ts';
import type { Sampler } from '../../../src/contracts/sampler.ts';
import { testContext, waitFor } from './helpers.ts';

test('RESOURCE_METRICS: unique gauges that register cleanly', () => {
  const names = RESOURCE_METRICS.map((m) => m.name);
  assert.equal(new Set(names).size, names.length);
  assert.ok(RESOURCE_METRICS.every((m) => m.type === 'gauge' && m.description));
  const reg = new MetricRegistry(RESOURCE_METRICS);
  for (const n of ['container_cpu_percent', 'container_restarts', 'host_disk_free_percent', 'process_rss_bytes', 'generator_event_loop_delay_ms']) assert.ok(reg.get(n), n);
});

test('thresholds.json: the alert rules on resources validate against the resource metrics', () => {
  const map = JSON.parse(readFileSync(new URL('../../../thresholds.json', import.meta.url), 'utf8'));
  const { thresholds, issues } = checkThresholds(map, 'thresholds.json', new MetricRegistry([...RESOURCE_METRICS, ...SIGNALR_METRICS, ...WS_METRICS]));
  assert.deepEqual(issues, []);
  const resource = [...new Set(thresholds.map((t) => t.metric).filter((m) => m.startsWith('container_') || m.startsWith('host_')))].sort();
  assert.deepEqual(resource, ['container_cpu_percent', 'container_memory_percent', 'container_oom_kills', 'container_restarts', 'host_cpu_percent', 'host_disk_free_percent', 'host_memory_percent']);
});

test('createSamplers: generator and host always, process for the demo target, docker when asked', () => {
  const names = (s: Sampler[]): string[] => s.map((x) => x.name);
  assert.deepEqual(names(createSamplers(undefined)), ['generator', 'host']);
  assert.deepEqual(names(createSamplers(undefined, { demoTargetPid: 1 })), ['generator', 'host', 'process']);
  assert.deepEqual(names(createSamplers({ docker: { containers: ['api'] }, processes: [{ match: 'pg' }], host: false })), ['generator', 'process', 'docker']);
  for (const s of createSamplers({ docker: {} }, { demoTargetPid: 1 })) assert.ok(s.metrics.length > 0);
  assert.equal(DEMO_TARGET_PROCESS, 'demo-target');
});

test('startSamplers: a sampler that throws on start is a measurement failure naming it; stop is idempotent', async () => {
  const ctx = testContext();
  let stops = 0;
  const bad: Sampler = { name: 'bad', metrics: [], start() { throw new Error('boom'); }, async stop() { stops++; } };
  const [gen, host] = createSamplers({ host: { disks: ['/'] }, interval: 200 });
  const stop = await startSamplers([bad, gen, host], ctx);
  assert.deepEqual(ctx.failures.map((f) => [f.source, f.kind]), [['bad', 'sampler']]);
  assert.match(ctx.failures[0].cause, /bad sampler failed to start: boom/);
  assert.ok(await waitFor(() => ctx.sink.values('host_disk_free_percent', { path: '/' }).length > 0 && ctx.sink.values('generator_cpu_percent').length > 0, 3000));
  await stop();
  await stop();
  assert.equal(stops, 1);
});

test('resolveEngine: scenario socket, then DOCKER_HOST, then the default socket', () => {
  assert.equal(resolveEngine('/run/x.sock', {}).socketPath, '/run/x.sock');
  assert.equal(resolveEngine(undefined, { DOCKER_HOST: 'unix:///tmp/d.sock' }).socketPath, '/tmp/d.sock');
  assert.equal(resolveEngine(undefined, {}).socketPath, '/var/run/docker.sock');
  const tcp = resolveEngine('tcp://127.0.0.1:2375', { DOCKER_HOST: 'unix:///ignored' });
  assert.deepEqual([tcp.host, tcp.port, tcp.socketPath], ['127.0.0.1', 2375, undefined]);
  assert.throws(() => resolveEngine('ssh://host', {}), (e: Error & { code?: string }) => e.code === 'LC_DOCKER_HOST');
});

test('readJsonLines: objects split across chunks, malformed lines skipped, end reported once', () => {
  const s = new PassThrough();
  const got: unknown[] = [];
  let ends = 0;
  readJsonLines(s, { onObject: (v) => got.push(v), onEnd: () => ends++ });
  s.write('{"a":1}\n{"b":');
  s.write('2}\nnot json\n\n{"c":3}');
  s.end('\n');
  return new Promise<void>((resolve) => setImmediate(() => {
    assert.deepEqual(got, [{ a: 1 }, { b: 2 }, { c: 3 }]);
    assert.equal(ends, 1);
    resolve();
  }));
});
