import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MetricRegistry } from '../../../src/metrics/registry.ts';
import { MetricStore } from '../../../src/metrics/store.ts';
import { pointBytes, pointJson } from '../../../src/metrics/point-line.ts';
import { PointLine } from '../../../src/metrics/point-line.ts';
import { tagSet } from '../../../src/metrics/tagset.ts';
import { NdjsonWriter } from '../../../src/results/ndjson-writer.ts';

const E = 1_700_000_000_000;

/** A store with one second of HTTP samples over `n` endpoints, one of them named with non-ASCII text and quotes. */
function filled(n: number): MetricStore {
  const store = new MetricStore(new MetricRegistry());
  for (let i = 0; i < n; i++) {
    const t = tagSet({ scenario: 's', name: i === 0 ? 'café "ü" ✓ \\ 日本' : `e${i}`, status: '200' });
    store.add('http_reqs', 1, t);
    store.add('http_req_duration', 1 + i / 7, t);
    store.add('http_req_failed', i % 2, t);
  }
  store.add('vus', 3, tagSet({}));
  return store;
}

describe('point lines: off-heap ndjson bytes and lazily parsed tagged series', { timeout: 30_000 }, () => {
  test('the ndjson line (bytes and string) is the point, with non-ASCII and escaped tag values', () => {
    const p = filled(50).flushSecond(E);
    // the value holds `"` and `\`, so the key grammar (src/metrics/metric-key.ts) quotes and escapes it
    const key = 'http_req_duration{name:"café \\"ü\\" ✓ \\\\ 日本",scenario:s,status:200}';
    assert.ok(p.series[key], `series ${key} present`);
    const fromBytes = JSON.parse(pointBytes(p)!.toString('utf8'));
    assert.deepEqual(fromBytes, JSON.parse(JSON.stringify(p)));
    assert.deepEqual(JSON.parse(pointJson(p)), fromBytes);
    assert.equal(pointBytes(p)!.at(-1), 0x0a, 'the bytes end with the newline');
    assert.equal(Object.keys(p.series).length, 50 * 3 + 3 + 1, 'tagged series of 3 metrics x 50, 4 metric totals');
  });

  test('reading metric totals does not parse the tagged series; reading a tagged key or the keys does, once', () => {
    const orig = PointLine.prototype.tagged;
    let parses = 0;
    PointLine.prototype.tagged = function (this: PointLine) { parses++; return orig.call(this); };
    try {
      const p = filled(20).flushSecond(E);
      assert.equal(p.series.http_reqs.count, 20);
      assert.equal(p.series.vus.value, 3);
      assert.equal(p.series.ws_connections, undefined, 'an absent metric total');
      assert.equal(parses, 0, 'metric totals, present or absent, never parse');
      assert.equal(p.series['http_reqs{name:absent}'], undefined);
      assert.equal(parses, 1, 'a tagged key parses the tagged entries');
      const p2 = filled(20).flushSecond(E);
      assert.equal(p2.series.http_req_duration.count, 20);
      assert.equal(parses, 1, 'a new point starts unparsed');
      assert.equal(p2.series['http_reqs{name:e3,scenario:s,status:200}'].count, 1);
      assert.ok('http_reqs{name:e4,scenario:s,status:200}' in p2.series);
      assert.equal(Object.keys(p2.series).length, 20 * 3 + 4);
      assert.equal(parses, 2, 'parsed once per point');
    } finally {
      PointLine.prototype.tagged = orig;
    }
  });

  test('the writer writes exactly the line of each point', () => {
    const dir = mkdtempSync(join(tmpdir(), 'loadcert-pointline-'));
    try {
      const w = new NdjsonWriter(join(dir, 'ts.ndjson'));
      const store = filled(30);
      store.onPoint((p) => w.write(p));
      const a = store.flushSecond(E);
      store.add('http_reqs', 5, tagSet({ scenario: 's' }));
      const b = store.flushSecond(E + 1000);
      w.close();
      const lines = readFileSync(join(dir, 'ts.ndjson'), 'utf8').split('\n');
      assert.equal(lines.length, 3);
      assert.equal(lines[2], '');
      assert.deepEqual(JSON.parse(lines[0]), JSON.parse(JSON.stringify(a)));
      assert.deepEqual(JSON.parse(lines[1]), { t: E + 1000, series: { 'http_reqs{scenario:s}': { count: 5, rate: 5 }, http_reqs: { count: 5, rate: 5 } } });
      assert.deepEqual(JSON.parse(lines[1]), JSON.parse(JSON.stringify(b)));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
