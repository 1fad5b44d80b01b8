// End to end through the CLI: a container crashed on purpose during `loadcert run` restarts, and the
// restart criterion (container_restarts max == 0) fails the run with exit 99.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { adminPost, removeQuietly, requireEngine, runTarget } from './engine.ts';
import { sleep } from '../unit/resources/helpers.ts';

const BIN = new URL('../../bin/loadcert.mjs', import.meta.url).pathname;

/** Runs the CLI (bounded by `timeoutMs`, killed after it); resolves to its exit code and output. */
function runCli(args: string[], timeoutMs: number): { done: Promise<{ code: number | null; output: string }> } {
  const child = spawn(process.execPath, [BIN, ...args], { env: process.env, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout.on('data', (d: Buffer) => { output += d.toString(); });
  child.stderr.on('data', (d: Buffer) => { output += d.toString(); });
  const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
  return { done: new Promise((resolve) => child.on('exit', (code) => { clearTimeout(timer); resolve({ code, output }); })) };
}

test('loadcert run: a container crash during the run fails the restart threshold (exit 99)', async (t) => {
  const docker = await requireEngine(t);
  if (!docker) return;
  const dir = mkdtempSync(path.join(tmpdir(), 'loadcert-crash-'));
  const target = await runTarget(docker, 'run-crash', { restartRetries: 3 });
  try {
    writeFileSync(path.join(dir, 'package.json'), '{"type":"module"}');
    const scenario = path.join(dir, 'crash.ts');
    writeFileSync(scenario, `export default {
  name: 'docker-crash',
  baseUrl: ${JSON.stringify(target.url)},
  workloads: { api: { executor: 'constant-arrival-rate', rate: 20, duration: '14s', preAllocatedVUs: 5, maxVUs: 10,
    steps: [{ name: 'ping', path: '/api/ping' }] } },
  resources: { docker: { containers: [${JSON.stringify(target.name)}] } },
};
`);
    const thresholds = path.join(dir, 'thresholds.json');
    writeFileSync(thresholds, JSON.stringify({ container_restarts: ['max==0'] }));
    const out = path.join(dir, 'out');
    const run = runCli(['run', scenario, '--thresholds', thresholds, '--out', out], 120_000);
    // Let the run get going, then crash the container; the restart policy brings it back.
    await sleep(6000);
    await adminPost(target.url, '/__admin/crash');
    const { code, output } = await run.done;
    assert.equal(code, 99, output);
    const summary = readFileSync(path.join(out, 'summary.json'), 'utf8');
    const parsed = JSON.parse(summary) as { thresholds?: Array<{ metric: string; ok: boolean; observed: number | null }> };
    const restarts = parsed.thresholds?.find((r) => r.metric === 'container_restarts');
    assert.ok(restarts, `no container_restarts threshold in summary.json: ${summary.slice(0, 500)}`);
    assert.equal(restarts.ok, false);
    assert.ok((restarts.observed ?? 0) >= 1);
  } finally {
    await removeQuietly(docker, target.name);
    rmSync(dir, { recursive: true, force: true });
  }
});
