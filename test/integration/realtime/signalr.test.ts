// SignalR engine through the real @microsoft/signalr client against the demo target's documents hub.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { signalrEngine } from '../../../src/protocols/signalr/engine.ts';
import type { SignalRWorkload } from '../../../src/contracts/signalr-workload.ts';
import { finished, harness, sleep, startTarget, startWorkload, waitFor } from './helpers.ts';

test('users reach the requested concurrency; invoke latency is recorded per method', async () => {
  const target = await startTarget();
  try {
    const h = harness(target.url);
    const w: SignalRWorkload = {
      protocol: 'signalr', hub: '/hubs/documents', users: 30, duration: '3s', connectRate: 200,
      join: (vu) => [{ method: 'JoinDocument', args: [`doc-${vu.id % 3}`] }],
      loop: [
        { invoke: 'Echo', args: (vu) => [{ vu: vu.id }], every: '500ms' },
        { invoke: 'EditDocument', args: (vu) => [`doc-${vu.id % 3}`, 'x'], every: '1s' },
      ],
      on: ['DocumentEdited'],
    };
    const run = startWorkload(signalrEngine, w, h.ctx);
    assert.ok(await waitFor(() => target.ext.stats().hubConnections === 30, 4000), `hub sees ${target.ext.stats().hubConnections}`);
    assert.ok(await waitFor(() => run.activity().active === 30, 1000));
    assert.ok(await waitFor(() => target.ext.stats().groups === 3, 2000), 'three document groups');
    await finished(run, 15_000);
    assert.equal(h.values('signalr_connections')?.max, 30);
    assert.equal(h.values('signalr_connections')?.value, 0);
    assert.equal(h.values('signalr_connecting')?.count, 30);
    for (const method of ['Echo', 'EditDocument', 'JoinDocument']) {
      const d = h.values('signalr_invoke_duration', { method });
      assert.ok(d && d.count > 0, `duration of ${method}`);
      assert.equal(d.count, h.count('signalr_invocations', { method }), `every ${method} completed`);
      assert.equal(h.values('signalr_invoke_failed', { method })?.rate, 0);
    }
    assert.equal(h.count('signalr_invocations', { method: 'JoinDocument' }), 30);
    assert.ok(h.count('signalr_invocations', { method: 'Echo' }) >= 30 * 2, `echo calls ${h.count('signalr_invocations', { method: 'Echo' })}`);
    assert.ok((h.values('signalr_broadcast_latency', { method: 'DocumentEdited' })?.count ?? 0) > 0);
    assert.equal(h.store.query('signalr_errors')?.values(1).count, 0);
    assert.ok(await waitFor(() => target.ext.stats().hubConnections === 0, 2000), 'all stopped');
    assert.deepEqual(h.warnings, []);
  } finally {
    await target.close();
  }
});

test('a broadcast reaches every member of the group and its latency is recorded', async () => {
  const target = await startTarget();
  try {
    const listeners = harness(target.url, 'listeners');
    const editorH = harness(target.url, 'editor');
    const listen = startWorkload(signalrEngine, {
      protocol: 'signalr', hub: '/hubs/documents', users: 5, duration: '20s',
      join: [{ method: 'JoinDocument', args: ['doc-A'] }], on: ['DocumentEdited'],
    } satisfies SignalRWorkload, listeners.ctx);
    assert.ok(await waitFor(() => target.ext.hub.groupMembers.get('doc-A')?.size === 5, 4000), 'five listeners joined');
    const edit = startWorkload(signalrEngine, {
      protocol: 'signalr', hub: '/hubs/documents', users: 1, duration: '1200ms',
      join: [{ method: 'JoinDocument', args: ['doc-A'] }],
      loop: [{ invoke: 'EditDocument', args: ['doc-A', { op: 'insert', text: 'hi' }], every: '200ms' }],
      on: ['DocumentEdited'],
    } satisfies SignalRWorkload, editorH.ctx);
    await finished(edit, 8000);
    const edits = editorH.count('signalr_invocations', { method: 'EditDocument' });
    assert.ok(edits >= 4, `edits ${edits}`);
    assert.ok(await waitFor(() => listeners.count('signalr_messages_received', { method: 'DocumentEdited' }) === 5 * edits, 2000),
      `listeners got ${listeners.count('signalr_messages_received', { method: 'DocumentEdited' })} of ${5 * edits}`);
    assert.equal(editorH.count('signalr_messages_received', { method: 'DocumentEdited' }), edits, 'the editor is a member too');
    const lat = listeners.values('signalr_broadcast_latency', { method: 'DocumentEdited' });
    assert.equal(lat?.count, 5 * edits);
    assert.ok(lat!.max < 1000, `broadcast latency max ${lat!.max}`);
    listen.stop();
    await finished(listen, 8000);
  } finally {
    await target.close();
  }
});

