// The GitHub Actions template's own shell steps, run against the demo target in a project `loadcert init` wrote:
// a certified run on main passes the gate and is published (becoming the baseline); a run that is NOT
// CERTIFIED fails the job, is compared with that baseline, and is not published.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { runInitCommand } from '../../../src/init/command.ts';
import { readHistory } from '../../../src/history/history.ts';
import { linkLoadcert, tempProject } from '../../helpers/project.ts';
import { runJobSteps } from '../../helpers/workflow-runner.ts';

const quiet = { out: () => {}, err: () => {} };

test('workflow steps: certified run on main passes and is published; a NOT CERTIFIED run fails the job and is not', { timeout: 300_000 }, async () => {
  const dir = tempProject('loadcert-ci-');
  assert.equal(await runInitCommand([dir, '--ci', 'github'], quiet), 0);
  linkLoadcert(dir);
  const wf = parse(readFileSync(join(dir, '.github/workflows/loadcert.yml'), 'utf8'));
  const job = wf.jobs.certify;
  const main = { ref: 'refs/heads/main', env: { LOADCERT_RUN_ARGS: '--demo-target' }, skip: ['Install'] };

  const first = await runJobSteps(job, dir, main);
  const byName = (r: typeof first, n: string) => r.steps.find((s) => s.name === n)!;
  assert.equal(first.ok, true, first.steps.map((s) => `${s.name}: ${s.outcome}\n${s.out}`).join('\n'));
  assert.match(byName(first, 'Compare with the last certified run').out, /no CERTIFIED run in .* yet/);
  assert.equal(byName(first, 'Publish to the history').outcome, 'success');
  assert.match(first.summary, /CERTIFIED/, 'summary.md went to the job summary');
  assert.match(first.summary, /Compared with the last certified run/);
  const hist = join(dir, '.loadcert/history');
  const entries = await readHistory(hist);
  assert.deepEqual(entries.map((e) => e.verdict), ['CERTIFIED']);
  assert.ok(existsSync(join(hist, 'runs', entries[0].id, 'report.html')), 'the index links an existing report');
  assert.ok(readFileSync(join(hist, 'index.html'), 'utf8').includes(`runs/${entries[0].id}/report.html`));
  for (const f of ['report.html', 'summary.json', 'summary.md', 'junit.xml']) assert.ok(existsSync(join(dir, 'reports/ci', f)), `${f} for the artefact upload`);

  // next push: a fresh checkout (no reports/), the history restored from the cache; this build misses a criterion
  rmSync(join(dir, 'reports'), { recursive: true, force: true });
  writeFileSync(join(dir, 'strict.json'), JSON.stringify({ http_req_duration: [{ threshold: 'p(95)<0.001', label: 'impossible p95' }] }));
  const second = await runJobSteps(job, dir, { ...main, env: { LOADCERT_RUN_ARGS: '--demo-target --thresholds strict.json' } });
  assert.equal(second.ok, false, 'the job fails on NOT CERTIFIED');
  assert.match(byName(second, 'Run and certify').out, /NOT CERTIFIED/);
  assert.match(byName(second, 'Compare with the last certified run').out, /baseline: the last CERTIFIED run of/);
  assert.equal(byName(second, 'Gate on the verdict and on regressions').outcome, 'failure');
  assert.match(byName(second, 'Gate on the verdict and on regressions').out, /loadcert run exit 99/);
  assert.equal(byName(second, 'Publish to the history').outcome, 'skipped');
  assert.equal((await readHistory(hist)).length, 1, 'not published');
});

test('on a pull request the history is only read', { timeout: 120_000 }, async () => {
  const dir = tempProject('loadcert-ci-');
  assert.equal(await runInitCommand([dir, '--ci', 'github'], quiet), 0);
  linkLoadcert(dir);
  const job = parse(readFileSync(join(dir, '.github/workflows/loadcert.yml'), 'utf8')).jobs.certify;
  const r = await runJobSteps(job, dir, { ref: 'refs/pull/7/merge', env: { LOADCERT_RUN_ARGS: '--demo-target' }, skip: ['Install'] });
  assert.equal(r.ok, true, r.steps.map((s) => `${s.name}: ${s.outcome}\n${s.out}`).join('\n'));
  assert.equal(r.steps.find((s) => s.name === 'Publish to the history')!.outcome, 'skipped');
  assert.equal(existsSync(join(dir, '.loadcert/history/history.json')), false);
});
