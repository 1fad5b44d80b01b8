// Docker sampler against a real engine (DOCKER_HOST): CPU under load, memory limit and %, a crash that
// restarts, a container that stops mid-run. Start the engine with scripts/docker-engine.sh up.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { MEMORY_LIMIT, adminPost, removeQuietly, requireEngine, runTarget } from './engine.ts';
import { driveLoad } from './load.ts';
import { startSampling } from './harness.ts';
import { waitFor, sleep } from '../unit/resources/helpers.ts';

test('CPU rises under load and the memory limit is recorded', async (t) => {
  const docker = await requireEngine(t);
  if (!docker) return;
  const target = await runTarget(docker, 'cpu');
  const run = await startSampling({ docker: { containers: [target.name] } });
  try {
    const sel = { container: target.name };
    assert.ok(await waitFor(() => run.recorded.values('container_cpu_percent', sel).length >= 2, 10_000), 'idle samples');
    const idle = run.recorded.values('container_cpu_percent', sel);
    const done = await driveLoad(target.url, '/api/documents', { connections: 16, maxMs: 6000, maxRequests: 60_000 });
    await sleep(1500);
    const all = run.recorded.values('container_cpu_percent', sel);
    const loaded = all.slice(idle.length);
    assert.ok(done > 100, `requests completed: ${done}`);
    assert.ok(Math.max(...loaded) > 20, `CPU under load ${loaded.map((v) => v.toFixed(1))}`);
    assert.ok(Math.max(...loaded) > Math.max(...idle) + 10, `idle ${idle.map((v) => v.toFixed(1))} vs loaded ${loaded.map((v) => v.toFixed(1))}`);
    assert.equal(run.recorded.max('container_memory_limit_bytes', sel), MEMORY_LIMIT);
    assert.ok(run.recorded.max('container_memory_bytes', sel) > 10 * 2 ** 20);
    assert.ok(run.recorded.max('container_pids', sel) >= 1);
    assert.equal(run.recorded.values('container_up', sel).at(-1), 1);
    assert.ok(run.store.query('container_cpu_percent', sel), 'the store got the series');
    assert.ok(run.threshold('container_memory_percent', target.name).ok);
  } finally {
    await run.stop();
    await removeQuietly(docker, target.name);
  }
});

test('a container crashed on purpose restarts (on-failure:3), container_restarts >= 1 fails the restart criterion', async (t) => {
  const docker = await requireEngine(t);
  if (!docker) return;
  const target = await runTarget(docker, 'crash', { restartRetries: 3 });
  const run = await startSampling({ docker: { containers: [target.name] } });
  try {
    const sel = { container: target.name };
    assert.ok(await waitFor(() => run.recorded.values('container_restarts', sel).length >= 1, 10_000));
    assert.equal(run.recorded.max('container_restarts', sel), 0, 'no restart before the crash');
    await adminPost(target.url, '/__admin/crash');
    assert.ok(await waitFor(() => run.recorded.max('container_restarts', sel) >= 1, 20_000), 'restart seen');
    const outcome = run.threshold('container_restarts', target.name);
    assert.equal(outcome.ok, false, outcome.message);
    assert.ok(outcome.observed! >= 1);
    assert.ok(run.threshold('container_oom_kills', target.name).ok, 'a crash is not an OOM kill');
  } finally {
    await run.stop();
    await removeQuietly(docker, target.name);
  }
});

test('a container holding memory above 80 % of its limit shows container_memory_percent > 80', async (t) => {
  const docker = await requireEngine(t);
  if (!docker) return;
  const target = await runTarget(docker, 'memory');
  const run = await startSampling({ docker: { containers: [target.name] } });
  try {
    const sel = { container: target.name };
    // 180 MB held plus the node process itself (~40 MB) is ~85 % of 256 MiB, below the OOM line.
    assert.equal(await adminPost(target.url, '/__admin/memory?mb=180'), 200);
    assert.ok(await waitFor(() => run.recorded.max('container_memory_percent', sel) > 80, 10_000),
      `memory % ${run.recorded.values('container_memory_percent', sel).map((v) => v.toFixed(1))}`);
    const outcome = run.threshold('container_memory_percent', target.name);
    assert.equal(outcome.ok, false, outcome.message);
  } finally {
    await run.stop();
    await removeQuietly(docker, target.name);
  }
});

test('a container that stops mid-run does not crash the sampler: it emits container_up 0 and keeps sampling the others', async (t) => {
  const docker = await requireEngine(t);
  if (!docker) return;
  const [a, b] = await Promise.all([runTarget(docker, 'stop-a'), runTarget(docker, 'stop-b')]);
  const run = await startSampling({ docker: { containers: [a.name, b.name] } });
  try {
    assert.ok(await waitFor(() => run.recorded.values('container_cpu_percent', { container: a.name }).length >= 1
      && run.recorded.values('container_cpu_percent', { container: b.name }).length >= 1, 10_000));
    await a.container.stop({ t: 1 });
    assert.ok(await waitFor(() => run.recorded.values('container_up', { container: a.name }).at(-1) === 0, 10_000), 'a is down');
    const before = run.recorded.values('container_cpu_percent', { container: b.name }).length;
    assert.ok(await waitFor(() => run.recorded.values('container_cpu_percent', { container: b.name }).length >= before + 2, 10_000), 'b still sampled');
    assert.equal(run.recorded.values('container_up', { container: b.name }).at(-1), 1);
    await removeQuietly(docker, a.name);
    await sleep(1500);
    assert.equal(run.recorded.values('container_up', { container: a.name }).at(-1), 0, 'removed: still reported down');
    assert.ok(run.recorded.values('container_cpu_percent', { container: b.name }).length > before + 2);
  } finally {
    await run.stop();
    await Promise.all([removeQuietly(docker, a.name), removeQuietly(docker, b.name)]);
  }
});
