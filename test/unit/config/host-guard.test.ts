// One host guard for every engine and the health poller: loopback by default, --allow-host / allowedHosts on purpose.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { validateScenario } from '../../../src/config/validate-scenario.ts';
import { IssueList } from '../../../src/config/checks.ts';
import { createEngines } from '../../../src/run/engines.ts';
import { hostAllowList } from '../../../src/contracts/host-guard.ts';
import type { ScenarioDefinition } from '../../../src/contracts/scenario-types.ts';

const engines = createEngines({ timeoutMs: 1000, headers: {}, isAllowedHost: () => true });
const scenario = {
  baseUrl: 'http://127.0.0.1:1',
  health: { endpoints: ['/health', 'http://status.example.test/health'] },
  workloads: {
    ws: { protocol: 'websocket', url: 'ws://echo.example.test/ws', connections: 1, duration: '1s' },
    hub: { protocol: 'signalr', hub: 'http://hub.example.test/hubs/documents', users: 1, duration: '1s' },
    local: { protocol: 'websocket', url: 'ws://[::1]:9/ws', connections: 1, duration: '1s' },
  },
} as unknown as ScenarioDefinition;
const FAR = ['health.endpoints[1]', 'workloads.hub.hub', 'workloads.ws.url'];

describe('host guard', { timeout: 10_000 }, () => {
  test('outside loopback, the WebSocket url, the SignalR hub and a health endpoint are refused with the --allow-host fix', () => {
    const issues = validateScenario(scenario, 's.ts', engines, hostAllowList([]));
    assert.deepEqual(issues.map((i) => i.path).sort(), FAR);
    for (const i of issues) assert.match(i.fix, /--allow-host [a-z.]+example\.test/);
  });

  test('--allow-host lets exactly the named hosts through, for realtime engines and the health poller alike', () => {
    const all = hostAllowList(['echo.example.test', 'HUB.example.test', 'status.example.test']);
    assert.deepEqual(validateScenario(scenario, 's.ts', engines, all), []);
    const some = hostAllowList(['echo.example.test']);
    assert.deepEqual(validateScenario(scenario, 's.ts', engines, some).map((i) => i.path).sort(), ['health.endpoints[1]', 'workloads.hub.hub']);
  });
});

describe('one issue list', { timeout: 5_000 }, () => {
  test('paths are relative to the base; nested unknown keys name their own path', () => {
    const l = new IssueList('f.ts', 'workloads.ws');
    l.add('', 'whole', 'fix');
    l.add('url', 'key', 'fix');
    l.add('[0]', 'index', 'fix');
    l.unknownKeys({ bogus: 1 }, ['send'], 'exchanges[2]');
    l.duration('soon', 'duration');
    l.duration('0s', 'every', true, true);
    assert.deepEqual(l.issues.map((i) => i.path), ['workloads.ws', 'workloads.ws.url', 'workloads.ws[0]', 'workloads.ws.exchanges[2].bogus', 'workloads.ws.duration', 'workloads.ws.every']);
    assert.ok(l.issues.every((i) => i.file === 'f.ts' && i.fix));
  });
});
