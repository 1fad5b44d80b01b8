import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DockerSampler } from '../../../src/resources/docker-sampler.ts';
import { FakeDocker } from './fake-docker.ts';
import { testContext, waitFor, sleep } from './helpers.ts';

const FAST = { intervalMs: 100, inspectEveryMs: 200, discoverEveryMs: 300 };

async function withSampler(
  opts: Partial<ConstructorParameters<typeof DockerSampler>[0]>,
  body: (fake: FakeDocker, s: DockerSampler, ctx: ReturnType<typeof testContext>) => Promise<void>,
  setup: (fake: FakeDocker) => void = () => {},
): Promise<void> {
  const fake = new FakeDocker();
  setup(fake);
  const ctx = testContext();
  const s = new DockerSampler({ ...FAST, ...opts, api: fake });
  try {
    await s.start(ctx);
    await body(fake, s, ctx);
  } finally {
    await s.stop();
    fake.dispose();
  }
}

test('docker sampler: CPU, memory, limit, % and pids of a followed container', async () => {
  await withSampler({ containers: ['api'] }, async (_fake, _s, ctx) => {
    assert.ok(await waitFor(() => ctx.sink.values('container_cpu_percent', { container: 'api' }).length >= 3, 3000));
    const cpu = ctx.sink.values('container_cpu_percent', { container: 'api' });
    assert.ok(cpu.every((v) => Math.abs(v - 50) < 1e-6), `cpu ${cpu}`);
    assert.equal(ctx.sink.max('container_memory_bytes', { container: 'api' }), 100 * 2 ** 20);
    assert.equal(ctx.sink.max('container_memory_limit_bytes', { container: 'api' }), 256 * 2 ** 20);
    assert.ok(Math.abs(ctx.sink.max('container_memory_percent', { container: 'api' }) - (100 / 256) * 100) < 1e-9);
    assert.equal(ctx.sink.max('container_pids', { container: 'api' }), 7);
    assert.equal(ctx.sink.max('container_up', { container: 'api' }), 1);
    assert.equal(ctx.sink.max('container_restarts', { container: 'api' }), 0);
    assert.equal(ctx.sink.values('container_network_rx_bytes').length, 0);
    assert.equal(ctx.sink.values('container_cpu_percent', { container: 'other' }).length, 0, 'only named containers');
  }, (fake) => { fake.add({ name: 'api', memory: 100 * 2 ** 20 }); fake.add({ name: 'other' }); });
});

test('docker sampler: restarts and OOM kills count from the start of the run; a stopped container is up 0 while others go on', async () => {
  let api = '';
  let db = '';
  await withSampler({ labels: ['app=docs'] }, async (fake, s, ctx) => {
    assert.deepEqual(s.followed().sort(), ['api', 'db']);
    assert.ok(await waitFor(() => ctx.sink.values('container_cpu_percent', { container: 'db' }).length >= 2, 3000));
    fake.crashAndRestart(api);
    assert.ok(await waitFor(() => ctx.sink.max('container_restarts', { container: 'api' }) === 1, 3000), 'restart counted');
    const before = ctx.sink.values('container_cpu_percent', { container: 'api' }).length;
    assert.ok(await waitFor(() => ctx.sink.values('container_cpu_percent', { container: 'api' }).length > before + 2, 3000), 'stats stream reopened after the restart');
    fake.stopContainer(db, true);
    assert.ok(await waitFor(() => ctx.sink.values('container_up', { container: 'db' }).at(-1) === 0, 3000), 'db up 0');
    assert.ok(await waitFor(() => ctx.sink.max('container_oom_kills', { container: 'db' }) === 1, 3000), 'oom counted');
    const apiCount = ctx.sink.values('container_cpu_percent', { container: 'api' }).length;
    const dbCount = ctx.sink.values('container_cpu_percent', { container: 'db' }).length;
    await sleep(400);
    assert.ok(ctx.sink.values('container_cpu_percent', { container: 'api' }).length > apiCount, 'api still sampled');
    assert.equal(ctx.sink.values('container_cpu_percent', { container: 'db' }).length, dbCount, 'no figures for a stopped container');
    assert.equal(ctx.sink.max('container_restarts', { container: 'db' }), 0, 'db restarted 2 times before the run: not counted');
    assert.deepEqual(ctx.warnings, []);
  }, (fake) => {
    api = fake.add({ name: 'api', labels: { app: 'docs' } });
    db = fake.add({ name: 'db', labels: { app: 'docs' }, restartCount: 2 });
    fake.add({ name: 'unrelated', labels: { app: 'other' } });
  });
});

