// Runs `loadcert run` on a scenario against the stack as a child process, for the tests in test/stack/.
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { requireStack, ROOT } from './stack-env.ts';

/** A finished run: exit code, console output and summary.json (null when none was written). */
export interface RunOutcome {
  code: number;
  output: string;
  summary: {
    thresholds: { metric: string; ok: boolean; observed: number | null; label: string }[];
    metrics: Record<string, { values: Record<string, number> } | undefined>;
  } | null;
}

/**
 * Runs `scenario` against `baseUrl` (--base-url) with API_TOKEN and DOCKER_HOST of the stack and `env`,
 * within 90 s; `onLoad` is called once, when the first progress line shows that load has started.
 */
export function loadcertRun(scenario: string, baseUrl: string, env: Record<string, string>, onLoad?: () => void): Promise<RunOutcome> {
  const s = requireStack();
  const out = mkdtempSync(path.join(tmpdir(), 'loadcert-stack-'));
  return new Promise((resolve) => {
    const child = execFile(
      process.execPath,
      [path.join(ROOT, 'bin', 'loadcert.mjs'), 'run', scenario, '--base-url', baseUrl, '--out', out],
      { cwd: ROOT, timeout: 90_000, env: { ...process.env, API_TOKEN: s.token, DOCKER_HOST: s.dockerHost, ...env } },
      (err, stdout, stderr) => {
        const file = path.join(out, 'summary.json');
        const summary = existsSync(file) ? JSON.parse(readFileSync(file, 'utf8')) : null;
        rmSync(out, { recursive: true, force: true });
        resolve({ code: err ? Number((err as { code?: number }).code ?? 1) : 0, output: stdout + stderr, summary });
      },
    );
    let loading = false;
    const watch = (chunk: Buffer | string) => {
      if (!loading && String(chunk).includes('[progress]')) {
        loading = true;
        onLoad?.();
      }
    };
    child.stdout?.on('data', watch);
    child.stderr?.on('data', watch);
  });
}
