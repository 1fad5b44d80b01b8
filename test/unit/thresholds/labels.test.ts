import { test } from 'node:test';
import assert from 'node:assert/strict';
import { deriveLabel, ordinal, unitFor } from '../../../src/thresholds/labels.ts';
import { parseExpression, type Aggregation } from '../../../src/thresholds/expression.ts';
import { parseMetricKey } from '../../../src/thresholds/metric-key.ts';
import { formatValue } from '../../../src/thresholds/format-value.ts';
import { testRegistry } from './helpers.ts';
import { MetricRegistry } from '../../../src/metrics/registry.ts';
import { SIGNALR_METRICS } from '../../../src/protocols/signalr/metrics.ts';
import { WS_METRICS } from '../../../src/protocols/websocket/metrics.ts';

const registry = testRegistry();

function agg(expr: string): Aggregation {
  const r = parseExpression(expr);
  if (!r.ok) throw new Error(r.error.message);
  return r.value.aggregation;
}

function label(key: string, expr: string): string {
  const k = parseMetricKey(key);
  if (!k.ok) throw new Error(k.error.message);
  return deriveLabel(k.value.metric, k.value.selector, registry.get(k.value.metric), agg(expr));
}

test('labels of the mission criteria', () => {
  assert.equal(label('http_req_duration', 'p(95) < 2000'), 'HTTP response time, 95th percentile');
  assert.equal(label('http_req_failed', 'rate < 0.005'), 'HTTP error rate');
  assert.equal(label('availability', 'rate > 0.995'), 'Availability of health endpoints');
  assert.equal(label('server_timing{name:db}', 'avg < 100'), 'Server-reported db time, average');
  assert.equal(label('container_cpu_percent{container:api}', 'sustained(60s) < 70'), 'Container CPU (container api), sustained over 1m');
  assert.equal(label('http_reqs', 'sustained(30s) >= 495'), 'HTTP requests per second, sustained over 30s');
});

test('labels of other aggregations, selectors and the description fallback', () => {
  assert.equal(label('http_req_duration{name:list}', 'p(99.9) < 1'), 'HTTP response time (list), 99.9th percentile');
  assert.equal(label('http_req_duration{name:list,method:GET}', 'med < 1'), 'HTTP response time (list, method GET), median');
  assert.equal(label('http_reqs', 'rate > 1'), 'HTTP requests per second');
  assert.equal(label('http_reqs', 'count > 1'), 'HTTP requests, total');
  assert.equal(label('vus', 'value > 1'), 'Active virtual users, last value');
  assert.equal(label('db_pool_wait', 'max < 1'), 'Time spent waiting for a pooled connection, maximum');
  assert.equal(deriveLabel('mystery', {}, undefined, agg('avg < 1')), 'mystery, average');
});

test('ordinals', () => {
  assert.deepEqual([1, 2, 3, 4, 11, 12, 13, 21, 22, 90, 99.9, 100].map(ordinal), ['1st', '2nd', '3rd', '4th', '11th', '12th', '13th', '21st', '22nd', '90th', '99.9th', '100th']);
});

test('units for display', () => {
  const u = (metric: string, expr: string) => unitFor(registry.get(metric), agg(expr));
  assert.equal(u('http_req_duration', 'p(95) < 1'), 'ms');
  assert.equal(u('http_req_duration', 'sustained(5s) < 1'), 'ms');
  assert.equal(u('http_req_failed', 'rate < 1'), '%');
  assert.equal(u('data_received', 'count < 1'), 'bytes');
  assert.equal(u('data_received', 'rate < 1'), 'bytes/s');
  assert.equal(u('http_reqs', 'count < 1'), '');
  assert.equal(u('http_reqs', 'rate < 1'), '/s');
  assert.equal(u('vus', 'value < 1'), '');
  assert.equal(formatValue(0.0042, '%'), '0.42 %');
  assert.equal(formatValue(1834.256, 'ms'), '1,834 ms');
  assert.equal(formatValue(497.1234, '/s'), '497/s');
});

test('realtime error criteria are named for what they count, never for the first cause in a description', { timeout: 5_000 }, () => {
  const realtime = new MetricRegistry([...SIGNALR_METRICS, ...WS_METRICS]);
  const label = (key: string, expr: string): string => {
    const k = parseMetricKey(key);
    if (!k.ok) throw new Error(k.error.message);
    return deriveLabel(k.value.metric, k.value.selector, realtime.get(k.value.metric), agg(expr));
  };
  assert.equal(label('signalr_errors', 'count < 1'), 'SignalR errors, total');
  assert.equal(label('signalr_errors{cause:invoke}', 'count < 1'), 'SignalR errors (cause invoke), total');
  assert.doesNotMatch(label('signalr_errors{cause:invoke}', 'count < 1'), /negotiate/);
  assert.equal(label('iteration_errors', 'count == 0'), 'Errors thrown by scenario code, total');
  assert.equal(label('ws_errors', 'count < 1'), 'WebSocket errors, total');
});
