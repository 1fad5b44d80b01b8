import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { MetricRegistry } from '../../../src/metrics/registry.ts';
import { MetricStore } from '../../../src/metrics/store.ts';
import { pointJson } from '../../../src/metrics/point-line.ts';
import { tagSet } from '../../../src/metrics/tagset.ts';
import { createAggregate, trendPercentile } from '../../../src/metrics/aggregates.ts';

const E = 1_700_000_000_000;
const tags = tagSet({ scenario: 's', name: 'x' });

describe('metric store: time buckets, partial seconds, percentiles, memory', { timeout: 60_000 }, () => {
  test('a percentile never exceeds the exact max (nor falls below the min)', () => {
    const t = createAggregate('trend');
    for (let i = 0; i < 1000; i++) t.add(1234.567); // enough values to be held in the HDR histogram
    const few = createAggregate('trend');
    few.add(1234.567);
    assert.equal(trendPercentile(few, 99), 1234.567, 'a few values answer exactly');
    const v = t.values(1);
    assert.equal(v.max, 1234.567);
    for (const p of [50, 90, 99, 99.99]) assert.ok(trendPercentile(t, p) <= v.max, `p(${p}) ${trendPercentile(t, p)} <= max ${v.max}`);
    assert.ok(v['p(99)'] <= v.max && v.med >= v.min);
  });

  test('a value lands in the second in which it is recorded, even before the ticker flushed the previous one', () => {
    const store = new MetricStore(new MetricRegistry());
    store.startClock(E, performance.now() - 1100); // second 0 ended 100 ms ago; the ticker is late
    store.add('http_reqs', 1, tags);
    const first = store.flushSecond(E);
    assert.equal(first.t, E);
    assert.equal(first.series.http_reqs, undefined, 'second 0 got nothing: the value was recorded in second 1');
    const next = store.flushRemaining();
    assert.equal(next.t, E + 1000);
    assert.equal(next.series.http_reqs.count, 1);
  });

  test('a reading stamped with its time goes to its own second even when a later value already closed it', () => {
    const store = new MetricStore(new MetricRegistry());
    store.startClock(E, performance.now() - 1100);
    store.add('http_reqs', 1, tags); // recorded in second 1: closes second 0
    store.add('vus', 7, tagSet({}), E + 999); // the ticker's reading for second 0, taken late
    const first = store.flushSecond(E);
    assert.equal(first.series.vus?.value, 7);
    assert.equal(store.flushRemaining().series.vus, undefined);
  });

  test('the last second cut short is labelled partial with its real length, and its rate is per that length', () => {
    const store = new MetricStore(new MetricRegistry());
    store.startClock(E, performance.now() - 250);
    for (let i = 0; i < 10; i++) store.add('http_reqs', 1, tags);
    const p = store.flushRemaining();
    assert.ok(p.partialMs !== undefined && p.partialMs >= 240 && p.partialMs < 900, `partialMs ${p.partialMs}`);
    assert.ok(Math.abs(p.series.http_reqs.rate - 10 / (p.partialMs! / 1000)) < 0.01, `rate ${p.series.http_reqs.rate} per real length`);
    assert.equal(JSON.parse(pointJson(p)).partialMs, p.partialMs);
  });

  test('a sliced flush gives the same point as a synchronous one, and the ndjson line is that point', async () => {
    const fill = (s: MetricStore) => { for (let i = 0; i < 300; i++) { const t = tagSet({ scenario: 's', name: `e${i}` }); s.add('http_req_duration', i, t); s.add('http_reqs', 1, t); } };
    const a = new MetricStore(new MetricRegistry());
    const b = new MetricStore(new MetricRegistry());
    fill(a); fill(b);
    const pa = a.flushSecond(E);
    const pb = await b.flushSecondSliced(E, 0.05);
    assert.deepEqual(pb, pa);
    assert.deepEqual(JSON.parse(pointJson(pb)), pa);
    assert.equal(b.query('http_reqs')!.values(1).count, 300);
  });

  test('memory does not grow with samples (measured with a forced GC)', () => {
    setFlagsFromString('--expose-gc');
    const gc = runInNewContext('gc') as () => void;
    const store = new MetricStore(new MetricRegistry());
    const h = store.series('http_req_duration', tags);
    const c = store.series('http_reqs', tags);
    const record = (n: number, from: number) => {
      for (let s = 0; s < n / 100_000; s++) {
        for (let i = 0; i < 100_000; i++) { h.add((i % 5000) / 10); c.add(1); }
        store.flushSecond(E + (from + s) * 1000);
      }
    };
    record(100_000, 0);
    gc();
    const before = process.memoryUsage().heapUsed;
    record(1_000_000, 1);
    gc();
    const grown = process.memoryUsage().heapUsed - before;
    assert.equal(store.query('http_reqs')!.values(1).count, 1_100_000);
    assert.ok(grown < 2 * 1024 * 1024, `heap grew ${(grown / 1048576).toFixed(2)} MB for 1,000,000 more samples`);
  });
});
