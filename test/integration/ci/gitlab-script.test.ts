// The GitLab CI template's own script, run against the demo target on the default branch: a build that misses
// a criterion fails the job (the gate line) and is not published; the artefact files are there.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { runInitCommand } from '../../../src/init/command.ts';
import { exec, linkLoadcert, tempProject } from '../../helpers/project.ts';

test('GitLab script: NOT CERTIFIED fails the job, nothing published, artefacts written', { timeout: 180_000 }, async () => {
  const dir = tempProject('loadcert-gitlab-');
  assert.equal(await runInitCommand([dir, '--ci', 'gitlab'], { out: () => {}, err: () => {} }), 0);
  linkLoadcert(dir);
  const ci = parse(readFileSync(join(dir, '.gitlab-ci.yml'), 'utf8'));
  const job = ci.loadcert;
  const script: string[] = job.script.filter((l: string) => l !== 'npm ci'); // the install needs a registry
  const onDefault = job.rules.find((r: { if?: string }) => r.if === '$CI_COMMIT_BRANCH == $CI_DEFAULT_BRANCH').variables;
  writeFileSync(join(dir, 'strict.json'), JSON.stringify({ http_req_duration: [{ threshold: 'p(95)<0.001', label: 'impossible p95' }] }));
  const env = { ...ci.variables, ...onDefault, LOADCERT_RUN_ARGS: '--demo-target --thresholds strict.json' };
  const r = await exec('bash', ['--noprofile', '--norc', '-eo', 'pipefail', '-c', script.join('\n')], dir, env, 170_000);
  assert.notEqual(r.code, 0, r.out);
  assert.match(r.out, /loadcert run exit (99|112) \(0 = CERTIFIED\)/);
  assert.equal(existsSync(join(dir, '.loadcert/history/history.json')), false, 'not published');
  for (const p of job.artifacts.paths.filter((p: string) => p.startsWith('reports/'))) assert.ok(existsSync(join(dir, p)), p);
});