test('a server rejecting the handshake is counted as handshake errors and the run goes on', async () => {
  const target = await startTarget({ handshakeError: 'Demo hub refuses every handshake.' });
  try {
    const h = harness(target.url);
    const run = startWorkload(signalrEngine, { protocol: 'signalr', hub: '/hubs/documents', users: 4, duration: '1500ms', retryDelay: '300ms' } satisfies SignalRWorkload, h.ctx);
    await finished(run, 8000);
    const n = h.count('signalr_errors', { cause: 'handshake' });
    assert.ok(n >= 8, `handshake errors ${n} (retries continue)`);
    assert.equal(h.count('signalr_errors'), n, 'no other cause');
    assert.equal(h.store.query('signalr_connecting'), undefined, 'never connected');
    assert.match(h.warnings.join('\n'), /Demo hub refuses every handshake/);
  } finally {
    await target.close();
  }
});

test('MessagePack against the JSON-only demo hub fails with the clear handshake error', async () => {
  const target = await startTarget();
  try {
    const h = harness(target.url);
    const run = startWorkload(signalrEngine, { protocol: 'signalr', hub: '/hubs/documents', users: 2, duration: '800ms', hubProtocol: 'messagepack', retryDelay: false } satisfies SignalRWorkload, h.ctx);
    await finished(run, 6000);
    assert.equal(h.count('signalr_errors', { cause: 'handshake' }), 2);
    assert.match(h.warnings.join('\n'), /Requested protocol 'messagepack' is not available/);
  } finally {
    await target.close();
  }
});

test('a server closing connections with an error is counted as closed; the VUs connect again', async () => {
  const target = await startTarget({ closeAfterHandshake: { afterMs: 300, error: 'Server is restarting.' } });
  try {
    const h = harness(target.url);
    const run = startWorkload(signalrEngine, { protocol: 'signalr', hub: '/hubs/documents', users: 3, duration: '2s', retryDelay: '200ms', loop: [{ invoke: 'Echo', args: [1], every: '100ms' }] } satisfies SignalRWorkload, h.ctx);
    await finished(run, 8000);
    const closed = h.count('signalr_errors', { cause: 'closed' });
    assert.ok(closed >= 6, `closed ${closed}`);
    assert.ok((h.values('signalr_connecting')?.count ?? 0) >= 6, 'reconnected after each close');
    assert.ok((h.values('signalr_invoke_duration', { method: 'Echo' })?.count ?? 0) > 0, 'the run went on');
    assert.match(h.warnings.join('\n'), /Server is restarting/);
  } finally {
    await target.close();
  }
});

test('dropped connections: automatic reconnect brings them back and rejoins groups', async () => {
  const target = await startTarget();
  try {
    const h = harness(target.url);
    const run = startWorkload(signalrEngine, {
      protocol: 'signalr', hub: '/hubs/documents', users: 4, duration: '20s', automaticReconnect: ['0s', '100ms'],
      join: [{ method: 'JoinDocument', args: ['doc-R'] }],
    } satisfies SignalRWorkload, h.ctx);
    assert.ok(await waitFor(() => target.ext.hub.groupMembers.get('doc-R')?.size === 4, 4000));
    target.ext.dropConnections();
    assert.ok(await waitFor(() => h.count('signalr_reconnects') === 4, 5000), `reconnects ${h.count('signalr_reconnects')}`);
    assert.ok(await waitFor(() => target.ext.hub.groupMembers.get('doc-R')?.size === 4, 3000), 'groups rejoined');
    assert.equal(h.count('signalr_errors', { cause: 'closed' }), 4);
    assert.equal(run.activity().active, 4);
    run.stop();
    await finished(run, 8000);
  } finally {
    await target.close();
  }
});

