import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHttpEngine } from '../../../src/protocols/http/engine.ts';
import { createEngines } from '../../../src/run/engines.ts';
import { validateScenario } from '../../../src/config/validate-scenario.ts';
import type { HttpWorkload, ScenarioDefinition } from '../../../src/contracts/scenario-types.ts';

test('the client options of workloads and steps are validated, each issue naming its field and a fix', () => {
  const engine = createHttpEngine({ timeoutMs: 1000, headers: {}, isAllowedHost: () => true });
  const w = { executor: 'per-vu-iterations', vus: 1, iterations: 1, cookies: 'sometimes', maxRedirects: -1, steps: [{ path: '/x', maxRedirects: 1.5 }] } as unknown as HttpWorkload;
  const issues = engine.validate(w, 'workloads.t', 'scenario.ts');
  assert.deepEqual(issues.map((i) => i.path).sort(), ['workloads.t.cookies', 'workloads.t.maxRedirects', 'workloads.t.steps[0].maxRedirects']);
  assert.ok(issues.every((i) => i.file === 'scenario.ts' && i.fix));
});

test('the scenario http options of the client are validated', () => {
  const s = { baseUrl: 'http://127.0.0.1:1', http: { compression: 'yes', batchPerHost: 0, maxRedirects: 'ten' }, workloads: { t: { executor: 'per-vu-iterations', vus: 1, iterations: 1, steps: [{ path: '/' }] } } } as unknown as ScenarioDefinition;
  const issues = validateScenario(s, 'scenario.ts', createEngines({ timeoutMs: 1000, headers: {}, isAllowedHost: () => true }));
  assert.deepEqual(issues.map((i) => i.path).sort(), ['http.batchPerHost', 'http.compression', 'http.maxRedirects']);
});

test('http.protocol and http.h2Sessions are validated with a fix; the valid values pass', () => {
  const engines = createEngines({ timeoutMs: 1000, headers: {}, isAllowedHost: () => true });
  const scenario = (http: unknown) => ({ baseUrl: 'https://127.0.0.1:1', http, workloads: { t: { executor: 'per-vu-iterations', vus: 1, iterations: 1, steps: [{ path: '/' }] } } }) as unknown as ScenarioDefinition;
  const issues = validateScenario(scenario({ protocol: 'http2', h2Sessions: 0 }), 'scenario.ts', engines);
  assert.deepEqual(issues.map((i) => i.path).sort(), ['http.h2Sessions', 'http.protocol']);
  const p = issues.find((i) => i.path === 'http.protocol')!;
  assert.equal(p.file, 'scenario.ts');
  assert.match(p.fix, /'auto'.*'http1'.*'h2'/);
  for (const protocol of ['auto', 'http1', 'h2']) assert.deepEqual(validateScenario(scenario({ protocol, h2Sessions: 2 }), 'scenario.ts', engines), [], protocol);
});
