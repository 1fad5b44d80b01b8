import { test } from 'node:test';
import assert from 'node:assert/strict';
import { validateScenario } from '../../../src/config/validate-scenario.ts';
import { validateResourceOptions } from '../../../src/resources/validate.ts';
import { createEngines } from '../../../src/run/engines.ts';
import { parseDuration } from '../../../src/contracts/duration.ts';
import { isLoopback, hostAllowList } from '../../../src/contracts/host-guard.ts';
import { parseServerTiming } from '../../../src/protocols/http/server-timing.ts';
import { mergeThresholds } from '../../../src/thresholds/validate.ts';
import type { ScenarioDefinition } from '../../../src/contracts/scenario-types.ts';

const engines = createEngines({ timeoutMs: 1000, headers: {}, isAllowedHost: () => true });
const validate = (s: unknown) => validateScenario(s as ScenarioDefinition, 'x.ts', engines);
const ok = { baseUrl: 'http://127.0.0.1:1', workloads: { a: { executor: 'constant-vus', vus: 1, duration: '1s', steps: [{ path: '/' }] } } };

test('a valid scenario has no issues', () => {
  assert.deepEqual(validate(ok), []);
});

test('every problem is reported at once, with path and fix', () => {
  const issues = validate({
    baseUrl: 'ftp://x', bogus: 1,
    workloads: {
      a: { executor: 'ramping-vus', stages: [], steps: [{ path: '/', method: 'FETCH', expect: [99] }] },
      b: { executor: 'per-vu-iterations', vus: 2, iterations: 0, steps: [{ path: '/' }], typo: 1 },
      'bad name': { executor: 'constant-vus', vus: 1, duration: '1s' },
    },
  });
  const paths = issues.map((i) => i.path);
  for (const p of ['bogus', 'baseUrl', 'workloads.a.stages', 'workloads.a.steps[0].method', 'workloads.a.steps[0].expect', 'workloads.b.iterations', 'workloads.b.typo', 'workloads.bad name'])
    assert.ok(paths.includes(p), `missing ${p} in ${paths.join(' | ')}`);
  assert.ok(issues.every((i) => i.file === 'x.ts' && i.fix.length > 0));
});

test('unknown options suggest the closest name', () => {
  const [issue] = validate({ ...ok, workloads: { a: { ...ok.workloads.a, duraton: '1s' } } });
  assert.match(issue.fix, /did you mean "duration"/);
});

test('every validator suggests by the one rule: option keys, protocols, resources keys, threshold options', () => {
  const [proto] = validate({ ...ok, workloads: { a: { ...ok.workloads.a, protocol: 'websocet' } } });
  assert.match(proto.fix, /did you mean "websocket"/);
  const [res] = validateResourceOptions({ dokcer: {} }, 'x.ts');
  assert.match(res.fix, /did you mean "docker"/);
  // a prefix of four or more letters counts as close in every validator (6 edits, beyond max(2, 5/3))
  const [pre] = validate({ ...ok, workloads: { a: { ...ok.workloads.a, grace: '1s' } } });
  assert.match(pre.fix, /did you mean "gracefulStop"/);
});

test('a workload with nothing to run, and a weighted mix with zero weight, are errors', () => {
  const issues = validate({ ...ok, workloads: { a: { executor: 'constant-vus', vus: 1, duration: '1s' }, b: { executor: 'constant-vus', vus: 1, duration: '1s', mix: [{ weight: 0, path: '/' }] } } });
  assert.ok(issues.some((i) => i.path === 'workloads.a' && /nothing to run/.test(i.message)));
  assert.ok(issues.some((i) => i.path === 'workloads.b.mix' && /add up to 0/.test(i.message)));
});

test('durations follow k6', () => {
  assert.equal(parseDuration('1m30s'), 90_000);
  assert.equal(parseDuration('500ms'), 500);
  assert.equal(parseDuration('2h'), 7_200_000);
  assert.equal(parseDuration(250), 250);
  assert.ok(Number.isNaN(parseDuration('5 minutes')));
  assert.ok(Number.isNaN(parseDuration('1x')));
});

test('only loopback is allowed unless listed', () => {
  for (const h of ['127.0.0.1', '127.1.2.3', 'localhost', '::1', '[::1]']) assert.ok(isLoopback(h), h);
  for (const h of ['10.0.0.1', '192.168.1.1', 'example.com', '128.0.0.1', '::2']) assert.ok(!isLoopback(h), h);
  const allow = hostAllowList(['Staging.Example.test']);
  assert.ok(allow('staging.example.test'));
  assert.ok(!allow('prod.example.test'));
});

test('Server-Timing entries with a duration are parsed, others skipped', () => {
  assert.deepEqual(parseServerTiming('db;dur=12.5, cache;desc="x";dur=0.4, miss, total;dur=abc'), [{ name: 'db', dur: 12.5 }, { name: 'cache', dur: 0.4 }]);
  assert.deepEqual(parseServerTiming(['db;dur=1', 'app;dur="2"']), [{ name: 'db', dur: 1 }, { name: 'app', dur: 2 }]);
  assert.deepEqual(parseServerTiming(undefined), []);
});

test('scenario thresholds replace the file entry for the same metric key, in place', () => {
  const t = (metricKey: string, expression: string) => ({ metricKey, metric: metricKey, selector: {}, expression }) as never;
  const merged = mergeThresholds([[t('a', 'p(95)<1'), t('b', 'rate<1'), t('c', 'count>1')], [t('b', 'rate<0.5'), t('d', 'avg<3')]]);
  assert.deepEqual(merged.map((x: { metricKey: string; expression: string }) => `${x.metricKey}:${x.expression}`), ['a:p(95)<1', 'b:rate<0.5', 'c:count>1', 'd:avg<3']);
});
