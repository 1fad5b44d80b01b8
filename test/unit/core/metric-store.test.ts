import { test } from 'node:test';
import assert from 'node:assert/strict';
import { MetricRegistry } from '../../../src/metrics/registry.ts';
import { MetricStore } from '../../../src/metrics/store.ts';
import { tagSet, seriesKey } from '../../../src/metrics/tagset.ts';
import { createAggregate, trendPercentile } from '../../../src/metrics/aggregates.ts';

const a = tagSet({ name: 'list', status: '200' });
const b = tagSet({ name: 'get', status: '200' });
const c = tagSet({ name: 'get', status: '500' });

test('tag sets are interned and keyed canonically', () => {
  assert.equal(tagSet({ status: '200', name: 'list' }), a);
  assert.equal(a.key, 'name:list,status:200');
  assert.equal(seriesKey('http_reqs', a), 'http_reqs{name:list,status:200}');
});

test('histograms merge exactly: percentiles of the union, not averages of percentiles', () => {
  const x = createAggregate('trend');
  const y = createAggregate('trend');
  for (let i = 1; i <= 990; i++) x.add(1); // 990 fast
  for (let i = 1; i <= 10; i++) y.add(1000); // 10 slow
  const merged = createAggregate('trend');
  merged.merge(x);
  merged.merge(y);
  assert.equal(merged.count, 1000);
  assert.ok(Math.abs(trendPercentile(merged, 99) - 1) < 0.01, 'p99 of the union is still fast');
  assert.ok(Math.abs(trendPercentile(merged, 99.5) - 1000) < 1, 'p99.5 is slow');
  // the average of the two p99s would be about 500: a number no request ever took
});

test('trend values keep sub-millisecond precision', () => {
  const t = createAggregate('trend');
  t.add(50.25);
  assert.ok(Math.abs(t.values(0).med - 50.25) < 0.05);
});

test('the store merges series matching a selector and folds seconds into the run', () => {
  const store = new MetricStore(new MetricRegistry());
  store.add('http_req_duration', 10, a);
  store.add('http_req_duration', 20, b);
  store.add('http_req_duration', 30, c);
  store.add('http_reqs', 1, a);
  store.add('http_reqs', 1, b);
  const p1 = store.flushSecond(1_000);
  assert.equal(p1.series['http_reqs'].count, 2, 'per-second total across tags');
  assert.equal(p1.series['http_req_duration{name:get,status:500}'].max, 30);
  store.add('http_reqs', 1, c);
  store.flushSecond(2_000);
  assert.equal(store.query('http_reqs')!.values(2).count, 3);
  assert.equal(store.query('http_reqs')!.values(2).rate, 1.5);
  assert.equal(store.query('http_req_duration', { name: 'get' })!.count, 2);
  assert.equal(store.query('http_req_duration', { name: 'nope' }), undefined, 'no data is undefined, never zero');
});

test('values not yet flushed are included in queries', () => {
  const store = new MetricStore(new MetricRegistry());
  store.add('checks', 1, a);
  store.add('checks', 0, a);
  assert.equal(store.query('checks')!.values(0).rate, 0.5);
});

test('unknown metrics are ignored and reported', () => {
  const store = new MetricStore(new MetricRegistry());
  store.add('not_a_metric', 1, a);
  assert.deepEqual(store.unknownMetrics, ['not_a_metric']);
  assert.deepEqual(store.metricsWithData(), []);
});

test('memory does not grow with the number of samples', () => {
  const store = new MetricStore(new MetricRegistry());
  for (let i = 0; i < 1000; i++) store.add('http_req_duration', Math.random() * 100, a);
  store.flushSecond(1000);
  global.gc?.();
  const before = process.memoryUsage().heapUsed;
  for (let s = 0; s < 50; s++) {
    for (let i = 0; i < 10_000; i++) store.add('http_req_duration', Math.random() * 100, a);
    store.flushSecond(2000 + s * 1000);
  }
  global.gc?.();
  const grown = process.memoryUsage().heapUsed - before;
  assert.equal(store.query('http_req_duration')!.count, 501_000);
  assert.ok(grown < 20 * 1024 * 1024, `heap grew ${grown} bytes for 500,000 samples`);
});

test('registry rejects conflicting redefinitions and bad names', () => {
  const r = new MetricRegistry();
  assert.throws(() => r.define({ name: 'http_reqs', type: 'trend', contains: 'time', description: '' }), /already a counter/);
  assert.throws(() => r.define({ name: 'bad-name', type: 'counter', contains: 'default', description: '' }), /invalid metric name/);
  r.define({ name: 'my_metric', type: 'gauge', contains: 'default', description: 'x' });
  assert.equal(r.get('my_metric')?.type, 'gauge');
});
