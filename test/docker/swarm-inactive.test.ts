// `loadcert swarm` on an engine that is not a swarm manager (the shared test engine) exits 1 naming the
// fix, after checking its inputs, and creates nothing.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { requireEngine } from './engine.ts';
import { checkSwarmManager } from '../../src/orchestrate/swarm/run-service.ts';

const ROOT = new URL('../../', import.meta.url).pathname;

test('loadcert swarm on a non-swarm engine: LC_SWARM_INACTIVE, exit 1, no service', { timeout: 60_000 }, async (t) => {
  const docker = await requireEngine(t);
  if (!docker) return;
  const info = await docker.info() as { Swarm?: { LocalNodeState?: string } };
  if (info.Swarm?.LocalNodeState === 'active') {
    // .ci/run's shared engine is never a swarm (the swarm test runs its own engine): in CI this is a failure
    assert.notEqual(process.env.CI, 'true', 'the shared Docker engine is a swarm manager in CI; .ci/run starts a plain one');
    t.skip('outside CI only: the shared engine is a swarm here');
    return;
  }
  await assert.rejects(checkSwarmManager(docker), (err: Error & { code?: string }) => err.code === 'LC_SWARM_INACTIVE' && /docker swarm init/.test(err.message));
  const out = mkdtempSync(path.join(tmpdir(), 'loadcert-swarm-off-'));
  try {
    const child = spawn(process.execPath, [path.join(ROOT, 'bin', 'loadcert.mjs'), 'swarm', 'test/fixtures/scenarios/open-200.ts', '--replicas', '2', '--out', out], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (d: Buffer) => { output += d; });
    child.stderr.on('data', (d: Buffer) => { output += d; });
    const timer = setTimeout(() => child.kill('SIGKILL'), 50_000);
    const code = await new Promise<number | null>((r) => child.on('exit', (c) => { clearTimeout(timer); r(c); }));
    assert.equal(code, 1, output);
    assert.match(output, /LC_SWARM_INACTIVE.*not a swarm manager/);
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
});
