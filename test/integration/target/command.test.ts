// The `loadcert target` command line and the child-process demo target the runner spawns.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseTargetArgs, runTargetCommand } from '../../../src/target/command.ts';
import { spawnDemoTarget } from '../../../src/target/spawn.ts';

test('parseTargetArgs maps every option and defaults the port to 8080', () => {
  assert.equal(parseTargetArgs([]).options.port, 8080);
  const { options, help } = parseTargetArgs([
    '--port', '0', '--host', '::1', '--latency-ms', '25', '--error-rate=0.1', '--health-401', '--stall-every', '1000', '--stall-for', '200', '--no-admin',
  ]);
  assert.equal(help, false);
  assert.equal(options.port, 0);
  assert.equal(options.host, '::1');
  assert.equal(options.adminEnabled, false);
  assert.deepEqual(options.faults, { latencyMs: 25, errorRate: 0.1, healthUnauthorized: true, stall: { everyMs: 1000, forMs: 200 } });
  assert.equal(parseTargetArgs(['--help']).help, true);
});

test('parseTargetArgs rejects bad options with exit code 104', () => {
  for (const argv of [['--port', 'x'], ['--error-rate', '2'], ['--stall-every', '100'], ['--stall-every', '100', '--stall-for', '200'], ['--bogus'], ['--port']]) {
    assert.throws(() => parseTargetArgs(argv), (e: { code?: string; exitCode?: number }) => e.code === 'LC_TARGET_ARGS' && e.exitCode === 104, argv.join(' '));
  }
});

test('runTargetCommand refuses a non-loopback host with exit code 104', async () => {
  const write = process.stderr.write;
  let err = '';
  process.stderr.write = ((s: string) => ((err += s), true)) as typeof process.stderr.write;
  try {
    assert.equal(await runTargetCommand(['--host', '0.0.0.0', '--port', '0']), 104);
  } finally {
    process.stderr.write = write;
  }
  assert.match(err, /loopback/);
});

test('spawnDemoTarget starts a child, it serves, stop() ends it', async () => {
  const child = await spawnDemoTarget(['--port', '0']);
  try {
    assert.match(child.url, /^http:\/\/127\.0\.0\.1:\d+$/);
    assert.ok(child.pid > 0);
    const res = await fetch(`${child.url}/api/health`);
    assert.equal(res.status, 200);
    await res.arrayBuffer();
  } finally {
    await child.stop();
  }
  assert.equal(await child.exited, 0, 'SIGTERM ends the target cleanly');
  await assert.rejects(fetch(`${child.url}/health`));
});

test('a spawned target stalls the whole process (busy-wait), and crashes on request with exit 1', async () => {
  const forMs = 200;
  const child = await spawnDemoTarget(['--port', '0', '--stall-every', '300', '--stall-for', String(forMs)]);
  try {
    let max = 0;
    const end = performance.now() + 1000;
    for (let i = 0; i < 100_000 && performance.now() < end; i++) {
      const t0 = performance.now();
      await (await fetch(`${child.url}/api/ping`)).arrayBuffer();
      max = Math.max(max, performance.now() - t0);
    }
    assert.ok(max >= forMs * 0.8, `longest request ${max.toFixed(1)} ms, expected >= ${forMs * 0.8}`);
    const crash = await fetch(`${child.url}/__admin/crash`, { method: 'POST' });
    assert.equal(crash.status, 202);
    await crash.arrayBuffer();
    assert.equal(await child.exited, 1);
  } finally {
    await child.stop();
  }
});

test('spawnDemoTarget rejects with LC_TARGET_SPAWN when the child cannot start', async () => {
  await assert.rejects(spawnDemoTarget(['--host', '10.0.0.1']), (e: { code?: string; message: string }) => e.code === 'LC_TARGET_SPAWN' && /loopback/.test(e.message));
});
