// The report's realtime table: ws_ping gets its own row when pings were measured, none without data.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { realtimeRows } from '../../../src/report/tables.ts';
import type { RunSummary } from '../../../src/contracts/summary-types.ts';

const summary = (metrics: Record<string, unknown>) => ({ metrics } as unknown as RunSummary);

test('a ws_ping row with its percentiles when pings were measured; no row for a ws_ping without data', () => {
  const trend = (count: number) => ({ type: 'trend', contains: 'time', values: { count, med: 12, 'p(95)': 30, 'p(99)': 41, max: 50, min: 3, avg: 14 } });
  const rows = realtimeRows(summary({ ws_ping: trend(40), ws_connections: { type: 'gauge', contains: 'default', values: { value: 0, max: 4 } } }));
  const ping = rows.find((r) => r.name.includes('ws_ping'));
  assert.ok(ping, 'a ws_ping row');
  assert.equal(ping.count, '40');
  assert.match(ping.p95, /30/);
  assert.equal(realtimeRows(summary({ ws_ping: trend(0) })).some((r) => r.name.includes('ws_ping')), false);
});
