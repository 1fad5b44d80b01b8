import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { ConfigError, ExitCode, type ConfigIssue } from '../../../src/contracts/errors.ts';
import { checkThresholds, compileThresholds, validateThresholds } from '../../../src/thresholds/validate.ts';
import { fixture, testRegistry } from './helpers.ts';

const registry = testRegistry();

function issuesOf(name: string): ConfigIssue[] {
  const map: unknown = JSON.parse(readFileSync(fixture(name), 'utf8'));
  return validateThresholds(map, 'thresholds.json', registry);
}

test('the mission thresholds are valid and compile in file order', () => {
  const r = checkThresholds(JSON.parse(readFileSync(fixture('valid.json'), 'utf8')), 'thresholds.json', registry);
  assert.deepEqual(r.issues, []);
  assert.deepEqual(r.thresholds.map((t) => `${t.metricKey} ${t.aggName}`), [
    'http_req_duration p(95)',
    'http_req_duration{name:list} p(99)',
    'http_req_duration{name:list} avg',
    'http_req_failed rate',
    'availability rate',
    'server_timing{name:db} avg',
    'http_reqs sustained(30s)',
    'http_reqs count',
    'container_cpu_percent{container:api} sustained(1m)',
  ]);
  const first = r.thresholds[0];
  assert.equal(first.abortOnFail, true);
  assert.equal(first.delayAbortEvalMs, 30_000);
  assert.equal(first.source, 'thresholds.json');
  assert.deepEqual(r.thresholds[1].selector, { name: 'list' });
  assert.equal(r.thresholds[5].label, 'Database query time, average', 'an explicit label wins');
  assert.equal(r.thresholds[8].type, 'gauge');
});

/** One fixture per kind of bad input: the issue's path and a fragment of its message and fix. */
const CASES: Array<[string, string, RegExp, RegExp]> = [
  ['top-level-array.json', '', /must be an object/, /http_req_duration/],
  ['value-not-list.json', 'http_req_duration', /must be a list/, /\["p\(95\) < 2000"\]/],
  ['unknown-metric.json', 'http_req_duraton', /unknown metric "http_req_duraton"/, /did you mean "http_req_duration"/],
  ['aggregation-wrong-type.json', 'http_reqs[0]', /"avg" is not available for http_reqs \(a counter\)/, /count, rate or sustained\(window\)/],
  ['missing-operator.json', 'http_req_duration[0]', /expected an operator/, /</],
  ['bad-number.json', 'http_req_duration[0]', /"2s" has a unit/, /2000/],
  ['unknown-aggregation.json', 'http_req_duration[0]', /unknown aggregation "p95"/, /p\(95\)/],
  ['bad-percentile.json', 'http_req_duration[0]', /percentile 150 is outside/, /from 0 to 100/],
  ['bad-selector.json', 'http_req_duration{name}', /no ":"/, /\{tag:value\}/],
  ['bad-window.json', 'http_reqs[0]', /window "30" is shorter than one second/, /milliseconds.*sustained\(30s\)/],
  ['unknown-option-key.json', 'http_req_duration[0].abortOnFailure', /unknown option "abortOnFailure"/, /did you mean "abortOnFail"/],
];

for (const [name, path, message, fix] of CASES) {
  test(`fixture ${name}: one issue with file, path and fix`, () => {
    const issues = issuesOf(name);
    assert.equal(issues.length, 1, JSON.stringify(issues, null, 2));
    assert.equal(issues[0].file, 'thresholds.json');
    assert.equal(issues[0].path, path);
    assert.match(issues[0].message, message);
    assert.match(issues[0].fix, fix);
  });
}

test('fixture bad-abort-options.json: both option types reported', () => {
  const issues = issuesOf('bad-abort-options.json');
  assert.deepEqual(issues.map((i) => i.path), ['http_req_duration[0].abortOnFail', 'http_req_duration[0].delayAbortEval']);
  assert.match(issues[0].message, /true or false/);
  assert.match(issues[1].fix, /"10s"/);
});

