// The alert rules of the shipped thresholds.json, compiled as a run compiles them and stored as a run stores them.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { MetricRegistry } from '../../src/metrics/registry.ts';
import { RESOURCE_METRICS } from '../../src/resources/metrics.ts';
import { createEngines } from '../../src/run/engines.ts';
import { loadThresholdsFile } from '../../src/thresholds/load.ts';
import { checkThresholds } from '../../src/thresholds/validate.ts';
import { alertRulesOf } from '../../src/run/finish-run.ts';
import type { AlertRule } from '../../src/contracts/summary-types.ts';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

/** Alert rules of thresholds.json (asserts the file is valid). */
export async function shippedAlertRules(): Promise<AlertRule[]> {
  const registry = new MetricRegistry(RESOURCE_METRICS);
  for (const e of createEngines({ timeoutMs: 1000, headers: {}, isAllowedHost: () => true }).values()) for (const d of e.metrics) registry.define({ ...d, source: e.protocol });
  const map = await loadThresholdsFile(join(ROOT, 'thresholds.json'), undefined, 'thresholds.json');
  const { thresholds, issues } = checkThresholds(map, 'thresholds.json', registry);
  assert.deepEqual(issues, []);
  return alertRulesOf(thresholds);
}
