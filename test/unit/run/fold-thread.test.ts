// The fold thread (run/fold-thread.ts): a store that hands its closed seconds off gives the same points
// (byte for byte), the same run totals and the same live answers as a store that folds them itself, and
// folds nothing in the thread that records.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { MetricStore } from '../../../src/metrics/store.ts';
import { MetricRegistry } from '../../../src/metrics/registry.ts';
import { tagSet } from '../../../src/metrics/tagset.ts';
import { pointBytes } from '../../../src/metrics/point-line.ts';
import { secondsFoldedInThisThread } from '../../../src/metrics/second-fold.ts';
import { foldOffThread } from '../../../src/run/fold-thread.ts';
import type { TimeseriesPoint } from '../../../src/contracts/metric-types.ts';

const T0 = 1_700_000_000_000;

/** Second `s` of a deterministic load: sparse and dense trends (raw values and histograms), counters, rates, gauges. */
function record(store: MetricStore, s: number): void {
  for (let ep = 0; ep < 5; ep++) {
    const tags = tagSet({ scenario: 'api', name: `e${ep}`, status: ep === 4 ? '500' : '200' });
    const n = ep === 0 ? 300 + s : 3 + ep; // e0 beyond the exact-value limit: a histogram
    for (let k = 0; k < n; k++) {
      store.add('http_req_duration', 1 + ((k * 7919 + s * 31 + ep) % 997) / 10, tags);
      store.add('http_reqs', 1, tags);
      store.add('http_req_failed', ep === 4 ? 1 : 0, tags);
    }
  }
  store.add('vus', 10 + s, tagSet({}));
  store.add('vus', 5 + s, tagSet({}));
}

test('fold thread: the same points, bytes and totals as folding in this thread; no fold here', async () => {
  const here = new MetricStore(new MetricRegistry());
  const away = new MetricStore(new MetricRegistry());
  const warnings: string[] = [];
  const fold = foldOffThread(away, (m) => warnings.push(m));
  await fold.ready;
  const pHere: TimeseriesPoint[] = [], pAway: TimeseriesPoint[] = [];
  here.onPoint((p) => pHere.push(p));
  away.onPoint((p) => pAway.push(p));
  const before = secondsFoldedInThisThread();
  for (let s = 0; s < 4; s++) {
    record(here, s); record(away, s);
    here.flushSecond(T0 + s * 1000);
    const folded = secondsFoldedInThisThread();
    const point = await away.flushSecondSliced(T0 + s * 1000);
    assert.equal(secondsFoldedInThisThread(), folded, 'the hand-off store folded nothing in this thread');
    assert.equal(point.t, T0 + s * 1000);
    if (s >= 1) {
      // followed run totals (asked once, answered from the next second on) equal the local ones
      assert.deepEqual(away.query('http_req_duration', { name: 'e0' })?.values(1), here.query('http_req_duration', { name: 'e0' })?.values(1));
      assert.deepEqual(away.flushedTotal('http_reqs')?.values(1), here.flushedTotal('http_reqs')?.values(1));
    } else {
      away.query('http_req_duration', { name: 'e0' });
      away.flushedTotal('http_reqs');
    }
  }
  record(here, 4); record(away, 4);
  here.flushRemaining();
  away.flushRemaining(); // synchronous: the last points and every run total are back
  assert.equal(secondsFoldedInThisThread() - before, 5, 'only the local store folded here (5 seconds)');
  assert.deepEqual(pAway.map((p) => p.t), pHere.map((p) => p.t));
  assert.deepEqual(pAway.map((p) => pointBytes(p)!.toString()), pHere.map((p) => pointBytes(p)!.toString()), 'ndjson lines byte for byte');
  assert.deepEqual(pAway.map((p) => p.series['http_req_duration{name:e0,scenario:api,status:200}']), pHere.map((p) => p.series['http_req_duration{name:e0,scenario:api,status:200}']));
  for (const metric of ['http_req_duration', 'http_reqs', 'http_req_failed', 'vus']) {
    assert.deepEqual(away.query(metric)?.state(), here.query(metric)?.state(), metric);
    assert.deepEqual(away.flushedTotal(metric)?.state(), here.flushedTotal(metric)?.state(), metric);
    assert.deepEqual(away.seriesOf(metric).map((s) => [s.key, s.total.state()]), here.seriesOf(metric).map((s) => [s.key, s.total.state()]), metric);
  }
  assert.equal(away.lastFlushed, here.lastFlushed);
  assert.deepEqual(warnings, []);
});

test('fold thread: a warm-up reset declared ahead applies after the same second as in this thread', async () => {
  const here = new MetricStore(new MetricRegistry());
  const away = new MetricStore(new MetricRegistry());
  await foldOffThread(away, () => {}).ready;
  for (const st of [here, away]) st.resetTotalsAt(T0 + 1000);
  for (let s = 0; s < 4; s++) {
    record(here, s); record(away, s);
    here.flushSecond(T0 + s * 1000);
    away.flushSecond(T0 + s * 1000);
  }
  here.flushRemaining();
  away.flushRemaining();
  assert.deepEqual(away.query('http_reqs')?.state(), here.query('http_reqs')?.state());
  assert.equal(here.query('http_reqs')?.values(1).count, 2 * (300 + 4 + 5 + 6 + 7) + 5, 'seconds 2 and 3 only');
});
