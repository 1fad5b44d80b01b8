import { test } from 'node:test';
import assert from 'node:assert/strict';
import { MetricRegistry } from '../../../src/metrics/registry.ts';
import { MetricStore } from '../../../src/metrics/store.ts';
import { checkThresholds } from '../../../src/thresholds/validate.ts';
import { ThresholdEvaluator } from '../../../src/thresholds/evaluator.ts';
import { criterionRow } from '../../../src/report/criteria.ts';
import { NO_TAGS } from '../../../src/metrics/tagset.ts';

const registry = new MetricRegistry();
const map = {
  checks: [{ threshold: 'rate>0.9', requireData: false }],
  http_req_failed: [{ threshold: 'rate<0.1', requireData: false }],
  iterations: ['count>0'],
};

test('requireData: false turns "no data" into not measured, never into a pass of a measured value', () => {
  const { thresholds, issues } = checkThresholds(map, 't.json', registry);
  assert.deepEqual(issues, []);
  const store = new MetricStore(registry);
  store.add('http_req_failed', 1, NO_TAGS); // measured and failing
  const [checks, failed, iterations] = new ThresholdEvaluator(thresholds, store).evaluate(1000);
  assert.equal(checks.ok, true);
  assert.equal(checks.skipped, true);
  assert.equal(criterionRow(checks).result, 'not measured');
  assert.equal(failed.ok, false, 'a measured value is judged as usual');
  assert.equal(failed.skipped, false);
  assert.equal(iterations.ok, false, 'without the option no data still fails');
  assert.equal(iterations.noData, true);
});

test('requireData must be a boolean', () => {
  const { issues } = checkThresholds({ checks: [{ threshold: 'rate>0.9', requireData: 'no' }] }, 't.json', registry);
  assert.equal(issues.length, 1);
  assert.equal(issues[0].path, 'checks[0].requireData');
});
