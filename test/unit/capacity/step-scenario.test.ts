// A capacity step's scenario: searched rates scaled, realtime users in proportion, windows reset after the warm-up.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { searchAxis, stepScenario } from '../../../src/capacity/step-scenario.ts';
import { MetricStore } from '../../../src/metrics/store.ts';
import { MetricRegistry } from '../../../src/metrics/registry.ts';
import { NO_TAGS } from '../../../src/metrics/tagset.ts';
import { ConfigError } from '../../../src/contracts/errors.ts';
import type { ScenarioDefinition } from '../../../src/contracts/scenario-types.ts';

const scenario = {
  baseUrl: 'http://127.0.0.1:1',
  capacity: { scaleWith: ['chat'] },
  workloads: {
    api: { executor: 'constant-arrival-rate', rate: 60, timeUnit: '1m', duration: '1m', preAllocatedVUs: 5, maxVUs: 10, steps: [{ path: '/a' }] },
    web: { executor: 'constant-arrival-rate', rate: 3, duration: '1m', preAllocatedVUs: 5, maxVUs: 10, steps: [{ path: '/b' }] },
    chat: { protocol: 'signalr', users: 40, duration: '1m' },
  },
} as unknown as ScenarioDefinition;

test('every arrival-rate workload at its share of the total; scaleWith users in proportion; timeUnit per second', () => {
  const axis = searchAxis(scenario, 's.ts', undefined);
  assert.equal(axis.targetRps, 4);
  const step = stepScenario(scenario, axis, { rps: 8, durationMs: 5000 });
  const w = step.workloads as unknown as Record<string, Record<string, unknown>>;
  assert.deepEqual([w.api.rate, w.api.timeUnit, w.web.rate, w.api.duration], [2, '1s', 6, '5000ms']);
  assert.equal(w.chat.users, 80, '2x the rate = 2x the users');
  assert.equal(w.api.maxVUs, 20, 'VU ceiling scaled with the rate');
});

test('a searched workload that is not constant-arrival-rate is refused with the field and a fix', () => {
  assert.throws(() => searchAxis(scenario, 's.ts', ['chat']), (e: unknown) => e instanceof ConfigError && /workloads\.chat\.executor/.test(JSON.stringify(e.issues)));
});

test('resetTotals: seconds folded before it (the warm-up) are not in the totals the criteria judge', () => {
  const store = new MetricStore(new MetricRegistry());
  store.add('http_req_duration', 5000, NO_TAGS);
  store.flushSecond(0);
  store.resetTotals();
  store.add('http_req_duration', 10, NO_TAGS);
  store.flushSecond(1000);
  const agg = store.query('http_req_duration')!;
  assert.equal(agg.values(1).max, 10);
  assert.equal(agg.count, 1);
});
