// addFrom (a request's samples read from a scratch array, no double boxed per call) records exactly what
// add / addAt record: the same aggregate state, for every metric type and every trend mode.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createAggregate } from '../../../src/metrics/aggregates.ts';
import { MetricRegistry } from '../../../src/metrics/registry.ts';
import { MetricStore } from '../../../src/metrics/store.ts';
import { tagSet } from '../../../src/metrics/tagset.ts';
import { seriesHandle } from '../../../src/metrics/handle.ts';
import type { MetricType } from '../../../src/contracts/metric-types.ts';

/** Fixed values (no randomness): fractions, zero, a negative and NaN (trends clamp both), integers. */
function values(n: number): number[] {
  const out: number[] = [];
  for (let i = 0; i < n; i++) out.push(i % 17 === 0 ? -3.5 : i % 29 === 0 ? NaN : i % 5 === 0 ? i : (i * 7.123) % 250.75);
  return out;
}

test('addFrom leaves every aggregate type in the state add leaves it, trends below and past their exact-value limit', () => {
  for (const type of ['counter', 'gauge', 'rate', 'trend'] as MetricType[]) {
    for (const n of [1, 9, 128, 129, 1000]) {
      const byAdd = createAggregate(type);
      const byFrom = createAggregate(type);
      const scratch = new Float64Array(3);
      for (const v of values(n)) {
        byAdd.add(v);
        scratch[2] = v;
        byFrom.addFrom(scratch, 2);
      }
      assert.deepEqual(byFrom.state(), byAdd.state(), `${type}, ${n} values`);
      assert.deepEqual(byFrom.values(1), byAdd.values(1), `${type}, ${n} values`);
    }
  }
});

test("a store series' addFrom records values[i] with the clock reading values[0], as addAt does", () => {
  const stores = [new MetricStore(new MetricRegistry()), new MetricStore(new MetricRegistry())];
  const perf0 = performance.now();
  const tapped: string[][] = [[], []];
  stores.forEach((s, k) => {
    s.startClock(Date.now(), perf0);
    s.tap = { sample: (series, value, perfNow) => tapped[k].push(`${series.def.name} ${series.tags.key} ${value} ${perfNow}`) };
  });
  const tags = tagSet({ name: 'x' });
  const [viaAt, viaFrom] = stores.map((s) => ({ d: seriesHandle(s, 'http_req_duration', tags), n: seriesHandle(s, 'http_reqs', tags) }));
  const scratch = new Float64Array(3);
  for (const [i, v] of values(300).entries()) {
    const at = perf0 + i * 0.001;
    viaAt.d.addAt(v, at);
    viaAt.n.addAt(1, at);
    scratch[0] = at;
    scratch[1] = v;
    scratch[2] = 1;
    viaFrom.d.addFrom(scratch, 1);
    viaFrom.n.addFrom(scratch, 2);
  }
  for (const s of stores) s.flushRemaining();
  for (const m of ['http_req_duration', 'http_reqs']) assert.deepEqual(stores[1].query(m)?.state(), stores[0].query(m)?.state(), m);
  assert.equal(stores[1].query('http_reqs')?.count, 300);
  assert.equal(tapped[0].length, 600);
  assert.deepEqual(tapped[1], tapped[0], 'a sample tap (k6 JSON output) sees the same value and clock reading');
});

test("seriesHandle gives addFrom also for a handle without it (the store's no-op handle of an unregistered metric)", () => {
  const store = new MetricStore(new MetricRegistry());
  store.startClock(Date.now());
  const h = seriesHandle(store, 'not_a_metric', tagSet({}));
  h.addFrom(new Float64Array([performance.now(), 1]), 1);
  assert.deepEqual(store.unknownMetrics, ['not_a_metric']);
});
