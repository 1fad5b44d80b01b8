import { test } from 'node:test';
import assert from 'node:assert/strict';
import { MetricStore } from '../../../src/metrics/store.ts';
import { tagSet, NO_TAGS } from '../../../src/metrics/tagset.ts';
import { compileThresholds } from '../../../src/thresholds/validate.ts';
import { ThresholdEvaluator } from '../../../src/thresholds/evaluator.ts';
import type { ThresholdMap } from '../../../src/contracts/threshold-types.ts';
import { summaryThresholds } from '../../../src/thresholds/outcome.ts';
import { testRegistry } from './helpers.ts';

const T0 = 1_700_000_000_000;

function setup(map: ThresholdMap): { store: MetricStore; ev: ThresholdEvaluator } {
  const registry = testRegistry();
  const store = new MetricStore(registry);
  const ev = new ThresholdEvaluator(compileThresholds([{ map, file: 'thresholds.json' }], registry), store);
  return { store, ev };
}

function byExpr(results: ReturnType<ThresholdEvaluator['evaluate']>, metric: string, expression: string) {
  const r = results.find((x) => x.metric === metric && x.expression === expression);
  assert.ok(r, `${metric} ${expression} not in results`);
  return r;
}

test('trend percentiles and average come from the merged histogram', () => {
  const { store, ev } = setup({ http_req_duration: ['p(95) < 96', 'p(95) < 90', 'avg == 50.5', 'max <= 100', 'med < 50'] });
  const tags = tagSet({ name: 'list' });
  for (let v = 1; v <= 100; v++) store.add('http_req_duration', v, tags);
  store.flushSecond(T0);
  const [p95ok, p95bad, avg, max, med] = ev.evaluate(1000);
  assert.ok(Math.abs(p95ok.observed! - 95) < 0.1, String(p95ok.observed));
  assert.equal(p95ok.ok, true);
  assert.equal(p95bad.ok, false);
  assert.equal(avg.observed, 50.5);
  assert.equal(avg.ok, true);
  assert.equal(max.ok, true);
  assert.equal(med.ok, false, 'the median of 1..100 is about 50, not below it');
  assert.equal(p95ok.unit, 'ms');
  assert.equal(p95ok.label, 'HTTP response time, 95th percentile');
  assert.equal(p95ok.aggregation, 'p(95)');
  assert.equal(p95ok.source, 'thresholds.json');
  assert.match(p95bad.message, /HTTP response time, 95th percentile: 95(\.\d+)? ms \(target < 90 ms\): failed/);
});

test('unflushed values of the current second are included', () => {
  const { store, ev } = setup({ http_req_duration: ['max < 10'] });
  store.add('http_req_duration', 50, NO_TAGS);
  const [r] = ev.evaluate(500);
  assert.equal(r.observed, 50);
  assert.equal(r.ok, false);
});

test('rate metric: fraction observed, % unit, strict comparison at the boundary', () => {
  const { store, ev } = setup({ http_req_failed: ['rate < 0.005', 'rate <= 0.005'] });
  for (let i = 0; i < 200; i++) store.add('http_req_failed', i === 7 ? 1 : 0, NO_TAGS);
  const [lt, le] = ev.evaluate(10_000);
  assert.equal(lt.observed, 0.005);
  assert.equal(lt.ok, false);
  assert.equal(le.ok, true);
  assert.equal(lt.unit, '%');
  assert.equal(lt.label, 'HTTP error rate');
  assert.match(lt.message, /0\.50 % \(target < 0\.50 %\)/);
});

test('counter: count and rate = count / run duration passed to evaluate', () => {
  const { store, ev } = setup({ http_reqs: ['count > 999', 'rate >= 100', 'rate >= 101'] });
  for (let i = 0; i < 1000; i++) store.add('http_reqs', 1, tagSet({ status: i % 10 ? '200' : '500' }));
  const [count, rate, rate101] = ev.evaluate(10_000);
  assert.equal(count.observed, 1000);
  assert.equal(count.ok, true);
  assert.equal(rate.observed, 100);
  assert.equal(rate.ok, true);
  assert.equal(rate101.ok, false);
  assert.equal(rate.unit, '/s');
  assert.equal(ev.evaluate(20_000)[1].observed, 50, 'a longer run halves the rate');
});

