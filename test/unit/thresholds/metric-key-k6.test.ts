// k6's own metric key cases (as data in test/fixtures/k6-cases.ts) against the thresholds key parser, which
// reads the one key grammar of src/metrics/metric-key.ts.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { K6_METRIC_KEY_CASES, K6_METRIC_NAME_CASES } from '../../fixtures/k6-cases.ts';
import { MetricRegistry } from '../../../src/metrics/registry.ts';
import { parseMetricKey } from '../../../src/thresholds/metric-key.ts';

describe('k6 metric key cases', { timeout: 10_000 }, () => {
  for (const c of K6_METRIC_KEY_CASES) {
    test(`${c.from}: ${JSON.stringify(c.key)} -> ${c.want ? JSON.stringify(c.want.tags) : 'refused'}`, { timeout: 2_000 }, () => {
      const r = parseMetricKey(c.key);
      if (c.want === null) { assert.equal(r.ok, false, `k6 refuses ${JSON.stringify(c.key)}, loadcert read ${r.ok ? JSON.stringify(r.value) : ''}`); return; }
      assert.ok(r.ok, `k6 accepts ${JSON.stringify(c.key)}, loadcert said: ${r.ok ? '' : r.error.message}`);
      assert.deepEqual({ metric: r.value.metric, tags: { ...r.value.selector } }, { metric: c.want.metric, tags: c.want.tags });
    });
  }
});

describe('k6 metric name cases', { timeout: 10_000 }, () => {
  for (const c of K6_METRIC_NAME_CASES) {
    test(`${c.from}: ${JSON.stringify(c.name.length > 20 ? `${c.name.slice(0, 12)}... (${c.name.length})` : c.name)} -> ${c.valid ? 'valid' : 'refused'}`, { timeout: 2_000 }, () => {
      const key = parseMetricKey(c.name);
      assert.equal(key.ok, c.valid, `a threshold key naming ${JSON.stringify(c.name)}`);
      if (!c.valid && c.name.trim()) assert.ok(!key.ok && key.error.fix, 'the refusal says how to fix it');
      // the registry refuses what k6's registry refuses, with the same rule
      let registered = true;
      try { new MetricRegistry([{ name: c.name, type: 'counter', contains: 'default', description: 'k6 case' }]); } catch { registered = false; }
      assert.equal(registered, c.valid, 'the registry applies the same rule');
    });
  }
});
