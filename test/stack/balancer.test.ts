// The resilience parts of the reference system (scenarios/enterprise-docs-resilience.ts): HAProxy with active
// health checks routes around a replica killed through the Docker API (a run through it certifies with bounded
// errors, and none from 3 s after the kill; without the checks the same kill fails it), the containers' restart policy brings back a replica whose
// process died and the balancer takes it back, and the slow-query switch of /__admin/faults adds at least 200 ms
// to a query endpoint until its undo. Own replicas and balancers on TEST_PORT_BASE+20..23, always removed.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import Docker from 'dockerode';
import { authed, parseServerTiming, requireStack, ROOT, skipUnlessStack, type StackEnv } from './stack-env.ts';
import { startReplica, TEST_PORT_BASE, type TestReplica } from './replicas.ts';
import { startBalancer, type TestBalancer } from './balancer-env.ts';
import { loadcertRun, type RunOutcome } from './loadcert-run.ts';

const skip = skipUnlessStack();
const SCENARIO = path.join(ROOT, 'test', 'stack', 'fixtures', 'stack-balanced.ts');
const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/** Polls `cond` every 250 ms until it holds or `ms` passed; returns whether it held. */
async function eventually(cond: () => Promise<boolean>, ms: number): Promise<boolean> {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    if (await cond().catch(() => false)) return true;
    await sleep(250);
  }
  return false;
}

const failedRate = (r: RunOutcome): number => r.summary?.metrics['http_req_failed']?.values['rate'] ?? NaN;
const requests = (r: RunOutcome): number => r.summary?.metrics['http_reqs']?.values['count'] ?? 0;

