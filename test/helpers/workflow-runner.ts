// Runs the shell steps (`run:`) of a GitHub Actions job locally, in order, as the runner would: bash -eo pipefail,
// GITHUB_OUTPUT / GITHUB_STEP_SUMMARY files, `if:` and `${{ steps.<id>.outputs.<key> }}`. `uses:` steps are
// reported as skipped (they need GitHub); any other expression throws, so the test never guesses.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { exec } from './project.ts';

interface Step { name?: string; id?: string; uses?: string; run?: string; if?: string; env?: Record<string, string> }

/** What happened to one step. */
export interface StepResult { name: string; outcome: 'success' | 'failure' | 'skipped'; reason?: string; out: string }

/** The outcome of a job: its steps and the job summary written. */
export interface JobResult { ok: boolean; steps: StepResult[]; summary: string }

/** Runs the job's `run:` steps in `cwd`; `skip` names steps not to run (e.g. the install step that needs a registry). */
export async function runJobSteps(job: { env?: Record<string, string>; steps: Step[] }, cwd: string, o: { ref: string; env?: Record<string, string>; skip?: string[] }): Promise<JobResult> {
  const tmp = mkdtempSync(join(tmpdir(), 'loadcert-runner-'));
  const summaryFile = join(tmp, 'step-summary.md');
  writeFileSync(summaryFile, '');
  const outputs: Record<string, Record<string, string>> = {};
  const steps: StepResult[] = [];
  let failed = false;
  const expr = (text: string): string => text.replace(/\$\{\{\s*([^}]*?)\s*\}\}/g, (_, e: string) => {
    const m = /^steps\.([\w-]+)\.outputs\.([\w-]+)$/.exec(e);
    if (!m) throw new Error(`expression not supported by the test runner: ${e}`);
    return outputs[m[1]]?.[m[2]] ?? '';
  });
  const shouldRun = (cond: string | undefined): boolean => {
    if (cond === undefined) return !failed;
    if (cond === 'always()') return true;
    if (cond === "github.ref == 'refs/heads/main'") return !failed && o.ref === 'refs/heads/main';
    throw new Error(`if: not supported by the test runner: ${cond}`);
  };
  for (const [i, step] of job.steps.entries()) {
    const name = step.name ?? step.uses ?? step.run ?? `step ${i}`;
    if (step.uses) { steps.push({ name, outcome: 'skipped', reason: 'uses an action (GitHub only)', out: '' }); continue; }
    if (o.skip?.includes(name)) { steps.push({ name, outcome: 'skipped', reason: 'skipped by the test', out: '' }); continue; }
    if (!shouldRun(step.if)) { steps.push({ name, outcome: 'skipped', reason: `if: ${step.if ?? 'success()'}`, out: '' }); continue; }
    const outFile = join(tmp, `output-${i}`);
    writeFileSync(outFile, '');
    const env: Record<string, string> = { ...(job.env ?? {}), ...(o.env ?? {}), GITHUB_OUTPUT: outFile, GITHUB_STEP_SUMMARY: summaryFile, RUNNER_TEMP: tmp, GITHUB_REF: o.ref };
    for (const [k, v] of Object.entries(step.env ?? {})) env[k] = expr(String(v));
    const r = await exec('bash', ['--noprofile', '--norc', '-eo', 'pipefail', '-c', expr(step.run!)], cwd, env, 180_000);
    if (step.id) outputs[step.id] = Object.fromEntries(readFileSync(outFile, 'utf8').split('\n').filter((l) => l.includes('=')).map((l) => [l.slice(0, l.indexOf('=')), l.slice(l.indexOf('=') + 1)]));
    const ok = r.code === 0;
    if (!ok) failed = true;
    steps.push({ name, outcome: ok ? 'success' : 'failure', out: r.out });
  }
  return { ok: !failed, steps, summary: readFileSync(summaryFile, 'utf8') };
}
