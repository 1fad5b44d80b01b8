// How a step's stored summary counts for the search (summary of a real capacity step against the demo target).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { classifyStep } from '../../../src/capacity/classify.ts';
import type { RunSummary } from '../../../src/contracts/summary-types.ts';

const real = JSON.parse(readFileSync(new URL('../../fixtures/runs/capacity/summary.json', import.meta.url), 'utf8')) as RunSummary;

test('a certified step held; the same step past the lateness line is invalid, not held', () => {
  assert.deepEqual(classifyStep(real), { kind: 'step', outcome: 'held', reason: 'every applicable criterion met' });
  const late = classifyStep(real, 0.001);
  assert.equal(late.kind === 'step' && late.outcome, 'invalid');
  assert.match((late as { reason: string }).reason, /the generator ran late: its event-loop delay reached/);
});

test('a saturated generator makes even a failed step invalid; interrupted ends the search', () => {
  const s = structuredClone(real);
  s.loadcert.exitCode = 112;
  s.loadcert.measurementFailures = [{ source: 'generator', kind: 'saturation', cause: 'CPU above 90 %', at: s.loadcert.endTime }];
  assert.equal((classifyStep(s) as { outcome: string }).outcome, 'invalid');
  const i = structuredClone(real);
  i.loadcert.exitCode = 105;
  i.loadcert.status = 'aborted';
  assert.deepEqual(classifyStep(i), { kind: 'end', exitCode: 105, reason: 'stopped from outside' });
});
