// The load shape of pooled workloads (SignalR users, WebSocket connections): stages, or a count with a duration.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { validateSignalRWorkload } from '../../../src/protocols/signalr/validate.ts';
import { validateWebSocketWorkload } from '../../../src/protocols/websocket/validate.ts';
import type { SignalRWorkload } from '../../../src/contracts/signalr-workload.ts';
import type { WebSocketWorkload } from '../../../src/contracts/websocket-workload.ts';

const ws = (w: object) => validateWebSocketWorkload({ protocol: 'websocket', path: '/ws', ...w } as WebSocketWorkload, 'workloads.ws', 's.ts').map((i) => `${i.path}: ${i.message}`);
const hub = (w: object) => validateSignalRWorkload({ protocol: 'signalr', hub: '/hub', ...w } as SignalRWorkload, 'workloads.hub', 's.ts').map((i) => `${i.path}: ${i.message}`);

test('each realtime workload names its own count in shape errors', () => {
  assert.deepEqual(ws({ connections: 5, duration: '1s' }), []);
  assert.deepEqual(hub({ stages: [{ duration: '1s', target: 3 }], startUsers: 1 }), []);
  assert.deepEqual(ws({}), ['workloads.ws.stages: the load shape is missing']);
  assert.deepEqual(hub({ users: 2, duration: '1s', stages: [{ duration: '1s', target: 3 }] }), ['workloads.hub.stages: give `stages`, or `users` with `duration`, not both']);
  assert.deepEqual(ws({ connections: 2, duration: '1s', startConnections: 1 }), ['workloads.ws.startConnections: only applies with `stages`']);
  assert.deepEqual(hub({ users: 0, duration: '1s' }), ['workloads.hub.users: must be an integer >= 1 and <= 1000000, got 0']);
  assert.deepEqual(ws({ stages: [{ duration: '1s', target: 1.5 }] }), ['workloads.ws.stages[0].target: must be an integer >= 0 and <= 1000000, got 1.5']);
});

test('entry lists (SignalR join and loop, WebSocket exchanges) check each entry by path through one IssueList rule', () => {
  assert.deepEqual(hub({ users: 1, duration: '1s', loop: [{ invoke: 'Echo', every: '1s', evry: '2s' }, 'x'] }), [
    'workloads.hub.loop[0].evry: unknown option "evry"',
    'workloads.hub.loop[1]: must be { invoke | send, args?, every }',
  ]);
  assert.deepEqual(hub({ users: 1, duration: '1s', join: [{ method: 'Join', args: 'doc' }] }), ['workloads.hub.join[0].args: must be an array']);
  assert.deepEqual(ws({ connections: 1, duration: '1s', exchanges: { send: 'x' } }), ['workloads.ws.exchanges: must be an array of { send, expect, timeout? }']);
  assert.deepEqual(ws({ connections: 1, duration: '1s', exchanges: [{ send: 'x', expect: () => true, timout: '1s' }] }), ['workloads.ws.exchanges[0].timout: unknown option "timout"']);
});
