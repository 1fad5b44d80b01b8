// Bounds a machine can hold: refused with a fix before the load, judged against given machine limits.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { generatorLimitIssues, MAX_ARRIVAL_RATE_PER_S } from '../../../src/config/generator-limits.ts';
import { validateScenario } from '../../../src/config/validate-scenario.ts';
import { createEngines } from '../../../src/run/engines.ts';
import type { ScenarioDefinition } from '../../../src/contracts/scenario-types.ts';

const limits = { memoryBytes: 1e9, openFiles: 20_000 };
const paths = (w: unknown) => generatorLimitIssues(w, 's.ts', limits).map((i) => i.path);
const steps = [{ path: '/' }];

describe('capacity bounds', { timeout: 10_000 }, () => {
  test('scenarios a machine holds pass (the shipped scale: 500/s, 1000 VUs, 200 users, 100 connections)', () => {
    assert.deepEqual(paths({
      api: { executor: 'ramping-arrival-rate', startRate: 0, stages: [{ duration: '1m', target: 500 }], preAllocatedVUs: 100, maxVUs: 1000, steps },
      hub: { protocol: 'signalr', hub: '/h', users: 200, duration: '1m' },
      ws: { protocol: 'websocket', path: '/ws', connections: 100, duration: '1m' },
    }), []);
  });

  test("timeUnit 0 in any spelling is refused; '1ms' is fine", () => {
    for (const timeUnit of ['0s', 0, '0', '0ms', '0d'])
      assert.deepEqual(paths({ a: { executor: 'constant-arrival-rate', rate: 1, timeUnit, duration: '1s', preAllocatedVUs: 1, steps } }), ['workloads.a.timeUnit'], String(timeUnit));
    assert.deepEqual(paths({ a: { executor: 'constant-arrival-rate', rate: 1, timeUnit: '1ms', duration: '1s', preAllocatedVUs: 1, steps } }), []);
  });

  test('the arrival rate is judged per second, through timeUnit and every stage', () => {
    const at = (rate: number, timeUnit: string) => paths({ a: { executor: 'constant-arrival-rate', rate, timeUnit, duration: '1s', preAllocatedVUs: 1, steps } });
    assert.deepEqual(at(MAX_ARRIVAL_RATE_PER_S, '1s'), []);
    assert.deepEqual(at(MAX_ARRIVAL_RATE_PER_S + 1, '1s'), ['workloads.a.rate']);
    assert.deepEqual(at(1, '1us'), ['workloads.a.rate']);
    assert.deepEqual(at(6_000_000, '1m'), []);
    assert.deepEqual(paths({ a: { executor: 'ramping-arrival-rate', stages: [{ duration: '1s', target: 10 }, { duration: '1s', target: 1e9 }], preAllocatedVUs: 1, steps } }), ['workloads.a.stages']);
  });

  test('memory of all workloads together: VUs, connections and users at their peak', () => {
    assert.deepEqual(paths({ a: { executor: 'constant-arrival-rate', rate: 1, duration: '1s', preAllocatedVUs: 1e9, steps } }), ['workloads']);
    assert.deepEqual(paths({ a: { executor: 'ramping-vus', startVUs: 0, stages: [{ duration: '1s', target: 60_000 }], steps } }), ['workloads']);
    // 15,000 SignalR users (450 MB) and 15,000 WebSocket connections (195 MB) fit 1 GB, but not the 20,000 open files.
    const [issue] = generatorLimitIssues({ hub: { protocol: 'signalr', hub: '/h', users: 15_000, duration: '1s' }, ws: { protocol: 'websocket', path: '/ws', connections: 15_000, duration: '1s' } }, 's.ts', limits);
    assert.match(issue.message, /opens 30,000 WebSocket\/SignalR connections/);
    assert.match(issue.fix, /ulimit -n/);
    const [mem] = generatorLimitIssues({ hub: { protocol: 'signalr', hub: '/h', users: 19_000, duration: '1s' }, ws: { protocol: 'websocket', path: '/ws', connections: 1, duration: '1s' } }, 's.ts', { memoryBytes: 5e8 });
    assert.match(mem.message, /hub: 19,000 users x 30 KB/);
  });

  test('a workload longer than a Node timer can wait is refused; 24 days is fine', () => {
    assert.deepEqual(paths({ a: { executor: 'constant-vus', vus: 1, duration: '24d', steps } }), []);
    assert.deepEqual(paths({ a: { executor: 'constant-vus', vus: 1, duration: '24d', startTime: '1d', steps } }), ['workloads.a']);
    assert.deepEqual(paths({ a: { executor: 'constant-vus', vus: 1, duration: '1d2h', steps } }), []);
  });

  test('the scenario validator applies the bounds (every problem at once)', () => {
    const engines = createEngines({ timeoutMs: 1000, headers: {}, isAllowedHost: () => true });
    const s = { baseUrl: 'http://127.0.0.1:1', workloads: { a: { executor: 'constant-arrival-rate', rate: 1e12, timeUnit: '1s', duration: '1s', preAllocatedVUs: 1e9, steps }, b: { executor: 'constant-arrival-rate', rate: 1, timeUnit: '0s', duration: '1s', preAllocatedVUs: 1, steps } } };
    const found = validateScenario(s as unknown as ScenarioDefinition, 's.ts', engines).map((i) => i.path);
    for (const p of ['workloads.a.rate', 'workloads.b.timeUnit', 'workloads']) assert.ok(found.includes(p), `${p} missing from ${found.join(', ')}`);
  });
});
