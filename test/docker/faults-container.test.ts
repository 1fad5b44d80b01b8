// Container fault actions against the real private engine: each one really changes the container
// (kill, restart, stop/start, pause/unpause, disconnect/reconnect), the ledger holds an undoable effect
// exactly while it lasts, and a container that is not running is refused at apply.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type Docker from 'dockerode';
import { FAULT_ACTIONS } from '../../src/faults/actions/index.ts';
import type { FaultActionName } from '../../src/contracts/fault-types.ts';
import { listEntries } from '../../src/faults/ledger.ts';
import { removeQuietly, requireEngine } from './engine.ts';
import { runSmall, stateOf } from './fault-helpers.ts';
import { faultCtx, privateLedger } from '../unit/faults/helpers.ts';

const signal = new AbortController().signal;

function action(name: FaultActionName, target: string, extra: Record<string, unknown> = {}) {
  return FAULT_ACTIONS[name]!({ at: '1s', duration: '10s', action: name, target, ...extra }, faultCtx({ containers: [target], dockerSocket: process.env.DOCKER_HOST }));
}

async function withContainer(t: import('node:test').TestContext, suffix: string, body: (docker: Docker, name: string) => Promise<void>, network?: string): Promise<void> {
  const docker = await requireEngine(t);
  if (!docker) return;
  const c = await runSmall(docker, suffix, network ? { network } : {});
  try {
    await body(docker, c.name);
  } finally {
    await removeQuietly(docker, c.name);
  }
}

test('container.kill: the container stops running at once', async (t) => {
  await withContainer(t, 'kill', async (docker, name) => {
    const a = action('container.kill', name);
    assert.equal(a.undo, undefined);
    await a.apply(signal);
    const st = await stateOf(docker, name);
    assert.equal(st.running, false);
  });
});

test('container.restart: the container runs again with a new start time', async (t) => {
  await withContainer(t, 'restart', async (docker, name) => {
    const before = await stateOf(docker, name);
    await action('container.restart', name).apply(signal);
    const after = await stateOf(docker, name);
    assert.equal(after.running, true);
    assert.notEqual(after.startedAt, before.startedAt);
  });
});

test('container.stop: stopped while the fault lasts (recorded), started again by undo (forgotten)', async (t) => {
  const dir = privateLedger();
  await withContainer(t, 'stop', async (docker, name) => {
    const a = action('container.stop', name);
    await a.apply(signal);
    assert.equal((await stateOf(docker, name)).running, false);
    assert.deepEqual(listEntries(dir).entries.map((e) => e.kind), ['container.stop']);
    await a.undo!(signal);
    assert.equal((await stateOf(docker, name)).running, true);
    assert.deepEqual(listEntries(dir).entries, []);
    // A container that is not running is refused at apply, and nothing is recorded.
    await docker.getContainer(name).kill();
    await assert.rejects(action('container.stop', name).apply(signal), /not running/);
    assert.deepEqual(listEntries(dir).entries, []);
  });
});

test('container.pause: paused while the fault lasts (recorded), unpaused by undo (forgotten)', async (t) => {
  const dir = privateLedger();
  await withContainer(t, 'pause', async (docker, name) => {
    const a = action('container.pause', name);
    await a.apply(signal);
    assert.equal((await stateOf(docker, name)).paused, true);
    assert.deepEqual(listEntries(dir).entries.map((e) => e.kind), ['container.pause']);
    await a.undo!(signal);
    assert.equal((await stateOf(docker, name)).paused, false);
    assert.deepEqual(listEntries(dir).entries, []);
  });
});

test('container.disconnect: cut from its network while the fault lasts, reconnected by undo', async (t) => {
  const docker = await requireEngine(t);
  if (!docker) return;
  const net = `loadcert-test-fault-net-${process.pid}`;
  const dir = privateLedger();
  // An internal bridge network: no route to the outside, no iptables needed.
  await docker.getNetwork(net).remove().catch(() => {});
  const created = await docker.createNetwork({ Name: net, Internal: true });
  try {
    await withContainer(t, 'disconnect', async (_d, name) => {
      assert.deepEqual((await stateOf(docker, name)).networks, [net]);
      const a = action('container.disconnect', name);
      await a.apply(signal);
      assert.deepEqual((await stateOf(docker, name)).networks, []);
      assert.deepEqual(listEntries(dir).entries.map((e) => e.kind), ['container.disconnect']);
      await a.undo!(signal);
      assert.deepEqual((await stateOf(docker, name)).networks, [net]);
      assert.deepEqual(listEntries(dir).entries, []);
      // A network it is not on is refused at apply.
      await assert.rejects(action('container.disconnect', name, { network: 'elsewhere' }).apply(signal), /not on network "elsewhere"/);
    }, net);
  } finally {
    await created.remove();
  }
});

test('container.disconnect: host or none networking has nothing to disconnect (refused at apply)', async (t) => {
  await withContainer(t, 'disc-none', async (_docker, name) => {
    await assert.rejects(action('container.disconnect', name).apply(signal), /cannot be disconnected/);
  });
});
