// End to end through the CLI: the Docker engine a scenario samples is stopped mid-run. The run goes on, keeps
// what it measured, and ends INCOMPLETE (exit 112) naming the lost engine as a measurement failure.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import Docker from 'dockerode';
import { requireEngine, runTarget } from './engine.ts';
import { sleep } from '../unit/resources/helpers.ts';
import { startCli, ROOT } from '../helpers/cli.ts';
import { createDemoTarget } from '../../src/target/server.ts';
import type { RunSummary } from '../../src/contracts/summary-types.ts';

const SCRIPT = path.join(ROOT, 'scripts', 'docker-engine.sh');

/** Runs docker-engine.sh `cmd` for a private engine recorded in `state`; returns its stdout. */
function engine(cmd: 'up' | 'down', state: string): string {
  return execFileSync('bash', [SCRIPT, cmd], { env: { ...process.env, LOADCERT_DOCKER_STATE: state }, encoding: 'utf8', timeout: 180_000, stdio: ['ignore', 'pipe', 'pipe'] });
}

test('loadcert run: the Docker engine stopped mid-run is a measurement failure: INCOMPLETE, exit 112, results kept', { timeout: 300_000 }, async (t) => {
  if (!(await requireEngine(t))) return;
  const dir = mkdtempSync(path.join(tmpdir(), 'loadcert-engine-lost-'));
  const state = path.join(dir, 'engine.state');
  const target = await createDemoTarget({ port: 0 });
  try {
    // an engine of this test alone, so stopping it disturbs no other test
    const host = /DOCKER_HOST=(unix:\/\/\S+)/.exec(engine('up', state))?.[1];
    assert.ok(host, 'the private engine printed its DOCKER_HOST');
    const container = await runTarget(new Docker({ socketPath: host.slice('unix://'.length) }), 'engine-lost');
    writeFileSync(path.join(dir, 'package.json'), '{"type":"module"}');
    const scenario = path.join(dir, 'engine-lost.ts');
    writeFileSync(scenario, `export default {
  name: 'engine-lost',
  baseUrl: ${JSON.stringify(target.url)},
  thresholdsFile: false,
  workloads: { api: { executor: 'constant-arrival-rate', rate: 20, duration: '16s', preAllocatedVUs: 5, maxVUs: 10,
    steps: [{ name: 'list', path: '/api/documents' }] } },
  resources: { docker: { socket: ${JSON.stringify(host)}, containers: [${JSON.stringify(container.name)}] } },
  thresholds: { http_req_failed: ['rate<0.5'] },
};
`);
    const out = path.join(dir, 'out');
    let stopped = false;
    let timer: NodeJS.Timeout | undefined;
    const { result } = startCli(['run', scenario, '--out', out], (text) => {
      // once the load runs, let the container be sampled for a few seconds, then stop the engine
      if (!timer && /\[progress\]/.test(text)) timer = setTimeout(() => { engine('down', state); stopped = true; }, 5000);
    });
    const r = await result;
    clearTimeout(timer);
    assert.ok(stopped, `the engine was stopped during the run: ${r.stderr}`);
    const s = JSON.parse(readFileSync(path.join(out, 'summary.json'), 'utf8')) as RunSummary;
    assert.equal(r.code, 112, r.stdout + r.stderr);
    assert.equal(s.loadcert.verdict, 'INCOMPLETE');
    assert.equal(s.loadcert.status, 'completed');
    const lost = (s.loadcert.measurementFailures ?? []).find((f) => f.source === 'docker');
    assert.ok(lost, JSON.stringify(s.loadcert.measurementFailures));
    assert.match(lost.cause, /Docker engine at .* went away/);
    assert.match(s.loadcert.verdictReason ?? '', /measurement failure: Docker engine/);
    assert.equal(s.thresholds[0].status, 'met', 'the measured criterion is still reported');
    assert.ok(s.metrics.container_up, 'container metrics measured before the engine stopped are kept');
    assert.ok(s.metrics.http_reqs.values.count > 100, 'the load went on to the end');
  } finally {
    try { engine('down', state); } catch { /* already down */ }
    await target.close();
    rmSync(dir, { recursive: true, force: true });
  }
});