test('sub-metric selectors only see matching series', () => {
  const { store, ev } = setup({
    'http_req_duration{name:list}': ['avg < 500'],
    'http_req_duration{name:get}': ['avg < 500'],
    'http_req_duration{name:get,method:GET}': ['max == 30'],
    http_req_duration: ['avg < 500'],
    'server_timing{name:db}': ['avg < 100'],
  });
  for (const v of [900, 1100]) store.add('http_req_duration', v, tagSet({ name: 'list', method: 'GET' }));
  for (const v of [10, 30]) store.add('http_req_duration', v, tagSet({ name: 'get', method: 'GET' }));
  store.add('http_req_duration', 500, tagSet({ name: 'get', method: 'POST' }));
  for (const v of [40, 80]) store.add('server_timing', v, tagSet({ name: 'db' }));
  store.add('server_timing', 5000, tagSet({ name: 'render' }));
  store.flushSecond(T0);
  const r = ev.evaluate(1000);
  assert.equal(r[0].observed, 1000);
  assert.equal(r[0].ok, false);
  assert.equal(r[1].observed, 180);
  assert.equal(r[1].ok, true);
  assert.equal(r[2].observed, 30);
  assert.equal(r[3].observed, 508);
  assert.equal(r[4].observed, 60);
  assert.equal(r[4].label, 'Server-reported db time, average');
  assert.equal(r[0].label, 'HTTP response time (list), average');
  assert.equal(r[0].metric, 'http_req_duration{name:list}');
});

test('no data is not measured: unknown series, selector matching nothing, and the message says why', () => {
  const { store, ev } = setup({ availability: ['rate > 0.995'], 'http_req_duration{name:missing}': ['p(95) < 2000'], http_req_duration: ['p(95) < 2000'] });
  store.add('http_req_duration', 5, tagSet({ name: 'list' }));
  const [avail, missing, all] = ev.evaluate(60_000);
  for (const r of [avail, missing]) {
    assert.equal(r.ok, false);
    assert.equal(r.noData, true);
    assert.equal(r.observed, null);
    assert.equal(r.status, 'not measured');
    assert.match(r.message, /not measured/);
  }
  assert.match(avail.message, /availability received no values/);
  assert.equal(all.ok, true);
  assert.equal(all.noData, false);
  assert.equal(all.status, 'met');
  assert.deepEqual(summaryThresholds([avail, all]), { availability: { 'rate > 0.995': { ok: false } }, http_req_duration: { 'p(95) < 2000': { ok: true } } });
});

test('gauge: value is the last reading, min and max the extremes', () => {
  const { store, ev } = setup({ vus: ['value == 20', 'max <= 50', 'min >= 5'] });
  for (const v of [10, 50, 20]) store.add('vus', v, NO_TAGS);
  const [value, max, min] = ev.evaluate(3000);
  assert.equal(value.observed, 20);
  assert.equal(max.observed, 50);
  assert.equal(min.observed, 10);
  assert.deepEqual([value.ok, max.ok, min.ok], [true, true, true]);
});

test('abortOnFail acts only after delayAbortEval, ignores no-data and non-abort thresholds', () => {
  const { store, ev } = setup({
    http_req_failed: ['rate < 0.01'],
    availability: [{ threshold: 'rate > 0.995', abortOnFail: true }],
    http_req_duration: [{ threshold: 'p(95) < 100', abortOnFail: true, delayAbortEval: '10s' }],
  });
  store.add('http_req_failed', 1, NO_TAGS);
  for (let i = 0; i < 20; i++) store.add('http_req_duration', 500, NO_TAGS);
  assert.equal(ev.shouldAbort(2000), undefined, 'failing but delayAbortEval not reached; availability has no data');
  assert.equal(ev.shouldAbort(9999), undefined);
  const hit = ev.shouldAbort(10_000);
  assert.ok(hit);
  assert.equal(hit.metric, 'http_req_duration');
  assert.equal(hit.aborted, true);
  assert.equal(hit.ok, false);
  assert.equal(ev.abortedBy?.metric, 'http_req_duration');
  assert.equal(ev.shouldAbort(12_000)?.metric, 'http_req_duration', 'stays aborted');
  const final = ev.evaluate(12_000);
  assert.deepEqual(final.map((r) => r.aborted), [false, false, true]);
  assert.match(final[2].message, /stopped the run/);
});

test('abortOnFail does not fire while the threshold passes', () => {
  const { store, ev } = setup({ http_req_duration: [{ threshold: 'p(95) < 100', abortOnFail: true }] });
  store.add('http_req_duration', 5, NO_TAGS);
  assert.equal(ev.shouldAbort(60_000), undefined);
  store.add('http_req_duration', 5000, NO_TAGS);
  store.add('http_req_duration', 5000, NO_TAGS);
  assert.equal(ev.shouldAbort(62_000)?.observed! > 100, true);
});
