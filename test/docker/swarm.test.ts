// End to end on a real one-node Docker Swarm: `loadcert swarm --replicas 3` runs the three execution
// segments of a 200 req/s scenario as a replicated service on a private engine of this test (swarm mode
// changes an engine, so never the shared one), merges them, and the merged verdict and request count
// match a single-process run of the same scenario and its schedule (1,000 requests, within 0.5 %).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import Docker from 'dockerode';
import { freePort, requireEngine } from './engine.ts';
import { spawnDemoTarget } from '../../src/target/spawn.ts';
import type { RunSummary } from '../../src/contracts/summary-types.ts';

const ROOT = new URL('../../', import.meta.url).pathname;
const BIN = path.join(ROOT, 'bin', 'loadcert.mjs');
const ENGINE = path.join(ROOT, 'scripts', 'docker-engine.sh');
const SCENARIO = path.join(ROOT, 'test', 'fixtures', 'scenarios', 'open-200.ts');
const SCHEDULED = 200 * 5;

/** Runs the CLI with `env` added, killed after `timeoutMs`; resolves to its exit code and output. */
function cli(args: string[], env: Record<string, string>, timeoutMs: number): Promise<{ code: number | null; output: string }> {
  const child = spawn(process.execPath, [BIN, ...args], { cwd: ROOT, env: { ...process.env, ...env, GITHUB_STEP_SUMMARY: '' }, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout.on('data', (d: Buffer) => { output += d.toString(); });
  child.stderr.on('data', (d: Buffer) => { output += d.toString(); });
  const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
  return new Promise((resolve) => child.on('exit', (code) => { clearTimeout(timer); resolve({ code, output }); }));
}

function summary(dir: string): RunSummary {
  return JSON.parse(readFileSync(path.join(dir, 'summary.json'), 'utf8')) as RunSummary;
}

function requests(s: RunSummary): number {
  return Number((s.metrics.http_reqs?.values as { count?: number } | undefined)?.count ?? 0);
}

test('loadcert swarm: 3 segments on a one-node swarm merge to the verdict and counts of one process', { timeout: 300_000 }, async (t) => {
  // The shared engine's presence says docker tests run here (in CI its absence fails loudly); this test
  // then starts an engine of its own, because `docker swarm init` would change the shared one.
  if (!(await requireEngine(t))) return;
  const work = mkdtempSync(path.join(tmpdir(), 'loadcert-swarm-'));
  const state = path.join(work, 'engine.state');
  const up = spawnSync('bash', [ENGINE, 'up'], { env: { ...process.env, LOADCERT_DOCKER_STATE: state }, encoding: 'utf8', timeout: 180_000 });
  const engineDown = () => spawnSync('bash', [ENGINE, 'down'], { env: { ...process.env, LOADCERT_DOCKER_STATE: state }, encoding: 'utf8', timeout: 120_000 });
  assert.equal(up.status, 0, `private engine did not start: ${up.stderr}`);
  const dockerHost = /DOCKER_HOST=(\S+)/.exec(up.stdout)?.[1];
  assert.ok(dockerHost, up.stdout);
  const docker = new Docker({ socketPath: dockerHost.slice('unix://'.length) });
  const target = await spawnDemoTarget(['--port', '0']);
  try {
    // A private listen port: another engine's swarm on this machine may hold the default 2377.
    const port = await freePort();
    await docker.swarmInit({ ListenAddr: `127.0.0.1:${port}`, AdvertiseAddr: `127.0.0.1:${port}` });

    const single = await cli(['run', SCENARIO, '--base-url', target.url, '--out', path.join(work, 'single')], {}, 120_000);
    assert.ok(existsSync(path.join(work, 'single', 'summary.json')), single.output);
    t.diagnostic(`single run: exit ${single.code}`);

    const started = Date.now();
    const swarmOut = path.join(work, 'swarm');
    const swarm = await cli(['swarm', SCENARIO, '--replicas', '3', '--base-url', target.url, '--out', swarmOut, '--start-delay', '45s', '--timeout', '150s'], { DOCKER_HOST: dockerHost }, 240_000);
    t.diagnostic(`swarm run took ${((Date.now() - started) / 1000).toFixed(1)} s`);
    assert.match(swarm.output, /tasks 3 complete/, swarm.output);
    assert.equal(swarm.code, single.code, `swarm exit ${swarm.code} vs single ${single.code}\n${swarm.output}\nsingle:\n${single.output}`);

    const one = summary(path.join(work, 'single'));
    const merged = summary(path.join(swarmOut, 'merged'));
    const segments = [1, 2, 3].map((i) => requests(summary(path.join(swarmOut, `segment-${i}`))));
    t.diagnostic(`requests: single ${requests(one)}, segments ${segments.join(' + ')} = merged ${requests(merged)}, scheduled ${SCHEDULED}`);
    assert.equal(merged.loadcert.verdict, one.loadcert.verdict);
    assert.equal(merged.loadcert.exitCode, one.loadcert.exitCode);
    assert.equal(requests(merged), segments.reduce((a, b) => a + b, 0));
    for (const n of segments) assert.ok(n > 0, `every segment sent requests: ${segments.join(', ')}`);
    assert.ok(Math.abs(requests(merged) - SCHEDULED) <= SCHEDULED * 0.005, `merged ${requests(merged)} is within 0.5 % of ${SCHEDULED}`);
    assert.ok(Math.abs(requests(one) - SCHEDULED) <= SCHEDULED * 0.005, `single ${requests(one)} is within 0.5 % of ${SCHEDULED}`);
    assert.deepEqual(await docker.listServices(), [], 'the service was removed');
  } finally {
    await target.stop();
    await docker.swarmLeave({ force: true }).catch(() => {});
    engineDown();
    rmSync(work, { recursive: true, force: true });
  }
});
