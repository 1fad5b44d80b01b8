// k6's own executor config cases (as data in test/fixtures/k6-cases.ts) against loadcert's scenario check and
// executor plans. k6's scenario has no flow of its own (it runs the script's function), so each workload
// object gets `steps: [{ path: '/' }]` before the check. A case may differ only when it names an entry of
// docs/k6-differences.md "Where loadcert differs from k6: executors", and then it must still differ (or the entry is stale).
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { K6_EXECUTOR_CASES, K6_RAMPING_VUS_CASES, type ExecutorConfigCase, type ExecutorPlanWant } from '../../fixtures/k6-cases.ts';
import { validateScenario } from '../../../src/config/validate-scenario.ts';
import { createEngines } from '../../../src/run/engines.ts';
import { planOf, segmentShare, targetsOf } from '../../../src/executors/index.ts';
import { parseSegmentPlan } from '../../../src/plan/index.ts';
import type { HttpWorkload, ScenarioDefinition } from '../../../src/contracts/scenario-types.ts';

const engines = createEngines({ timeoutMs: 1000, headers: {}, isAllowedHost: () => true });

/** The docs/k6-differences.md section that lists every deliberate difference, by its `key:` markers. */
const README = readFileSync(new URL('../../../docs/k6-differences.md', import.meta.url), 'utf8');
const SECTION = /## Where loadcert differs from k6: executors\n([\s\S]*?)\n#{2,3} /.exec(README)?.[1] ?? '';

/** k6's JSON as a loadcert scenario, or undefined when it is no object of workloads (k6 fails to parse it or has none). */
function toScenario(json: string): ScenarioDefinition | undefined {
  let parsed: unknown;
  try { parsed = JSON.parse(json); } catch { return undefined; }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return { baseUrl: 'http://127.0.0.1:1', workloads: parsed } as unknown as ScenarioDefinition;
  const workloads = Object.fromEntries(Object.entries(parsed).map(([k, w]) => [k, typeof w === 'object' && w !== null ? { ...w, steps: [{ path: '/' }] } : w]));
  return { baseUrl: 'http://127.0.0.1:1', workloads } as unknown as ScenarioDefinition;
}

function check(c: ExecutorConfigCase): void {
  const scenario = toScenario(c.json);
  const issues = scenario ? validateScenario(scenario, 'k6.ts', engines) : [{ path: '(json)', message: 'not JSON' }];
  const accepted = issues.length === 0;
  if (c.deliberate) {
    assert.ok(SECTION.includes(`(${c.deliberate})`), `docs/k6-differences.md's executor differences have no entry (${c.deliberate})`);
    assert.notEqual(accepted, c.valid, `listed as a deliberate difference (${c.deliberate}) but loadcert now agrees with k6: drop the mark`);
    return;
  }
  assert.equal(accepted, c.valid, c.valid ? `k6 accepts it; loadcert said ${issues.map((i) => `${i.path}: ${i.message}`).join('; ')}` : 'k6 refuses it; loadcert accepted it');
  for (const want of c.plan ?? []) comparePlan(Object.values(scenario!.workloads)[0] as HttpWorkload, want);
}

function comparePlan(w: HttpWorkload, want: ExecutorPlanWant): void {
  const whole = planOf(w, 0);
  const p = want.segment ? segmentShare(whole, parseSegmentPlan(...want.segment)) : whole;
  const where = want.segment ? ` in ${want.segment[0]}` : '';
  if (want.maxVUs !== undefined) assert.equal(p.plan.maxVUs, want.maxVUs, `maxVUs${where}`);
  if (want.durationMs !== undefined) assert.equal(targetsOf(w).durationMs, want.durationMs, 'duration');
  if (want.iterations !== undefined) {
    assert.equal(p.model, 'closed');
    const got = p.model === 'closed' ? p.plan.sharedIterations ?? p.plan.iterationsPerVU : undefined;
    assert.equal(got, want.iterations, `iterations${where}`);
  }
}

describe('k6 executor config cases', { timeout: 20_000 }, () => {
  for (const [i, c] of [...K6_EXECUTOR_CASES, ...K6_RAMPING_VUS_CASES].entries()) {
    test(`#${i} ${c.json || '(empty)'} -> ${c.valid ? 'valid' : 'refused'}${c.deliberate ? ` (differs: ${c.deliberate})` : ''}`, { timeout: 5_000 }, () => check(c));
  }
});
