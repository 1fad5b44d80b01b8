// The exec action: the user's function runs with an AbortSignal, is bounded by its timeout even when it
// ignores the signal, and its undo runs at undo.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { FAULT_ACTIONS } from '../../../src/faults/actions/index.ts';
import type { FaultExecContext } from '../../../src/contracts/fault-types.ts';
import { faultCtx } from './helpers.ts';

test('exec: run and undo are called with the fault name, a live signal and a prefixed log', async () => {
  const calls: string[] = [];
  const logs: string[] = [];
  const action = FAULT_ACTIONS.exec!({
    at: '1s', duration: '2s', action: 'exec',
    run: async (c: FaultExecContext) => { calls.push(`run ${c.fault} ${c.signal.aborted}`); c.log('cut'); },
    undo: async (c: FaultExecContext) => { calls.push(`undo ${c.fault}`); },
  }, faultCtx({ name: 'kube', log: (m) => void logs.push(m) }));
  await action.apply(new AbortController().signal);
  await action.undo!(new AbortController().signal);
  assert.deepEqual(calls, ['run kube false', 'undo kube']);
  assert.deepEqual(logs, ['kube: cut']);
});

test('exec: a function that ignores its signal is given up at the timeout, and its signal is aborted', async () => {
  let seen: AbortSignal | undefined;
  const action = FAULT_ACTIONS.exec!({
    at: '1s', action: 'exec', timeout: '200ms',
    run: (c: FaultExecContext) => { seen = c.signal; return new Promise<void>(() => {}); },
  }, faultCtx());
  assert.equal(action.undo, undefined);
  await assert.rejects(action.apply(new AbortController().signal), /did not finish within 200 ms/);
  assert.equal(seen?.aborted, true);
});

test('exec: a rejection and a stop of the run both fail the fault with the reason', async () => {
  const failing = FAULT_ACTIONS.exec!({ at: '1s', action: 'exec', run: async () => { throw new Error('kubectl: forbidden'); } }, faultCtx());
  await assert.rejects(failing.apply(new AbortController().signal), /run\(\) failed: kubectl: forbidden/);
  const stop = new AbortController();
  const slow = FAULT_ACTIONS.exec!({ at: '1s', action: 'exec', run: (c: FaultExecContext) => new Promise<void>((_, rej) => c.signal.addEventListener('abort', () => rej(new Error('aborted by the run')))) }, faultCtx());
  const p = slow.apply(stop.signal);
  stop.abort(new Error('run stopped'));
  await assert.rejects(p, /run stopped|aborted/);
});
