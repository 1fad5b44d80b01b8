// N segment snapshots replayed into one store equal one store that recorded every sample (exact for HDR).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MetricStore } from '../../../src/metrics/store.ts';
import { MetricRegistry } from '../../../src/metrics/registry.ts';
import { tagSet } from '../../../src/metrics/tagset.ts';
import type { TimeseriesPoint } from '../../../src/contracts/metric-types.ts';
import { SnapshotWriter, SNAPSHOT_FILE } from '../../../src/snapshot/writer.ts';
import { replaySegments } from '../../../src/merge/replay.ts';
import type { SegmentRun } from '../../../src/merge/check.ts';
import type { RunSummary } from '../../../src/contracts/summary-types.ts';

/** A deterministic pseudo-random generator (no flaky seeds). */
function rng(seed: number): () => number {
  return () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
}

test('3 segment snapshots replayed = one store of every sample: totals and every per-second point', { timeout: 20_000 }, () => {
  const segments = ['0:1/4', '1/4:1/2', '1/2:1'];
  const whole = new MetricStore(new MetricRegistry());
  const wholePoints: TimeseriesPoint[] = [];
  whole.onPoint((p) => wholePoints.push(p));
  const stores = segments.map(() => new MetricStore(new MetricRegistry()));
  const runs: SegmentRun[] = stores.map((store, i) => {
    const dir = mkdtempSync(join(tmpdir(), 'loadcert-replay-'));
    new SnapshotWriter(join(dir, SNAPSHOT_FILE), store);
    return { dir, summary: {} as RunSummary, meta: { segment: segments[i], sequence: '0,1/4,1/2,1', scenarioDigest: 'x', snapshot: SNAPSHOT_FILE } };
  });
  const random = rng(42);
  const tags = [tagSet({ scenario: 'api', name: 'list', status: '200' }), tagSet({ scenario: 'api', name: 'get', status: '500' })];
  for (let second = 0; second < 6; second++) {
    // few samples in some seconds (exact values), many in others (HDR histograms)
    const n = second % 2 ? 40 : 2000;
    for (let k = 0; k < n; k++) {
      const s = stores[Math.floor(random() * 3)];
      const t = tags[k % 2];
      const ms = random() < 0.05 ? 1000 + random() * 9000 : random() * 80;
      for (const store of [s, whole]) {
        store.add('http_req_duration', ms, t);
        store.add('http_reqs', 1, t);
        store.add('http_req_failed', k % 2, t);
      }
    }
    const t = 1_700_000_000_000 + second * 1000;
    const partial = second === 5 ? 400 : undefined;
    for (const store of stores) store.flushSecond(t, partial);
    whole.flushSecond(t, partial);
  }
  const merged = new MetricStore(new MetricRegistry());
  const mergedPoints: TimeseriesPoint[] = [];
  merged.onPoint((p) => mergedPoints.push(p));
  assert.equal(replaySegments(runs, merged), 6);
  for (const m of ['http_req_duration', 'http_reqs', 'http_req_failed']) {
    assert.deepEqual(merged.query(m)!.values(5.4), whole.query(m)!.values(5.4), m);
    for (const t of tags) assert.deepEqual(merged.query(m, t.tags)!.values(5.4), whole.query(m, t.tags)!.values(5.4), `${m} ${t.key}`);
  }
  assert.deepEqual(mergedPoints.map((p) => p.partialMs), wholePoints.map((p) => p.partialMs));
  // per-second points: identical series keys and values (sums of floats may differ in the last bit)
  mergedPoints.forEach((p, i) => {
    assert.deepEqual(Object.keys(p.series).sort(), Object.keys(wholePoints[i].series).sort());
    for (const [k, v] of Object.entries(p.series)) for (const [agg, x] of Object.entries(v)) {
      assert.ok(Math.abs(x - wholePoints[i].series[k][agg]) <= 1e-9 * Math.max(1, Math.abs(x)), `second ${i} ${k} ${agg}: ${x} vs ${wholePoints[i].series[k][agg]}`);
    }
  });
});
