// The defaults table: every value is something a scenario could write, and the code reads it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DEFAULT_TABLE, DEFAULTS } from '../../../src/config/defaults.ts';
import { parseDuration } from '../../../src/contracts/duration.ts';
import { createWebSocketEngine } from '../../../src/protocols/websocket/engine.ts';
import { DEFAULT_INTERVAL_MS } from '../../../src/resources/interval.ts';

test('every default is documented and every duration default parses', () => {
  for (const [name, e] of Object.entries(DEFAULT_TABLE)) {
    assert.ok(e.applies && e.doc, `${name} says where it applies and what it does`);
    assert.equal(DEFAULTS[name as keyof typeof DEFAULTS], e.value);
    if (typeof e.value === 'string') assert.ok(parseDuration(e.value) > 0, `${name}: ${e.value} is a positive duration`);
  }
});

test('code reads the table: the resources interval and a session workload plan follow it', () => {
  assert.equal(DEFAULT_INTERVAL_MS, parseDuration(DEFAULTS.resourcesInterval));
  const info = createWebSocketEngine().plan('ws', { protocol: 'websocket', path: '/ws', connections: 3, duration: '2s' });
  assert.deepEqual(info.targetVUs, [[0, 3], [2, 3]]);
  assert.equal(info.kind, 'websocket');
});
