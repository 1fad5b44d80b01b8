// Every action factory refuses (ConfigError, exit 104, naming faults.<name>.<field> and a fix) a definition
// that cannot work: an undeclared target, a missing duration or port, an unknown signal, no function.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ConfigError, ExitCode } from '../../../src/contracts/errors.ts';
import type { FaultDefinition } from '../../../src/contracts/fault-types.ts';
import { FAULT_ACTIONS } from '../../../src/faults/actions/index.ts';
import { netemUnavailable } from '../../../src/faults/actions/network-delay.ts';
import { faultCtx } from './helpers.ts';

const ctx = faultCtx({ containers: ['api-1'], processes: [{ name: 'redis', match: 'redis-server' }] });

function refusal(def: FaultDefinition): { path: string; message: string; fix: string } {
  const f = FAULT_ACTIONS[def.action];
  assert.ok(f, `no factory for ${def.action}`);
  try {
    f(def, ctx);
  } catch (err) {
    assert.ok(err instanceof ConfigError, `${def.action}: not a ConfigError: ${(err as Error).message}`);
    assert.equal(err.exitCode, ExitCode.INVALID_CONFIG);
    assert.equal(err.issues.length, 1);
    assert.ok(err.issues[0].fix.length > 5, 'a fix is given');
    return err.issues[0];
  }
  assert.fail(`${def.action} accepted ${JSON.stringify(def)}`);
}

test('fault factories: the registry holds every action of this module', () => {
  assert.deepEqual(Object.keys(FAULT_ACTIONS).sort(), [
    'container.disconnect', 'container.kill', 'container.pause', 'container.restart', 'container.stop',
    'exec', 'network.delay', 'network.drop', 'network.reset', 'process.freeze', 'process.signal',
  ]);
});

test('fault factories: a container that is not declared, or no target, is refused', () => {
  for (const action of ['container.kill', 'container.restart', 'container.stop', 'container.pause', 'container.disconnect'] as const) {
    const r = refusal({ at: '1s', duration: '5s', action, target: 'db' });
    assert.equal(r.path, 'faults.f1.target');
    assert.match(r.message, /"db" is not declared/);
    assert.match(r.fix, /api-1/);
    assert.equal(refusal({ at: '1s', duration: '5s', action }).path, 'faults.f1.target');
  }
  assert.equal(refusal({ at: '1s', duration: '5s', action: 'network.drop', port: 80, target: 'db' }).path, 'faults.f1.target');
});

test('fault factories: an action undone after its duration needs one', () => {
  for (const action of ['container.stop', 'container.pause', 'container.disconnect', 'network.drop', 'network.reset', 'process.freeze'] as const) {
    const r = refusal({ at: '1s', action, target: action.startsWith('process') ? 'redis' : 'api-1', port: 80 });
    assert.equal(r.path, 'faults.f1.duration', action);
  }
  assert.equal(refusal({ at: '1s', duration: 'soon', action: 'container.pause', target: 'api-1' }).path, 'faults.f1.duration');
  assert.equal(refusal({ at: '1s', duration: 0, action: 'container.pause', target: 'api-1' }).path, 'faults.f1.duration');
});

test('fault factories: network.drop/reset need a TCP port', () => {
  assert.equal(refusal({ at: '1s', duration: '5s', action: 'network.drop' }).path, 'faults.f1.port');
  assert.equal(refusal({ at: '1s', duration: '5s', action: 'network.reset', port: 70000 }).path, 'faults.f1.port');
  assert.equal(refusal({ at: '1s', duration: '5s', action: 'network.reset', port: 1.5 }).path, 'faults.f1.port');
});

test('fault factories: process faults need a declared process and a known signal; SIGSTOP goes through process.freeze', () => {
  assert.match(refusal({ at: '1s', action: 'process.signal', target: 'postgres', signal: 'SIGTERM' }).message, /"postgres" is not declared/);
  assert.equal(refusal({ at: '1s', action: 'process.signal', target: 'redis' }).path, 'faults.f1.signal');
  assert.match(refusal({ at: '1s', action: 'process.signal', target: 'redis', signal: 'SIGBOGUS' }).message, /unknown signal "SIGBOGUS"/);
  const stop = refusal({ at: '1s', action: 'process.signal', target: 'redis', signal: 'SIGSTOP' });
  assert.match(stop.fix, /process\.freeze/);
});

test('fault factories: exec needs run as a function, a function undo and a positive timeout', () => {
  assert.equal(refusal({ at: '1s', action: 'exec' }).path, 'faults.f1.run');
  const run = async (): Promise<void> => {};
  assert.equal(refusal({ at: '1s', action: 'exec', run, undo: { path: '/x' } }).path, 'faults.f1.undo');
  assert.equal(refusal({ at: '1s', action: 'exec', run, timeout: 'never' }).path, 'faults.f1.timeout');
});

test('fault factories: network.delay is refused, naming the fault and why, where the kernel has no netem (accepted where it has)', () => {
  const def: FaultDefinition = { at: '1s', duration: '5s', action: 'network.delay', port: 5432, delay: '200ms' };
  if (!netemUnavailable()) {
    // a kernel with netem: the same definition is made ready (applying it needs root and is not done here)
    assert.equal(typeof FAULT_ACTIONS['network.delay']!(def, ctx).apply, 'function');
    return;
  }
  const r = refusal(def);
  assert.equal(r.path, 'faults.f1.action');
  assert.match(r.message, /network\.delay cannot run on this machine: .*netem/);
  assert.match(r.fix, /process\.freeze|http/);
  // The fields are checked before the kernel: a definition that asks for nothing is named as such.
  assert.equal(refusal({ at: '1s', duration: '5s', action: 'network.delay', port: 5432 }).path, 'faults.f1.delay');
});
