// `loadcert k8s` writes manifests that pass kubernetes-models' validation (the official OpenAPI schemas)
// after a round trip through YAML, with the Indexed Job, ConfigMap and ReadWriteMany volume the issue asks.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseAllDocuments } from 'yaml';
import { ConfigMap } from 'kubernetes-models/v1/ConfigMap';
import { PersistentVolumeClaim } from 'kubernetes-models/v1/PersistentVolumeClaim';
import { Job } from 'kubernetes-models/batch/v1/Job';
import { ROOT, runCli, tempOut } from '../../helpers/cli.ts';
import { buildK8sManifests } from '../../../src/orchestrate/k8s/manifests.ts';

type Obj = { kind: string; metadata: { name: string; namespace?: string }; [k: string]: any };

/** Rebuilds a typed model from parsed YAML and validates it; throws what the schema rejects. */
function validateParsed(o: Obj): void {
  const model = o.kind === 'ConfigMap' ? new ConfigMap(o as any) : o.kind === 'PersistentVolumeClaim' ? new PersistentVolumeClaim(o as any) : o.kind === 'Job' ? new Job(o as any) : undefined;
  assert.ok(model, `unexpected kind ${o.kind}`);
  model.validate();
}

function readYaml(file: string): Obj[] {
  const docs = parseAllDocuments(readFileSync(file, 'utf8'));
  for (const d of docs) assert.deepEqual(d.errors, [], `${file}: YAML errors`);
  return docs.map((d) => d.toJS() as Obj);
}

test('loadcert k8s writes valid ConfigMap, RWX volume, Indexed Job and merge Job', { timeout: 60_000 }, async () => {
  const out = tempOut('loadcert-k8s-');
  const before = Date.now();
  const r = await runCli(['k8s', 'scenarios/smoke.ts', '--parallelism', '4', '--out', out, '--namespace', 'load', '--name', 'smoke-run', '--image', 'registry.example/loadcert:1', '--start-delay', '2m']);
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout, /kubectl apply -n load -f .*run\.yaml/);
  const run = readYaml(join(out, 'run.yaml'));
  const [merge] = readYaml(join(out, 'merge.yaml'));
  for (const o of [...run, merge]) { validateParsed(o); assert.equal(o.metadata.namespace, 'load'); }
  assert.deepEqual(run.map((o) => o.kind), ['ConfigMap', 'PersistentVolumeClaim', 'Job']);

  const [cm, pvc, job] = run;
  assert.equal(cm.data['smoke.ts'], readFileSync(join(ROOT, 'scenarios/smoke.ts'), 'utf8'));
  assert.deepEqual(JSON.parse(cm.data['thresholds.json']), JSON.parse(readFileSync(join(ROOT, 'thresholds.json'), 'utf8')));
  assert.deepEqual(pvc.spec.accessModes, ['ReadWriteMany']);

  const spec = job.spec;
  assert.equal(spec.completionMode, 'Indexed');
  assert.equal(spec.completions, 4);
  assert.equal(spec.parallelism, 4);
  assert.equal(spec.backoffLimitPerIndex, 0);
  assert.equal(spec.maxFailedIndexes, 0);
  const pod = spec.template.spec;
  assert.equal(pod.restartPolicy, 'Never');
  const c = pod.containers[0];
  assert.equal(c.image, 'registry.example/loadcert:1');
  assert.deepEqual(c.command.slice(0, 2), ['/bin/sh', '-c']);
  const script: string = c.command[2];
  assert.match(script, /case "\$JOB_COMPLETION_INDEX" in 0\) SEGMENT_RANGE=0:1\/4 ;; 1\) SEGMENT_RANGE=1\/4:2\/4 ;; 2\) SEGMENT_RANGE=2\/4:3\/4 ;; 3\) SEGMENT_RANGE=3\/4:1 ;;/);
  const startAt = Number(/--start-at (\d+)/.exec(script)?.[1]);
  assert.ok(startAt >= before + 120_000 && startAt <= Date.now() + 120_000, `start-at ${startAt} is 2 minutes after generation`);
  assert.match(script, /^loadcert run \/app\/loadcert-config\/smoke\.ts --execution-segment "\$SEGMENT_RANGE" --execution-segment-sequence 0,1\/4,2\/4,3\/4,1 --start-at \d+ --out \/results\/segment-"\$JOB_COMPLETION_INDEX" --thresholds \/app\/loadcert-config\/thresholds\.json$/m);
  assert.deepEqual(pod.volumes.map((v: any) => v.configMap?.name ?? v.persistentVolumeClaim?.claimName), ['smoke-run-config', 'smoke-run-results']);

  const mc = merge.spec.template.spec.containers[0];
  assert.deepEqual(mc.command, ['loadcert', 'merge', '/results/segment-0', '/results/segment-1', '/results/segment-2', '/results/segment-3', '--out', '/results/merged', '--thresholds', '/app/loadcert-config/thresholds.json']);
  assert.equal(merge.spec.backoffLimit, 0);
});

test('validate() rejects what the Kubernetes schema rejects (the check is real)', () => {
  const m = buildK8sManifests({ name: 'x', parallelism: 2, image: 'i', scenarioName: 's.ts', scenarioText: '', startAt: 1, timeoutSeconds: 60, storage: '1Gi' });
  const bad = m.run[2].toJSON() as Obj;
  bad.spec.completions = 'two';
  assert.throws(() => new Job(bad as any).validate());
  bad.spec.completions = 2;
  bad.spec.template.spec.restartPolicy = 42;
  assert.throws(() => new Job(bad as any).validate());
});

test('bad options and a bad scenario exit 104, naming each problem', { timeout: 60_000 }, async () => {
  const r = await runCli(['k8s', 'scenarios/smoke.ts', '--parallelism', '0', '--start-delay', '20m', '--name', 'Bad_Name']);
  assert.equal(r.code, 104);
  assert.match(r.stderr, /--parallelism: "0" is not a whole number/);
  assert.match(r.stderr, /--start-delay: the start is more than 10 minutes ahead/);
  assert.match(r.stderr, /--name: "Bad_Name" is not a DNS-1123 label/);
  const out = tempOut('loadcert-k8s-');
  const r2 = await runCli(['k8s', 'scenarios/smoke.ts', '--parallelism', '2', '--out', out, '--base-url', 'http://far.example']);
  assert.equal(r2.code, 104);
  assert.match(r2.stderr, /far\.example" is not loopback/);
});
