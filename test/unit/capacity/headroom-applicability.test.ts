// capacity_headroom is judged only in a capacity search: not applicable in a plain run (src/verdict).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { declaredSources, criterionStatus } from '../../../src/verdict/index.ts';
import { MetricRegistry } from '../../../src/metrics/registry.ts';

const scenario = { workloads: { work: { executor: 'constant-arrival-rate' } } } as never;
const row = { metricSource: new MetricRegistry().get('capacity_headroom')!.source, noData: true, observed: null, operator: '>=', target: 1.5 };

test('a plain run does not declare the capacity source: the headroom criterion is not applicable', () => {
  assert.equal(row.metricSource, 'capacity');
  assert.equal(criterionStatus(row, declaredSources(scenario)), 'not applicable');
});

test('a capacity search declares it: the headroom criterion is judged', () => {
  const sources = declaredSources(scenario, { capacity: true });
  assert.equal(criterionStatus({ ...row, noData: false, observed: 3.5 }, sources), 'met');
  assert.equal(criterionStatus({ ...row, noData: false, observed: 1.2 }, sources), 'failed');
});