test('fixture many-errors.json: every problem is listed at once, in file order', () => {
  const issues = issuesOf('many-errors.json');
  assert.deepEqual(issues.map((i) => i.path), [
    'http_req_duraton',
    'http_reqs[0]',
    'http_reqs[1]',
    'http_req_duration[0]',
    'http_req_duration[1]',
    'http_req_duration[2].delay',
    'http_req_duration[2].abortOnFail',
    'http_req_failed[0]',
    'server_timing{name:}',
  ]);
  for (const i of issues) {
    assert.equal(i.file, 'thresholds.json');
    assert.ok(i.fix.length > 5, `fix for ${i.path}`);
  }
  assert.match(issues[6].fix, /"abortOnFail": true/, 'a quoted "true" gets an unquoted fix');
  assert.match(issues[7].fix, /0\.005/);
});

test('an expression on an unknown metric is still checked for syntax', () => {
  const issues = validateThresholds({ nope_metric: ['p(95) <'] }, 'scenarios/x.ts', registry);
  assert.equal(issues.length, 2);
  assert.deepEqual(issues.map((i) => i.path), ['nope_metric', 'nope_metric[0]']);
  assert.equal(issues[0].file, 'scenarios/x.ts');
  assert.match(issues[0].fix, /http_req_duration/, 'without a close name, the known metrics are listed');
});

test('rules per metric type: allowed and refused aggregations', () => {
  const allowed = {
    http_reqs: ['count > 1', 'rate > 1', 'sustained(10s) > 1'],
    vus: ['value > 1', 'min > 1', 'max > 1', 'sustained(5s) > 1'],
    http_req_failed: ['rate < 0.1', 'sustained(10s) < 0.1'],
    http_req_duration: ['avg < 1', 'min < 1', 'med < 1', 'max < 1', 'p(90) < 1', 'p(99.99) < 1', 'sustained(1m) < 1'],
  };
  assert.deepEqual(validateThresholds(allowed, 't.json', registry), []);
  const refused = {
    http_reqs: ['avg > 1', 'p(95) > 1', 'value > 1'],
    vus: ['rate > 1', 'count > 1', 'avg > 1'],
    http_req_failed: ['count < 1', 'avg < 1'],
    http_req_duration: ['rate < 1', 'count < 1', 'value < 1'],
  };
  const issues = validateThresholds(refused, 't.json', registry);
  assert.equal(issues.length, 11);
  assert.ok(issues.every((i) => /is not available for/.test(i.message)));
});

test('object form: missing threshold, bad label, wrong entry type; an empty list is no issue (k6 sub-metric idiom)', () => {
  const issues = validateThresholds({
    http_req_duration: [{ abortOnFail: true }, { threshold: 'avg < 1', label: '' }, 42],
    http_req_failed: [],
  }, 't.json', registry);
  assert.deepEqual(issues.map((i) => i.path), ['http_req_duration[0].threshold', 'http_req_duration[1].label', 'http_req_duration[2]']);
});

test('compileThresholds merges a scenario over the file and throws ConfigError with every issue', () => {
  const list = compileThresholds([
    { map: { http_req_duration: ['p(95) < 2000'], 'http_req_duration{b:2,a:1}': ['avg < 5'], http_req_failed: ['rate < 0.005'] }, file: 'thresholds.json' },
    { map: { 'http_req_duration{a:1, b:2}': ['avg < 9', 'max < 10'], http_reqs: ['count > 0'] }, file: 'scenarios/x.ts', source: 'scenario' },
  ], registry);
  assert.deepEqual(list.map((t) => `${t.source} ${t.metricKey} ${t.expression}`), [
    'thresholds.json http_req_duration p(95) < 2000',
    'scenario http_req_duration{a:1, b:2} avg < 9',
    'scenario http_req_duration{a:1, b:2} max < 10',
    'thresholds.json http_req_failed rate < 0.005',
    'scenario http_reqs count > 0',
  ]);

  assert.throws(() => compileThresholds([
    { map: { http_req_duraton: ['p(95) < 1'] }, file: 'thresholds.json' },
    { map: { http_reqs: ['avg > 1'] }, file: 'scenarios/x.ts' },
  ], registry), (err: unknown) => {
    assert.ok(err instanceof ConfigError);
    assert.equal(err.code, 'LC_INVALID_CONFIG');
    assert.equal(err.exitCode, ExitCode.INVALID_CONFIG);
    assert.deepEqual(err.issues.map((i) => i.file), ['thresholds.json', 'scenarios/x.ts']);
    assert.match(err.message, /2 problems found/);
    return true;
  });
});
