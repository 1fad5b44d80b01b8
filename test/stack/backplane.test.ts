// Two API replicas sharing SignalR groups through the Redis backplane: an edit sent to one replica
// reaches group members connected to the other; without the backplane it does not.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { HttpTransportType } from '@microsoft/signalr';
import { requireStack, skipUnlessStack } from './stack-env.ts';
import { startReplica, TEST_PORT_BASE, type TestReplica } from './replicas.ts';
import { connectHub, nextEdit } from './hub-client.ts';

describe('Redis backplane across two replicas', { skip: skipUnlessStack() }, () => {
  const replicas: TestReplica[] = [];
  before(async () => {
    replicas.push(await startReplica('enterprise-docs-test-bp1', TEST_PORT_BASE + 2, { REDIS_BACKPLANE: 'true' }));
    replicas.push(await startReplica('enterprise-docs-test-bp2', TEST_PORT_BASE + 3, { REDIS_BACKPLANE: 'true' }));
    replicas.push(await startReplica('enterprise-docs-test-solo', TEST_PORT_BASE + 4));
  });
  after(async () => {
    await Promise.all(replicas.map((r) => r.stop()));
  });

  test('a broadcast from replica 1 reaches a group member on replica 2 (JSON on one, MessagePack on the other)', async () => {
    const s = requireStack();
    const [r1, r2] = replicas;
    const a = await connectHub(r1.url, s.token, HttpTransportType.WebSockets, 'json');
    const b = await connectHub(r2.url, s.token, HttpTransportType.WebSockets, 'messagepack');
    try {
      const docId = `bp-${Date.now()}`;
      await a.invoke('JoinDocument', docId);
      await b.invoke('JoinDocument', docId);
      const atB = nextEdit(b);
      const sent = Date.now();
      await a.invoke('EditDocument', docId, { op: 'replace', text: 'shared' });
      const edit = await atB;
      assert.equal(edit.docId, docId);
      assert.equal(edit.replica, r1.name);
      assert.deepEqual(edit.delta, { op: 'replace', text: 'shared' });
      assert.ok(Date.now() - sent < 2000);
    } finally {
      await Promise.all([a.stop(), b.stop()]);
    }
  });

  test('without the backplane a replica does not see the other replica\'s groups', async () => {
    const s = requireStack();
    const [r1, , solo] = replicas;
    const a = await connectHub(r1.url, s.token, HttpTransportType.WebSockets, 'json');
    const c = await connectHub(solo.url, s.token, HttpTransportType.WebSockets, 'json');
    try {
      const docId = `solo-${Date.now()}`;
      await a.invoke('JoinDocument', docId);
      await c.invoke('JoinDocument', docId);
      const atC = nextEdit(c, 1000);
      await a.invoke('EditDocument', docId, 'x');
      await assert.rejects(atC, /no DocumentEdited/);
    } finally {
      await Promise.all([a.stop(), c.stop()]);
    }
  });
});
