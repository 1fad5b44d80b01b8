// process.freeze and process.signal on real processes (sleeping node children): the process really stops
// and continues, the ledger holds the freeze exactly while it lasts, and only declared processes are touched.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { once } from 'node:events';
import { FAULT_ACTIONS } from '../../../src/faults/actions/index.ts';
import { listEntries } from '../../../src/faults/ledger.ts';
import { eventually, faultCtx, privateLedger, procState, sleeper } from './helpers.ts';

const signal = new AbortController().signal;

test('process.freeze: SIGSTOP to every matching process, recorded in the ledger, SIGCONT at undo', async (t) => {
  const dir = privateLedger();
  const marker = `loadcert-freeze-${process.pid}-${Date.now()}`;
  const a = sleeper(marker);
  const b = sleeper(marker);
  const other = sleeper(`loadcert-other-${process.pid}`);
  t.after(() => { for (const c of [a, b, other]) c.kill('SIGKILL'); });
  await eventually(() => [a, b].every((c) => procState(c.pid!) !== undefined), 5000);
  const action = FAULT_ACTIONS['process.freeze']!({ at: '1s', duration: '5s', action: 'process.freeze', target: 'srv' }, faultCtx({ processes: [{ name: 'srv', match: marker }] }));
  assert.equal(action.target, 'process srv');
  await action.apply(signal);
  assert.ok(await eventually(() => procState(a.pid!) === 'T' && procState(b.pid!) === 'T', 5000), `both stopped: ${procState(a.pid!)} ${procState(b.pid!)}`);
  assert.notEqual(procState(other.pid!), 'T', 'an undeclared process is untouched');
  assert.deepEqual(listEntries(dir).entries.map((e) => e.kind === 'process.freeze' && e.pid).sort(), [a.pid, b.pid].sort());
  await action.undo!(signal);
  assert.ok(await eventually(() => procState(a.pid!) !== 'T' && procState(b.pid!) !== 'T', 5000), 'both continue');
  assert.deepEqual(listEntries(dir).entries, [], 'undo removes the entries');
});

test('process.freeze by pid, and a process that is gone: apply rejects, nothing recorded', async (t) => {
  const dir = privateLedger();
  const c = sleeper('loadcert-freeze-pid');
  t.after(() => c.kill('SIGKILL'));
  await eventually(() => procState(c.pid!) !== undefined, 5000);
  const ctx = faultCtx({ processes: [{ pid: c.pid! }] });
  const action = FAULT_ACTIONS['process.freeze']!({ at: '1s', duration: '5s', action: 'process.freeze', target: String(c.pid) }, ctx);
  await action.apply(signal);
  assert.ok(await eventually(() => procState(c.pid!) === 'T', 5000), 'stopped');
  await action.undo!(signal);
  assert.ok(await eventually(() => procState(c.pid!) !== 'T', 5000), 'continues');
  c.kill('SIGKILL');
  await once(c, 'exit');
  const late = FAULT_ACTIONS['process.freeze']!({ at: '1s', duration: '5s', action: 'process.freeze', target: String(c.pid) }, ctx);
  await assert.rejects(late.apply(signal), /is not running/);
  assert.deepEqual(listEntries(dir).entries, []);
});

test('process.signal: the signal reaches the declared process', async (t) => {
  const c = sleeper(`loadcert-signal-${process.pid}-${Date.now()}`);
  t.after(() => c.kill('SIGKILL'));
  await eventually(() => procState(c.pid!) !== undefined, 5000);
  const exited = once(c, 'exit');
  const action = FAULT_ACTIONS['process.signal']!({ at: '1s', action: 'process.signal', target: 'p', signal: 'SIGTERM' }, faultCtx({ processes: [{ name: 'p', pid: c.pid! }] }));
  assert.equal(action.undo, undefined, 'a signal is instant');
  await action.apply(signal);
  const [code, sig] = await exited;
  assert.equal(code, null);
  assert.equal(sig, 'SIGTERM');
});