test('dropped connections without reconnect are counted and stay closed', async () => {
  const target = await startTarget();
  try {
    const h = harness(target.url);
    const run = startWorkload(signalrEngine, { protocol: 'signalr', hub: '/hubs/documents', users: 4, duration: '20s', retryDelay: false } satisfies SignalRWorkload, h.ctx);
    assert.ok(await waitFor(() => run.activity().active === 4, 4000));
    target.ext.dropConnections();
    assert.ok(await waitFor(() => h.count('signalr_errors', { cause: 'closed' }) === 4, 3000), `closed ${h.count('signalr_errors', { cause: 'closed' })}`);
    await sleep(300);
    assert.equal(run.activity().active, 0);
    assert.equal(target.ext.stats().hubConnections, 0);
    assert.equal(h.values('signalr_connections')?.value, 0);
    run.stop();
    await finished(run, 5000);
  } finally {
    await target.close();
  }
});

test('transports the hub does not offer, and a rejected token, fail under their causes (transport, auth)', async () => {
  const target = await startTarget({ accessToken: 'secret-token' });
  try {
    const sse = harness(target.url, 'sse');
    const a = startWorkload(signalrEngine, { protocol: 'signalr', hub: '/hubs/documents', users: 1, duration: '500ms', transport: 'serverSentEvents', accessToken: 'secret-token', retryDelay: false } satisfies SignalRWorkload, sse.ctx);
    const bad = harness(target.url, 'bad');
    const b = startWorkload(signalrEngine, { protocol: 'signalr', hub: '/hubs/documents', users: 1, duration: '500ms', accessToken: 'wrong', retryDelay: false } satisfies SignalRWorkload, bad.ctx);
    const good = harness(target.url, 'good');
    const c = startWorkload(signalrEngine, { protocol: 'signalr', hub: '/hubs/documents', users: 2, duration: '800ms', accessToken: () => 'secret-token', loop: [{ invoke: 'Echo', args: ['x'], every: '200ms' }] } satisfies SignalRWorkload, good.ctx);
    await Promise.all([finished(a, 6000), finished(b, 6000), finished(c, 6000)]);
    assert.equal(sse.count('signalr_errors', { cause: 'transport' }), 1);
    assert.match(sse.warnings.join('\n'), /available transports/);
    assert.equal(bad.count('signalr_errors', { cause: 'auth' }), 1);
    assert.match(bad.warnings.join('\n'), /401/);
    assert.equal(good.store.query('signalr_errors')?.values(1).count, 0);
    assert.ok((good.values('signalr_invoke_duration', { method: 'Echo' })?.count ?? 0) >= 4);
  } finally {
    await target.close();
  }
});

test('validation lists every problem at once', () => {
  const issues = signalrEngine.validate({
    protocol: 'signalr', hub: 'http://10.0.0.1/hub', transport: 'carrierPigeon', skipNegotiation: true, users: 5, duration: 'soon',
    loop: [{ invoke: 'A', send: 'B', every: '1s' }, { invoke: 'C' }], extra: true,
  } as unknown as SignalRWorkload, 'workloads.hub', 'scenario.ts');
  const paths = issues.map((i) => i.path).sort();
  assert.deepEqual(paths, ['workloads.hub.duration', 'workloads.hub.extra', 'workloads.hub.hub', 'workloads.hub.loop[0]', 'workloads.hub.loop[1].every', 'workloads.hub.skipNegotiation', 'workloads.hub.transport']);
});
