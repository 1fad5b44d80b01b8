// loadcert capacity refuses a scenario with faults (104) before any load: each step is a run of its own and
// would apply every fault again, so no step would measure the healthy system.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli, tempOut } from '../../helpers/cli.ts';

test('loadcert capacity refuses faults with 104, naming the field and the fix, and creates no results folder', { timeout: 60_000 }, async () => {
  const dir = mkdtempSync(join(tmpdir(), 'loadcert-capacity-faults-'));
  const scenario = join(dir, 'with-faults.ts');
  writeFileSync(join(dir, 'package.json'), '{ "type": "module" }\n');
  writeFileSync(scenario, `export default {
  baseUrl: 'http://127.0.0.1:1',
  thresholdsFile: false,
  thresholds: { http_req_failed: ['rate<0.01'] },
  workloads: { api: { executor: 'constant-arrival-rate', rate: 10, duration: '5s', preAllocatedVUs: 2, steps: [{ path: '/' }] } },
  faults: { outage: { at: '1s', duration: '1s', action: 'http', request: { method: 'POST', path: '/__admin/outage?ms=1000' } } },
};\n`);
  const out = join(tempOut('loadcert-capacity-faults-out-'), 'run');
  const r = await runCli(['capacity', scenario, '--out', out]);
  assert.equal(r.code, 104, r.stdout + r.stderr);
  assert.match(r.stderr, /with-faults\.ts: faults: loadcert capacity runs the scenario once per step/);
  assert.match(r.stderr, /certify resilience with `loadcert run`/);
  assert.equal(existsSync(out), false, 'no results folder for a refused search');
});
