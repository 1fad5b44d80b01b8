// One run per results folder (issue 20): --out naming a folder that already holds a run is refused with
// 104 naming the folder and the fix, before any load; --force replaces the old run whole.
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createDemoTarget } from '../../../src/target/server.ts';
import { runCli, tempOut, readSummary, fixture, ROOT } from '../../helpers/cli.ts';

type Target = Awaited<ReturnType<typeof createDemoTarget>>;
let target: Target;

/** A folder that looks like an earlier run: the given markers plus an unrelated file and a subfolder. */
function oldRun(markers: string[]): string {
  const out = tempOut('loadcert-out-');
  for (const m of markers) writeFileSync(join(out, m), m === 'summary.json' ? '{"old":true}\n' : '{"old":true}\n');
  writeFileSync(join(out, 'old-report.html'), 'old');
  mkdirSync(join(out, 'steps'));
  writeFileSync(join(out, 'steps', 'x'), 'old');
  return out;
}

describe('--out into a folder that holds a run', { timeout: 120_000 }, () => {
  before(async () => { target = await createDemoTarget({ port: 0 }); });
  after(async () => { await target.close(); });

  for (const markers of [['summary.json'], ['timeseries.ndjson']]) {
    test(`run: a folder holding ${markers.join(', ')} is refused with 104, naming the folder and --force, the old files untouched`, { timeout: 60_000 }, async () => {
      const out = oldRun(markers);
      const r = await runCli(['run', fixture('short.ts'), '--base-url', target.url, '--out', out]);
      assert.equal(r.code, 104, r.stderr);
      assert.ok(r.stderr.includes(`${out} already holds a run (${markers[0]})`), r.stderr);
      assert.match(r.stderr, /fix: give a new folder with --out, or add --force/);
      assert.equal(readFileSync(join(out, markers[0]), 'utf8'), '{"old":true}\n');
      assert.ok(existsSync(join(out, 'old-report.html')));
    });
  }

  test('run --force: the old run is replaced whole (old files gone, one run in the folder)', { timeout: 60_000 }, async () => {
    const out = oldRun(['summary.json', 'timeseries.ndjson']);
    const r = await runCli(['run', fixture('short.ts'), '--base-url', target.url, '--out', out, '--force']);
    assert.ok([0, 99, 112, 113].includes(r.code!), `exit ${r.code}: ${r.stderr}`); // short.ts has no criteria: 113
    assert.equal(existsSync(join(out, 'old-report.html')), false, 'a file of the old run survived --force');
    assert.equal(existsSync(join(out, 'steps')), false);
    assert.equal(readSummary(out).loadcert.scenario, 'short');
    for (const line of readFileSync(join(out, 'timeseries.ndjson'), 'utf8').trim().split('\n')) assert.doesNotMatch(line, /"old"/);
  });

  test('capacity: a folder holding a run is refused with 104 before any step', { timeout: 60_000 }, async () => {
    const out = oldRun(['summary.json']);
    const r = await runCli(['capacity', join(ROOT, 'scenarios', 'capacity-demo.ts'), '--base-url', target.url, '--out', out]);
    assert.equal(r.code, 104, r.stderr);
    assert.ok(r.stderr.includes(`${out} already holds a run`), r.stderr);
    assert.equal(existsSync(join(out, 'steps', '01-100rps')), false);
  });

  test('merge: a folder holding a run is refused with 104', { timeout: 60_000 }, async () => {
    // two segment runs of one scenario started at one instant (what merge accepts), then merge into a folder that holds a run
    const startAt = String(Date.now() + 15_000);
    const [a, b] = [tempOut(), tempOut()];
    const rs = await Promise.all([['0:1/2', a], ['1/2:1', b]].map(([seg, dir]) => runCli(['run', fixture('short.ts'), '--base-url', target.url, '--out', dir,
      '--execution-segment', seg, '--execution-segment-sequence', '0,1/2,1', '--start-at', startAt, '--skip-preflight'])));
    for (const x of rs) assert.ok([0, 99, 112, 113].includes(x.code!), `exit ${x.code}: ${x.stderr}`);
    const out = oldRun(['summary.json']);
    const r = await runCli(['merge', a, b, '--out', out]);
    assert.equal(r.code, 104, r.stderr);
    assert.ok(r.stderr.includes(`${out} already holds a run`), r.stderr);
  });

  test('swarm: a folder whose merged/ or segment-N/ holds a run is refused with 104 before any task', { timeout: 60_000 }, async () => {
    const out = tempOut('loadcert-swarm-out-');
    mkdirSync(join(out, 'merged'));
    writeFileSync(join(out, 'merged', 'summary.json'), '{}');
    const r = await runCli(['swarm', join(ROOT, 'scenarios', 'smoke.ts'), '--replicas', '2', '--base-url', target.url, '--out', out]);
    assert.equal(r.code, 104, r.stderr);
    assert.ok(r.stderr.includes(`${out} already holds a swarm run (merged/summary.json)`), r.stderr);
  });
});