test('docker sampler: a container started during the run (compose project) is followed; health is 1/0', async () => {
  await withSampler({ composeProject: 'docs' }, async (fake, s, ctx) => {
    assert.deepEqual(s.followed(), []);
    fake.add({ name: 'late', labels: { 'com.docker.compose.project': 'docs' }, health: 'healthy' });
    assert.ok(await waitFor(() => ctx.sink.values('container_cpu_percent', { container: 'late' }).length >= 1, 3000));
    assert.equal(ctx.sink.max('container_health', { container: 'late' }), 1);
    assert.equal(ctx.sink.max('container_restarts', { container: 'late' }), 0);
  });
});

test('docker sampler: an engine that goes away is one measurement failure, sampling resumes when it is back', async () => {
  await withSampler({}, async (fake, _s, ctx) => {
    assert.ok(await waitFor(() => ctx.sink.values('container_up', { container: 'api' }).length >= 2, 3000));
    fake.goAway();
    assert.ok(await waitFor(() => ctx.failures.length === 1, 3000), 'failed');
    assert.equal(ctx.failures[0].source, 'docker');
    assert.match(ctx.failures[0].cause, /Docker engine at unix:\/\/\/fake\.sock went away .*container metrics are missing/);
    await sleep(700);
    assert.equal(ctx.failures.length, 1, 'recorded once');
    const n = ctx.sink.values('container_up').length;
    fake.down = false;
    assert.ok(await waitFor(() => ctx.sink.values('container_cpu_percent', { container: 'api' }).length > 0
      && ctx.sink.values('container_up').length > n + 2, 3000), 'sampling resumed');
    assert.match(ctx.warnings[0], /reachable again/);
  }, (fake) => { fake.add({ name: 'api' }); });
});

test('docker sampler: unreachable engine at start is a measurement failure and start() still resolves; a named container never found is one at stop', async () => {
  let ghostCtx: ReturnType<typeof testContext> | undefined;
  await withSampler({ containers: ['ghost'] }, async (_fake, _s, ctx) => {
    ghostCtx = ctx;
    assert.deepEqual(ctx.warnings.length, 1);
    assert.match(ctx.warnings[0], /ghost.*not found/);
    assert.equal(ctx.failures.length, 0, 'not yet: it may still appear');
  });
  assert.equal(ghostCtx!.failures.length, 1);
  assert.match(ghostCtx!.failures[0].cause, /container "ghost" was never found/);
  const fake = new FakeDocker();
  fake.down = true;
  const ctx = testContext();
  const s = new DockerSampler({ ...FAST, api: fake });
  await s.start(ctx);
  await s.stop();
  fake.dispose();
  assert.equal(ctx.failures.length, 1);
  assert.equal(ctx.failures[0].source, 'docker');
  assert.match(ctx.failures[0].cause, /is unreachable/);
});

test('docker sampler: stop() ends every stream and closes the engine connection', async () => {
  const fake = new FakeDocker();
  fake.add({ name: 'a' });
  fake.add({ name: 'b' });
  const ctx = testContext();
  const s = new DockerSampler({ ...FAST, api: fake });
  await s.start(ctx);
  assert.ok(await waitFor(() => fake.statsStreams.size === 2 && fake.eventStreams.size === 1, 3000));
  await s.stop();
  await sleep(50);
  assert.equal(fake.statsStreams.size, 0);
  assert.equal(fake.eventStreams.size, 0);
  assert.ok(fake.closed);
  const n = ctx.sink.samples.length;
  await sleep(300);
  assert.equal(ctx.sink.samples.length, n, 'nothing emitted after stop');
  fake.dispose();
});
