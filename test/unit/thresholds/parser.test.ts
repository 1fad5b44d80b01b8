import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseExpression, type ExpressionErrorKind } from '../../../src/thresholds/expression.ts';
import { parseMetricKey } from '../../../src/thresholds/metric-key.ts';
import { formatDurationText as formatDurationMs, parseDuration } from '../../../src/contracts/duration.ts';
const parseDurationMs = (t: string): number | undefined => ((ms) => (Number.isNaN(ms) ? undefined : ms))(parseDuration(t));

function ok(text: string) {
  const r = parseExpression(text);
  if (!r.ok) assert.fail(`expected "${text}" to parse, got ${r.error.kind}: ${r.error.message}`);
  return r.value;
}

test('parses every aggregation and operator', () => {
  assert.deepEqual(ok('avg<200'), { aggregation: { kind: 'avg' }, aggName: 'avg', operator: '<', target: 200 });
  assert.deepEqual(ok('  p(95)   <=  2000 '), { aggregation: { kind: 'percentile', p: 95 }, aggName: 'p(95)', operator: '<=', target: 2000 });
  assert.deepEqual(ok('p( 99.9 )>1.5e3').aggregation, { kind: 'percentile', p: 99.9 });
  assert.equal(ok('p(99.9) > 1').aggName, 'p(99.9)');
  assert.equal(ok('p(100) < 1').aggregation.kind, 'percentile');
  assert.deepEqual(ok('p(0) < 1').aggregation, { kind: 'percentile', p: 0 }); // k6 accepts p(0): the minimum
  assert.equal(ok('rate < 0.005').target, 0.005);
  assert.equal(ok('count >= 1').operator, '>=');
  assert.equal(ok('value == 3').operator, '==');
  assert.equal(ok('value === 3').operator, '==', "k6's === reads as ==");
  assert.equal(ok('min != -1').target, -1);
  assert.equal(ok('med > .5').target, 0.5);
  assert.equal(ok('max<10').aggName, 'max');
});

test('parses sustained(window) with ms, s, m units', () => {
  assert.deepEqual(ok('sustained(60s) < 70').aggregation, { kind: 'sustained', windowMs: 60_000 });
  assert.deepEqual(ok('sustained( 1m ) < 70').aggregation, { kind: 'sustained', windowMs: 60_000 });
  assert.equal(ok('sustained(1m) < 70').aggName, 'sustained(1m)');
  assert.deepEqual(ok('sustained(1500ms)>=495').aggregation, { kind: 'sustained', windowMs: 1500 });
  assert.deepEqual(ok('sustained(1m30s) >= 1').aggregation, { kind: 'sustained', windowMs: 90_000 });
});

/** One case per kind of malformed expression, with a fragment the fix must contain. */
const BAD: Array<[string, ExpressionErrorKind, RegExp]> = [
  ['', 'empty', /AGGREGATION OPERATOR NUMBER/],
  ['   ', 'empty', /AGGREGATION/],
  ['p(95) 2000', 'missing-operator', /<, <=/],
  ['p(95)', 'missing-operator', /p\(95\) < 100/],
  ['avg = 3', 'missing-operator', /==/],
  ['avg => 3', 'missing-operator', />=/],
  ['avg < ', 'bad-number', /target number/],
  ['p(95) < 2s', 'bad-number', /2000/],
  ['rate < 0.5%', 'bad-number', /0\.005/],
  ['avg < fast', 'bad-number', /plain number/],
  ['avg < 1 && max < 2', 'bad-number', /plain number/],
  ['p95 < 2000', 'unknown-aggregation', /p\(95\)/],
  ['mean < 10', 'unknown-aggregation', /"avg"/],
  ['averag < 10', 'unknown-aggregation', /"avg"/],
  ['avg(3) < 10', 'unknown-aggregation', /alone/],
  ['< 200', 'unknown-aggregation', /start with/],
  ['p(-1) < 1', 'bad-percentile', /from 0 to 100/],
  ['p(101) < 1', 'bad-percentile', /from 0 to 100/],
  ['p(abc) < 1', 'bad-percentile', /p\(99\.9\)/],
  ['p < 1', 'bad-percentile', /p\(95\)/],
  ['p(95 < 1', 'bad-percentile', /close it/],
  ['sustained(60) < 70', 'bad-window', /sustained\(60s\)/],
  ['sustained(1x) < 70', 'bad-window', /unit/],
  ['sustained() < 70', 'bad-window', /sustained\(60s\)/],
  ['sustained(0s) < 70', 'bad-window', /sustained\(1s\)/],
  ['sustained(500ms) < 70', 'bad-window', /sustained\(1s\)/],
  ['sustained < 70', 'bad-window', /sustained\(60s\)/],
];

