import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { formatSeriesKey, parseSeriesKey, readSeriesKey } from '../../../src/metrics/metric-key.ts';
import { MetricRegistry } from '../../../src/metrics/registry.ts';
import { MetricStore } from '../../../src/metrics/store.ts';
import { tagSet } from '../../../src/metrics/tagset.ts';
import { compileThresholds } from '../../../src/thresholds/validate.ts';
import { ThresholdEvaluator } from '../../../src/thresholds/evaluator.ts';
import { parseMetricKey } from '../../../src/thresholds/metric-key.ts';
import { buildSummary } from '../../../src/results/build-summary.ts';
import { splitKey } from '../../../src/report/series-collector.ts';

const T0 = 1_700_000_000_000;

/** Pairs of different tag sets whose naive `k:v,k:v` keys were the same string. */
const COLLIDING: Array<[Record<string, string>, Record<string, string>]> = [
  [{ name: 'a,b:c' }, { name: 'a', b: 'c' }],
  [{ 'a:b': 'c' }, { a: 'b:c' }],
  [{ name: 'x}' }, { name: 'x}', z: '' }],
  [{ name: '"q"' }, { name: 'q' }],
  [{ name: 'a\\,b:' }, { name: 'a\\', b: '' }],
];

describe('metric-key grammar: one format and parse of series keys', { timeout: 30_000 }, () => {
  test('tag sets that shared one naive key land in distinct store series', () => {
    for (const [a, b] of COLLIDING) {
      const store = new MetricStore(new MetricRegistry());
      store.add('http_reqs', 1, tagSet(a));
      store.add('http_reqs', 1, tagSet(b));
      const p = store.flushSecond(T0);
      const tagged = Object.keys(p.series).filter((k) => k.startsWith('http_reqs{'));
      assert.equal(tagged.length, 2, `${JSON.stringify(a)} and ${JSON.stringify(b)} are two series: ${tagged.join(' | ')}`);
      for (const k of tagged) assert.equal(p.series[k].count, 1, k);
      assert.deepEqual(tagged.map((k) => readSeriesKey(k)!.tags).sort((x, y) => Object.keys(x).length - Object.keys(y).length), [a, b].sort((x, y) => Object.keys(x).length - Object.keys(y).length));
    }
  });

  test('parse(format(tags)) gives back the tags, for any strings', () => {
    // deterministic property run (fixed seed): a failure is a real counterexample, never chance
    fc.assert(fc.property(
      fc.dictionary(fc.string({ unit: 'grapheme-composite' }), fc.string({ unit: 'grapheme-composite' })),
      fc.dictionary(fc.string({ unit: 'binary' }), fc.string({ unit: 'binary' }), { maxKeys: 4 }),
      (a, b) => {
        for (const tags of [a, b]) {
          const key = formatSeriesKey('http_req_duration', tags);
          const r = parseSeriesKey(key);
          assert.ok(r.ok, `${key}: ${r.ok ? '' : r.message}`);
          assert.equal(r.value.metric, 'http_req_duration');
          assert.deepEqual({ ...r.value.tags }, { ...tags });
          assert.deepEqual(Object.keys(r.value.tags).sort(), Object.keys(tags).sort());
        }
      },
    ), { seed: 19, numRuns: 2000 });
  });

  test('keys of ordinary tags read and write as before (old summary.json and ndjson files)', () => {
    for (const [key, tags] of [
      ['http_req_duration{name:GET /x,status:200}', { name: 'GET /x', status: '200' }],
      ['http_reqs{expected_response:true,scenario:api,url:http://127.0.0.1:8080/a?b=c}', { expected_response: 'true', scenario: 'api', url: 'http://127.0.0.1:8080/a?b=c' }],
      ['http_req_failed{error:LC_HTTP_TIMEOUT,name:,status:0}', { error: 'LC_HTTP_TIMEOUT', name: '', status: '0' }],
      ["checks{check:it's ok}", { check: "it's ok" }],
    ] as const) {
      assert.equal(formatSeriesKey(key.slice(0, key.indexOf('{')), tags), key);
      assert.deepEqual(readSeriesKey(key), { metric: key.slice(0, key.indexOf('{')), tags });
    }
    assert.deepEqual(readSeriesKey('vus'), { metric: 'vus', tags: {} });
    assert.equal(formatSeriesKey('vus', {}), 'vus');
    assert.equal(formatSeriesKey('m', { name: 'a,b' }), 'm{name:"a,b"}');
    assert.equal(formatSeriesKey('m', { name: 'say "hi" \\o/' }), 'm{name:"say \\"hi\\" \\\\o/"}');
    assert.deepEqual(splitKey('m{name:"a,b",status:500}'), { metric: 'm', tags: { name: 'a,b', status: '500' } });
  });

  test('thresholds accept k6 selectors, quoted values and escapes; malformed quotes are refused', () => {
    const sel = (k: string) => { const r = parseMetricKey(k); assert.ok(r.ok, k); return r.value.selector; };
    assert.deepEqual(sel('mm{name:"a,b"}'), { name: 'a,b' });
    assert.deepEqual(sel("mm{name:'a,b', status : 200 }"), { name: 'a,b', status: '200' });
    assert.deepEqual(sel('mm{name:"x\\"}{"}'), { name: 'x"}{' });
    assert.deepEqual(sel('mm{"odd:tag":v}'), { 'odd:tag': 'v' });
    for (const bad of ['m{name:"a,b}', 'm{name:"a"b}', 'm{name:"a",}']) assert.equal(parseMetricKey(bad).ok, false, bad);
  });

  test('a threshold on a quoted sub-metric reads only the series with that exact value', () => {
    const registry = new MetricRegistry();
    const store = new MetricStore(registry);
    const map = { 'http_req_duration{name:"a,b"}': ['max<100'], 'http_req_duration{name:a}': ['max<100'] };
    const compiled = compileThresholds([{ map, file: 'thresholds.json' }], registry);
    const ev = new ThresholdEvaluator(compiled, store);
    store.add('http_req_duration', 10, tagSet({ name: 'a,b' }));
    store.add('http_req_duration', 500, tagSet({ name: 'a', b: '' }));
    store.flushSecond(T0);
    const [quoted, plain] = ev.evaluate(1000);
    assert.equal(quoted.observed, 10);
    assert.equal(quoted.ok, true);
    assert.equal(plain.observed, 500);
    const summary = buildSummary(store, { durationMs: 1000 } as Parameters<typeof buildSummary>[1], ev.evaluate(1000));
    assert.equal(summary.metrics['http_req_duration{name:"a,b"}'].values.max, 10, 'summary.json sub-metric of the quoted selector');
  });
});
