// The verdict table over a summary a real run produced: run status x measurement failures x criterion statuses -> verdict and exit code.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { createDemoTarget } from '../../../src/target/server.ts';
import { decideVerdict } from '../../../src/verdict/decide.ts';
import type { MeasurementFailure, RunStatus, RunSummary, ThresholdResult } from '../../../src/contracts/summary-types.ts';
import { runCli, tempOut, readSummary, fixture, ROOT } from '../../helpers/cli.ts';

let real: RunSummary;
before(async () => {
  const target = await createDemoTarget({ port: 0 });
  try {
    const out = tempOut();
    const r = await runCli(['run', fixture('short.ts'), '--base-url', target.url, '--out', out, '--thresholds', join(ROOT, 'test/fixtures/thresholds-not-applicable.json')]);
    assert.equal(r.code, 0, r.stdout + r.stderr);
    real = readSummary(out);
  } finally { await target.close(); }
});

const failure = (kind: MeasurementFailure['kind']): MeasurementFailure => ({ source: kind === 'saturation' ? 'generator' : 'docker', kind, cause: `${kind} cause`, at: new Date(0).toISOString() });

/** The real run's criteria with the measured one made to fail (observed past its target) or lose its data. */
function criteria(measured: 'met' | 'failed' | 'not measured' | 'none'): ThresholdResult[] {
  const [http, ...rest] = real.thresholds;
  if (measured === 'none') return rest;
  if (measured === 'met') return real.thresholds;
  const changed = measured === 'failed' ? { ...http, observed: 0.9 } : { ...http, observed: null, noData: true };
  return [changed, ...rest];
}

const CASES: Array<[RunStatus, Array<MeasurementFailure['kind']>, Parameters<typeof criteria>[0], string, number]> = [
  ['completed', [], 'met', 'CERTIFIED', 0],
  ['completed', [], 'failed', 'NOT CERTIFIED', 99],
  ['threshold-aborted', [], 'failed', 'NOT CERTIFIED', 99],
  ['completed', [], 'not measured', 'INCOMPLETE', 112],
  ['completed', ['sampler'], 'met', 'INCOMPLETE', 112],
  ['completed', ['sampler'], 'failed', 'NOT CERTIFIED', 99],
  ['completed', ['saturation'], 'failed', 'INCOMPLETE', 112],
  ['completed', [], 'none', 'NO CRITERIA', 113],
  ['completed', ['poller'], 'none', 'INCOMPLETE', 112],
  ['aborted', ['saturation'], 'failed', 'INCOMPLETE', 105],
  ['failed', [], 'met', 'INCOMPLETE', 1],
  ['preflight-failed', [], 'none', 'INCOMPLETE', 111],
];

test('verdict table: precedence 111 > 105 > 1 > saturation > 99 > 112 > 113 > 0', { timeout: 60_000 }, () => {
  assert.ok(real.loadcert.sources?.includes('http') && !real.loadcert.sources.includes('docker'));
  for (const [status, kinds, measured, verdict, exitCode] of CASES) {
    const d = decideVerdict({ status, thresholds: criteria(measured), sources: real.loadcert.sources, measurementFailures: kinds.map(failure) });
    assert.deepEqual([d.verdict, d.exitCode], [verdict, exitCode], `${status} ${kinds.join('+') || 'no failure'} ${measured}`);
  }
});

test('without recorded sources (an old summary) every criterion applies: the undeclared ones are not measured', { timeout: 5000 }, () => {
  const d = decideVerdict({ status: 'completed', thresholds: real.thresholds, sources: undefined, measurementFailures: [] });
  assert.deepEqual([d.verdict, d.exitCode], ['INCOMPLETE', 112]);
});
