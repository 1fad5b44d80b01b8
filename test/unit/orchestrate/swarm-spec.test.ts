// The Swarm service of `loadcert swarm` is the measured recipe: replicated mode (slots 1..N), restart
// condition none, host network, SEGMENT={{.Task.Slot}}, results and config bind-mounted.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { swarmServiceSpec } from '../../../src/orchestrate/swarm/service-spec.ts';
import { failedTasksCode } from '../../../src/orchestrate/swarm/command.ts';

const plan = { name: 'loadcert-x-1', replicas: 3, image: 'loadcert:local', resultsDir: '/data/out', configDir: '/data/out/config', scenarioName: 'x.ts', hasThresholds: true, startAt: 1_800_000_000_000, hostNetworkId: 'net123' };

test('the service spec is replicated with N slots, no restart, host network and the slot as SEGMENT', () => {
  const spec = swarmServiceSpec(plan);
  assert.deepEqual(spec.Mode, { Replicated: { Replicas: 3 } });
  assert.deepEqual(spec.TaskTemplate.RestartPolicy, { Condition: 'none' });
  assert.deepEqual(spec.TaskTemplate.Networks, [{ Target: 'net123' }]);
  const c = spec.TaskTemplate.ContainerSpec;
  assert.deepEqual(c.Env, ['SEGMENT={{.Task.Slot}}']);
  assert.deepEqual(c.Mounts, [
    { Type: 'bind', Source: '/data/out', Target: '/results' },
    { Type: 'bind', Source: '/data/out/config', Target: '/app/loadcert-config', ReadOnly: true },
  ]);
  assert.deepEqual(c.Command.slice(0, 2), ['/bin/sh', '-c']);
  assert.match(c.Command[2], /case "\$SEGMENT" in 1\) SEGMENT_RANGE=0:1\/3 ;; 2\) SEGMENT_RANGE=1\/3:2\/3 ;; 3\) SEGMENT_RANGE=2\/3:1 ;;/);
  assert.match(c.Command[2], /--start-at 1800000000000 --out \/results\/segment-"\$SEGMENT" --thresholds \/app\/loadcert-config\/thresholds\.json/);
});

test('failed tasks: their shared loadcert code (104, 105, 111), else 1', () => {
  const ok = { slot: 1, state: 'complete', exitCode: 0 };
  assert.equal(failedTasksCode([ok, { slot: 2, state: 'failed', exitCode: 104 }, { slot: 3, state: 'failed', exitCode: 104 }]), 104);
  assert.equal(failedTasksCode([ok, { slot: 2, state: 'failed', exitCode: 111 }]), 111);
  assert.equal(failedTasksCode([{ slot: 1, state: 'failed', exitCode: 104 }, { slot: 2, state: 'failed', exitCode: 111 }]), 1);
  assert.equal(failedTasksCode([{ slot: 1, state: 'rejected' }]), 1);
  assert.equal(failedTasksCode([{ slot: 1, state: 'failed', exitCode: 137 }]), 1);
});
