// compareRuns (pure) and `loadcert compare` exit codes.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { compareRuns } from '../../../src/report/index.ts';
import { runCompareCommand } from '../../../src/cli/compare-command.ts';
import { RUNS, captureIO, fixtureSummary } from './helpers.ts';

test('the same run twice: no change, no regression; a limit below what its samples can show cannot tell', () => {
  const s = fixtureSummary('passing');
  // the stored smoke run has too few requests to show a 10 % throughput drop (Poisson count test): cannot tell
  const narrow = compareRuns(s, s, 10);
  assert.equal(narrow.outcome, 'cannot tell');
  assert.equal(narrow.regressions, 0);
  assert.ok(narrow.rows.filter((r) => r.cannotTell).every((r) => r.bounds!.detectablePct > 10));
  const c = compareRuns(s, s, 25);
  assert.equal(c.ok, true);
  assert.equal(c.regressions, 0);
  assert.equal(c.rows.filter((r) => r.kind === 'criterion').length, s.thresholds.length);
  for (const label of ['median (p50)', '95th percentile', '99th percentile', 'HTTP error rate', 'Throughput'])
    assert.ok(c.rows.some((r) => r.kind === 'key figure' && r.label.includes(label)), label);
  assert.ok(c.rows.every((r) => r.changeText === '±0.0 %' || r.changeText === 'n/a'));
});

test('worse latency beyond the limit without samples to test is shown, not gated; direction follows the operator', () => {
  // without the run's histograms the statistical gate (test/unit/report/compare-noise.test.ts) has nothing to test
  const base = fixtureSummary('passing');
  base.loadcert.histograms = {};
  const run = structuredClone(base);
  run.thresholds[0].observed = base.thresholds[0].observed! * 1.2; // p95 +20 %
  run.thresholds[2].observed = 0.999; // availability (>) went down by 0.1 %: within limit
  assert.equal(compareRuns(base, run, 25).ok, true);
  const c = compareRuns(base, run, 10);
  assert.equal(c.regressions, 0); // (throughput cannot tell at 10 % on this short run; latency is not gated at all)
  const p95 = c.rows.find((r) => r.label.startsWith('API response time'))!;
  assert.equal(p95.regression, false);
  assert.match(p95.note, /no samples to test it against noise: not gated/);
  assert.equal(Math.round(p95.regressionPct!), 20);
  assert.equal(p95.changeText, '+20.0 %');
  assert.equal(c.rows[2].note, '', 'availability within the limit: no note');
  const faster = structuredClone(base);
  faster.thresholds[0].observed = base.thresholds[0].observed! * 0.5;
  assert.equal(compareRuns(base, faster, 10).regressions, 0);
});

test('a criterion that passed and now fails is a regression even under the limit', () => {
  const base = fixtureSummary('passing');
  const run = structuredClone(base);
  run.thresholds[3].ok = false;
  const c = compareRuns(base, run, 1000);
  assert.equal(c.ok, false);
  assert.match(c.rows[3].note, /passed in the baseline/);
});

test('loadcert compare exits 0 without regression, 114 when it cannot tell, 99 with one, 104 without results', async () => {
  const io = captureIO();
  assert.equal(await runCompareCommand([join(RUNS, 'passing'), join(RUNS, 'passing'), '--max-regression', '25'], io), 0, io.stderr);
  assert.match(io.stdout, /no regression beyond 25 %/);
  const tell = captureIO();
  assert.equal(await runCompareCommand([join(RUNS, 'passing'), join(RUNS, 'passing')], tell), 114, tell.stderr);
  assert.match(tell.stdout, /cannot tell/i);
  const io2 = captureIO();
  assert.equal(await runCompareCommand([join(RUNS, 'passing'), join(RUNS, 'failing'), '--max-regression', '5'], io2), 99, io2.stderr);
  assert.match(io2.stdout, /REGRESSED/);
  assert.match(io2.stdout, /HTTP response time, 95th percentile/);
  const empty = mkdtempSync(join(tmpdir(), 'loadcert-empty-'));
  const io3 = captureIO();
  assert.equal(await runCompareCommand([join(RUNS, 'passing'), empty], io3), 104);
  assert.ok(io3.stderr.includes(empty));
  const io4 = captureIO();
  assert.equal(await runCompareCommand([join(RUNS, 'passing'), join(RUNS, 'failing'), '--max-regression', 'lots'], io4), 104);
  const io5 = captureIO();
  assert.equal(await runCompareCommand(['--help'], io5), 0);
  assert.match(io5.stdout, /--max-regression PCT/);
});
