// requireData was replaced by the applicability rule: an old file using it is rejected with a fix (exit 104).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { MetricRegistry } from '../../../src/metrics/registry.ts';
import { checkThresholds } from '../../../src/thresholds/validate.ts';

test('requireData is rejected naming the field, why, and the fix', { timeout: 5000 }, () => {
  const { thresholds, issues } = checkThresholds({ checks: [{ threshold: 'rate>0.9', requireData: false }] }, 't.json', new MetricRegistry());
  assert.equal(issues.length, 1);
  assert.equal(issues[0].path, 'checks[0].requireData');
  assert.match(issues[0].message, /"requireData" was removed/);
  assert.match(issues[0].fix, /delete "requireData"/);
  assert.equal(thresholds.length, 0);
});

test('alert options are checked: severity, window, no abortOnFail', { timeout: 5000 }, () => {
  const reg = new MetricRegistry();
  const ok = checkThresholds({ http_reqs: [{ threshold: 'count<5', alert: { severity: 'warning', window: '30s' } }] }, 't.json', reg);
  assert.deepEqual(ok.issues, []);
  assert.deepEqual(ok.thresholds[0].alert, { severity: 'warning', windowMs: 30_000 });
  assert.equal(ok.thresholds[0].metricSource, 'http');
  const bad = checkThresholds({ http_reqs: [{ threshold: 'count<5', abortOnFail: true, alert: { severity: 'loud', window: 'soon', extra: 1 } }] }, 't.json', reg);
  assert.deepEqual(bad.issues.map((i) => i.path).sort(), ['http_reqs[0].abortOnFail', 'http_reqs[0].alert.extra', 'http_reqs[0].alert.severity', 'http_reqs[0].alert.window']);
});
