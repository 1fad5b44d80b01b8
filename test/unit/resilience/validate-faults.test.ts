// Validation of `faults` (src/faults/validate-faults.ts): every problem at once, with path and fix.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { prepareFaults } from '../../../src/faults/validate-faults.ts';
import { builtInFaultActions } from '../../../src/faults/registry.ts';
import { isLoopback } from '../../../src/contracts/host-guard.ts';

const ctx = {
  plannedMs: 60_000, actions: builtInFaultActions(), scenarioDir: '/tmp', baseUrl: 'http://127.0.0.1:8080', isAllowed: isLoopback,
  containers: ['api-1'], processes: [{ name: 'redis' }], log: () => {},
};
const http = { action: 'http', request: { path: '/__admin/faults/db' }, undo: { method: 'DELETE', path: '/__admin/faults/db' } };

test('validate faults: unknown action, undeclared target, outside the run, duration missing or extra, bad host', () => {
  const { issues, actions } = prepareFaults({
    a: { at: '1s', action: 'container.kil', target: 'api-1' },
    b: { at: '1s', action: 'process.signal', signal: 'SIGKILL', target: 'redis-2' },
    c: { at: '50s', duration: '20s', ...http },
    d: { at: '1s', action: 'process.freeze', target: 'redis' },
    e: { at: '1s', duration: '2s', action: 'process.signal', signal: 'SIGTERM', target: 'redis' },
    f: { at: '1s', duration: '2s', action: 'http', request: { path: 'http://example.com/x' }, undo: { path: '/u' } },
    g: { at: '1s', duration: '2s', action: 'http', request: { path: '/x' } },
    h: { at: '1s', duration: '2s', ...http, colour: 'red' },
    ok: { at: '1s', duration: '2s', ...http },
  }, 'scenario.ts', ctx);
  const text = issues.map((i) => `${i.path}: ${i.message} (fix: ${i.fix})`);
  const has = (re: RegExp) => assert.ok(text.some((t) => re.test(t)), `${re} not in\n${text.join('\n')}`);
  has(/^faults\.a\.action: unknown action "container\.kil" \(fix: did you mean "container\.kill"\?\)/);
  has(/^faults\.b\.target: "redis-2" is not declared in resources\.processes.*did you mean "redis"/);
  has(/^faults\.c\.duration: the fault ends at 1 min 10 s, not before the run's planned end \(1 min\)/);
  has(/^faults\.d\.duration: is required for process\.freeze/);
  has(/^faults\.e\.duration: process\.signal is instant/);
  has(/^faults\.f: request goes to example\.com, which is not loopback/);
  has(/^faults\.g\.undo: http: duration and undo go together/);
  has(/^faults\.h\.colour: unknown option "colour"/);
  assert.ok(!text.some((t) => t.startsWith('faults.ok')), 'a valid fault has no issue');
  assert.deepEqual([...actions.keys()], ['ok']);
  assert.equal(actions.get('ok')!.target, 'POST /__admin/faults/db');
});