describe('load balancer, restart policy and the slow-query switch', { skip }, () => {
  let s: StackEnv;
  let docker: Docker;
  const replicas: TestReplica[] = [];
  let checked: TestBalancer;
  let unchecked: TestBalancer;

  before(async () => {
    s = requireStack();
    docker = new Docker({ socketPath: s.dockerHost.replace(/^unix:\/\//, '') });
    replicas.push(await startReplica('enterprise-docs-test-lb1', TEST_PORT_BASE + 20));
    replicas.push(await startReplica('enterprise-docs-test-lb2', TEST_PORT_BASE + 21));
    const ports = replicas.map((r) => r.port);
    checked = await startBalancer('enterprise-docs-test-lb', TEST_PORT_BASE + 22, ports, true);
    unchecked = await startBalancer('enterprise-docs-test-lb-nocheck', TEST_PORT_BASE + 23, ports, false);
  });
  after(async () => {
    await Promise.allSettled([checked?.stop(), unchecked?.stop(), ...replicas.map((r) => r.stop())]);
  });

  /** Starts replica 2 again when it is not running and waits until it and the checked balancer's api-2 are up. */
  async function replica2Up(): Promise<void> {
    const c = docker.getContainer(replicas[1].name);
    if (!(await c.inspect()).State.Running) await c.start();
    assert.ok(await eventually(async () => (await fetch(`${replicas[1].url}/health`)).status === 200, 60_000), 'replica 2 answers /health');
    assert.ok(await eventually(async () => (await checked.states())['api-2'] === 'UP', 30_000), 'the balancer has api-2 UP');
  }

  /**
   * A run through `balancer` during which replica 2 is killed through the Docker API 3 s after load started;
   * `lateFailures` counts the requests that failed in the seconds starting 3 s or more after the kill, when the
   * health checks (DOWN after 2 failed checks 250-500 ms apart) have long taken it out.
   */
  async function runWithKill(balancer: TestBalancer): Promise<RunOutcome & { lateFailures: number }> {
    let killedAt = 0;
    let killed: Promise<unknown> = Promise.resolve();
    const run = await loadcertRun(SCENARIO, balancer.url, {}, () => {
      killed = sleep(3000).then(() => {
        killedAt = Date.now();
        return docker.getContainer(replicas[1].name).kill();
      });
    });
    await killed;
    assert.ok(killedAt > 0, 'the replica was killed during the run');
    const lateFailures = run.failuresBySecond.filter((x) => x.t >= killedAt + 3000).reduce((n, x) => n + x.failed, 0);
    return { ...run, lateFailures };
  }

  test('with health checks, a replica killed through the Docker API is routed around: the run certifies, no error after the checks took it out', async () => {
    await replica2Up();
    const r = await runWithKill(checked);
    assert.equal(r.code, 0, r.output);
    assert.ok(requests(r) >= 500, `load was driven: ${requests(r)} requests`);
    assert.ok(failedRate(r) < 0.05, `error rate ${failedRate(r)}`);
    assert.ok(r.failuresBySecond.length >= 8, `a time series was written: ${r.failuresBySecond.length} seconds`);
    assert.equal(r.lateFailures, 0, `requests failed 3 s or more after the kill: ${JSON.stringify(r.failuresBySecond)}`);
    assert.match((await checked.states())['api-2'], /^DOWN/, 'the balancer marked the killed replica DOWN');
    // Docker disables the restart policy of a container killed through its API (docker kill): it stays down,
    // so the resilience scenario's container.kill is survived by failover alone.
    await sleep(2000);
    assert.equal((await docker.getContainer(replicas[1].name).inspect()).State.Running, false, 'a killed container is not restarted by its policy');
  });

  test('without health checks (and so without redispatch) the same kill fails the run on errors (exit 99)', async () => {
    await replica2Up();
    const r = await runWithKill(unchecked);
    assert.equal(r.code, 99, r.output);
    assert.ok(failedRate(r) > 0.1, `error rate ${failedRate(r)}: the dead replica kept its share`);
    assert.ok(r.lateFailures > 0, 'requests kept failing long after the kill');
  });

  test('the restart policy brings back a replica whose process died, and the balancer takes it back', async () => {
    await replica2Up();
    const c = docker.getContainer(replicas[1].name);
    const before = await c.inspect();
    assert.equal(before.HostConfig.RestartPolicy?.Name, 'on-failure');
    // SIGKILL to the container's main process from the host: to Docker a crash (exit 137), not an operator's kill.
    process.kill(before.State.Pid, 'SIGKILL');
    let sawDown = false;
    const back = await eventually(async () => {
      const state = (await checked.states())['api-2'];
      if (/^DOWN/.test(state)) sawDown = true;
      const now = await c.inspect();
      return now.RestartCount > before.RestartCount && now.State.Running && state === 'UP' && (await fetch(`${replicas[1].url}/health`)).status === 200;
    }, 90_000);
    assert.ok(back, 'restarted by its policy, healthy, and UP in the balancer again');
    assert.equal((await c.inspect()).RestartCount, before.RestartCount + 1);
    assert.ok(sawDown, 'the balancer had marked it DOWN meanwhile');
  });

  test('/__admin/faults slowQueryMs 200 adds at least 200 ms to a query endpoint of that replica; its undo removes it', async () => {
    const [r1, r2] = replicas;
    const faults = (base: string, body: object): Promise<Response> =>
      authed(s, '/__admin/faults', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }, base);
    const query = async (base: string): Promise<{ ms: number; db: number }> => {
      const t0 = performance.now();
      const res = await authed(s, '/api/documents?page=3&pageSize=20', {}, base);
      await res.arrayBuffer();
      assert.equal(res.status, 200);
      return { ms: performance.now() - t0, db: parseServerTiming(res.headers.get('server-timing')).db };
    };
    // Without the switch a query's db time is far below 200 ms; the fastest of 3 is taken, so one slowed by this
    // shared machine's load does not count as the switch.
    const fastest = async (base: string): Promise<number> => Math.min((await query(base)).db, (await query(base)).db, (await query(base)).db);
    await replica2Up();
    assert.ok((await fastest(r1.url)) < 200, 'not slow before the switch');
    const on = await faults(r1.url, { slowQueryMs: 200 });
    assert.equal(((await on.json()) as { slowQueryMs: number }).slowQueryMs, 200);
    try {
      for (let i = 0; i < 3; i++) {
        const q = await query(r1.url);
        assert.ok(q.db >= 200 && q.ms >= 200, `with the switch: db ${q.db} ms, response ${q.ms.toFixed(0)} ms`);
      }
      // The switch is a replica's own state: the scenario sends it to every replica.
      const other = (await (await authed(s, '/__admin/faults', {}, r2.url)).json()) as { slowQueryMs: number };
      assert.equal(other.slowQueryMs, 0, 'the other replica is not slowed');
    } finally {
      await (await faults(r1.url, { slowQueryMs: 0 })).arrayBuffer();
    }
    assert.ok((await fastest(r1.url)) < 200, 'the undo removed the added time');
  });
});
