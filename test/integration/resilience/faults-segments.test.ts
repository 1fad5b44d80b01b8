// Issue 25 item 6: with execution segments exactly one process applies each fault (the first segment by
// default), the others put their seconds in the same phases, and the merged verdict is one process's;
// with --workers the main thread applies it once.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readSummary, runCli, tempOut } from '../../helpers/cli.ts';
import { faultScenario, startFaultServer, type FaultServer } from './fault-server.ts';
import type { RunSummary } from '../../../src/contracts/summary-types.ts';

let server: FaultServer;
let file: string;
before(async () => {
  server = await startFaultServer();
  const dir = mkdtempSync(join(tmpdir(), 'loadcert-faults-seg-'));
  writeFileSync(join(dir, 'package.json'), '{ "type": "module" }\n');
  file = faultScenario(dir, server.url, 'segments', '/__admin/fault?recover=3000');
});
after(async () => { await server.close(); });

const APPLIED_ONCE = ['POST /__admin/fault?recover=3000', 'DELETE /__admin/fault'];
const statusOf = (s: RunSummary) => s.thresholds.map((t) => `${t.metric} ${t.status}`);

test('segments apply each fault once, and the merged verdict and recovery equal one process\'s', { timeout: 240_000 }, async () => {
  server.reset();
  const one = tempOut('loadcert-fault-one-');
  const r1 = await runCli(['run', file, '--out', one]);
  assert.equal(r1.code, 0, r1.stderr.slice(-3000));
  assert.deepEqual(server.switches, APPLIED_ONCE);
  const single = readSummary(one);

  server.reset();
  const startAt = Date.now() + 15_000; // start-up of 2 processes on a shared machine
  const outs = [tempOut('loadcert-fault-seg0-'), tempOut('loadcert-fault-seg1-')];
  const segs = await Promise.all(['0:1/2', '1/2:1'].map((seg, i) => runCli(['run', file, '--out', outs[i], '--execution-segment', seg,
    '--execution-segment-sequence', '0,1/2,1', '--start-at', String(startAt)])));
  segs.forEach((r) => assert.equal(r.code, 0, r.stderr.slice(-3000)));
  assert.deepEqual(server.switches, APPLIED_ONCE, 'only the first segment applies the fault');
  assert.equal(readSummary(outs[0]).loadcert.resilience!.faults[0].status, 'applied');
  assert.equal(readSummary(outs[1]).loadcert.resilience!.faults[0].status, 'elsewhere');

  const merged = tempOut('loadcert-fault-merged-');
  const m = await runCli(['merge', ...outs, '--out', merged]);
  assert.equal(m.code, r1.code, m.stderr.slice(-3000));
  const ms = readSummary(merged);
  assert.deepEqual(statusOf(ms), statusOf(single));
  const [a, b] = [ms.loadcert.resilience!.faults[0], single.loadcert.resilience!.faults[0]];
  assert.equal(a.status, 'applied', 'the record of the segment that applied it');
  assert.ok(Math.abs(a.recoveryS! - b.recoveryS!) <= 1, `merged recovery ${a.recoveryS} s, one process ${b.recoveryS} s`);
  assert.equal(ms.loadcert.resilience!.startEpoch, startAt);
});

test('--workers 2: the fault is applied once, by the main thread', { timeout: 120_000 }, async () => {
  server.reset();
  const out = tempOut('loadcert-fault-workers-');
  const r = await runCli(['run', file, '--out', out, '--workers', '2']);
  assert.equal(r.code, 0, r.stderr.slice(-3000));
  assert.deepEqual(server.switches, APPLIED_ONCE);
  const f = readSummary(out).loadcert.resilience!.faults[0];
  const truth = (server.healthyAt! - (readSummary(out).loadcert.resilience!.startEpoch + f.faultToMs)) / 1000;
  assert.ok(Math.abs(f.recoveryS! - truth) <= 1, `recovery ${f.recoveryS} s, truth ${truth} s`);
});