for (const [text, kind, fix] of BAD) {
  test(`rejects ${JSON.stringify(text)} as ${kind}`, () => {
    const r = parseExpression(text);
    assert.equal(r.ok, false);
    if (r.ok) return;
    assert.equal(r.error.kind, kind, r.error.message);
    assert.ok(r.error.message.length > 0);
    assert.match(r.error.fix, fix);
  });
}

test('metric keys: plain, one tag, several tags, quotes and spaces', () => {
  assert.deepEqual(parseMetricKey('http_req_duration'), { ok: true, value: { metric: 'http_req_duration', selector: {} } });
  assert.deepEqual(parseMetricKey('http_req_duration{name:list}'), { ok: true, value: { metric: 'http_req_duration', selector: { name: 'list' } } });
  assert.deepEqual(parseMetricKey('server_timing{name:db}'), { ok: true, value: { metric: 'server_timing', selector: { name: 'db' } } });
  assert.deepEqual(parseMetricKey('mm{ a : 1 , b:"x y" } '), { ok: true, value: { metric: 'mm', selector: { a: '1', b: 'x y' } } });
  assert.deepEqual(parseMetricKey('mm{url:http://x:8080/a}'), { ok: true, value: { metric: 'mm', selector: { url: 'http://x:8080/a' } } });
});

test('metric keys: the metric name is taken as written (k6 finds no metric " m"); k6 refuses one-character names', () => {
  for (const key of [' mm{a:1}', 'mm {a:1}', ' mm', 'mm\t', 'm{a:1}', 'm']) {
    const r = parseMetricKey(key);
    assert.equal(r.ok, false, key);
    if (!r.ok) { assert.equal(r.error.kind, 'bad-metric-name', key); assert.ok(r.error.fix); }
  }
});

for (const key of ['m{}', 'm{name}', 'm{:x}', 'm{a:}', 'm{a:1,a:2}', 'm{a:1', 'm{a:1}x', 'm}']) {
  test(`rejects metric key ${key} as bad-selector`, () => {
    const r = parseMetricKey(key);
    assert.equal(r.ok, false);
    if (!r.ok) { assert.equal(r.error.kind, 'bad-selector'); assert.ok(r.error.fix); }
  });
}

test('rejects an invalid metric name', () => {
  const r = parseMetricKey('http-req{name:x}');
  assert.equal(r.ok, false);
  if (!r.ok) assert.equal(r.error.kind, 'bad-metric-name');
});

test('durations parse and format', () => {
  assert.equal(parseDurationMs('500ms'), 500);
  assert.equal(parseDurationMs('1m30s'), 90_000);
  assert.equal(parseDurationMs('2h'), 7_200_000);
  assert.equal(parseDurationMs('1.5s'), 1500);
  assert.equal(parseDurationMs('10'), 10); // k6: a unit-less number is milliseconds
  assert.equal(parseDurationMs('1d2h'), 26 * 3_600_000);
  assert.equal(parseDurationMs('-1s'), undefined);
  assert.equal(parseDurationMs('10 s x'), undefined);
  assert.equal(formatDurationMs(60_000), '1m');
  assert.equal(formatDurationMs(90_000), '1m30s');
  assert.equal(formatDurationMs(30_000), '30s');
  assert.equal(formatDurationMs(250), '250ms');
  assert.equal(formatDurationMs(3_600_000), '1h');
});
