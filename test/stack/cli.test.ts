// `loadcert run` against the real stack: a short run certifies; the health-401 fault stops it before
// load with exit 111 naming the cause; a slow query fails the DB-time criterion from Server-Timing
// with exit 99; a crashed API container shows as a restart and failed availability.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { authed, requireStack, ROOT, skipUnlessStack } from './stack-env.ts';
import { loadcertRun as runScenario, type RunOutcome } from './loadcert-run.ts';
import { startReplica, TEST_PORT_BASE, type TestReplica } from './replicas.ts';

const skip = skipUnlessStack();
const SCENARIO = path.join(ROOT, 'test', 'stack', 'fixtures', 'stack-short.ts');

/** Runs the short scenario against `baseUrl`. */
const loadcertRun = (baseUrl: string, env: Record<string, string>, onLoad?: () => void): Promise<RunOutcome> => runScenario(SCENARIO, baseUrl, env, onLoad);

const criterion = (r: RunOutcome, metric: string) => r.summary?.thresholds.find((t) => t.metric === metric);

describe('loadcert run against the enterprise-docs stack', { skip }, () => {
  const replicas: TestReplica[] = [];
  after(async () => {
    await Promise.all(replicas.map((r) => r.stop()));
  });

  test('a short run over the API mix with the bearer token is certified (exit 0)', async () => {
    const r = await loadcertRun(requireStack().baseUrl, {});
    assert.equal(r.code, 0, r.output);
    const db = criterion(r, 'server_timing{name:db}');
    assert.ok(db?.ok && typeof db.observed === 'number' && db.observed > 0, JSON.stringify(db));
  });

  test('with the health-401 switch on, loadcert run exits 111 before load and names the cause', async () => {
    const replica = await startReplica('enterprise-docs-test-cli401', TEST_PORT_BASE + 5, { HEALTH_REQUIRE_AUTH: 'true' });
    replicas.push(replica);
    const r = await loadcertRun(replica.url, {});
    assert.equal(r.code, 111, r.output);
    assert.match(r.output, /401/);
    assert.match(r.output, /\/health/);
    assert.match(r.output, /auth|anonymous/i);
  });

  test('with the slow-query switch on, the DB-time criterion fails from Server-Timing (exit 99)', async () => {
    const replica = await startReplica('enterprise-docs-test-clislow', TEST_PORT_BASE + 6, { FAULT_SLOW_QUERY_MS: '150' });
    replicas.push(replica);
    const r = await loadcertRun(replica.url, { STACK_SHORT_RATE: '20' });
    assert.equal(r.code, 99, r.output);
    const db = criterion(r, 'server_timing{name:db}');
    assert.equal(db?.ok, false, JSON.stringify(db));
    assert.ok((db?.observed ?? 0) > 100, JSON.stringify(db));
  });

  test('crashing the API container mid-run shows as a restart and failed availability (exit 99)', async () => {
    const s = requireStack();
    const replica = await startReplica('enterprise-docs-test-clicrash', TEST_PORT_BASE + 7);
    replicas.push(replica);
    let crashed: Promise<void> = Promise.resolve();
    const r = await loadcertRun(replica.url, { STACK_SHORT_RATE: '20', STACK_SHORT_DURATION: '10s', STACK_SHORT_CONTAINER: replica.name }, () => {
      crashed = new Promise((res) => setTimeout(res, 1500)).then(async () => {
        await (await authed(s, '/__admin/crash', { method: 'POST' }, replica.url)).arrayBuffer();
      });
    });
    await crashed;
    assert.equal(r.code, 99, r.output);
    const restarts = criterion(r, 'container_restarts');
    assert.equal(restarts?.ok, false, JSON.stringify(restarts));
    assert.ok((restarts?.observed ?? 0) >= 1);
    const availability = criterion(r, 'availability');
    assert.equal(availability?.ok, false, JSON.stringify(availability));
  });
});
