// Runs `loadcert run` on a scenario against the stack as a child process, for the tests in test/stack/.
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { requireStack, ROOT } from './stack-env.ts';

/** A finished run: exit code, console output, summary.json (null when none was written), failed requests per second. */
export interface RunOutcome {
  code: number;
  output: string;
  /** Each second of timeseries.ndjson: its start (epoch ms) and how many requests failed in it (http_req_failed). */
  failuresBySecond: { t: number; failed: number }[];
  summary: {
    thresholds: { metric: string; ok: boolean; observed: number | null; label: string }[];
    metrics: Record<string, { values: Record<string, number> } | undefined>;
  } | null;
}

/** Failed requests in each second of a timeseries.ndjson: the `passes` (failed = true) of every http_req_failed series. */
export function failuresPerSecond(file: string): { t: number; failed: number }[] {
  if (!existsSync(file)) return [];
  const out: { t: number; failed: number }[] = [];
  for (const line of readFileSync(file, 'utf8').split('\n')) {
    if (!line.trim()) continue;
    const point = JSON.parse(line) as { t: number; series: Record<string, { passes?: number }> };
    let failed = 0;
    for (const [key, v] of Object.entries(point.series)) if (key === 'http_req_failed' || key.startsWith('http_req_failed{')) failed += v.passes ?? 0;
    out.push({ t: point.t, failed });
  }
  return out;
}

/**
 * Runs `scenario` against `baseUrl` (--base-url) with API_TOKEN and DOCKER_HOST of the stack and `env`,
 * within `timeoutMs` (90 s); `onLoad` is called once, when the first progress line shows that load has started.
 */
export function loadcertRun(scenario: string, baseUrl: string, env: Record<string, string>, onLoad?: () => void, timeoutMs = 90_000): Promise<RunOutcome> {
  const s = requireStack();
  const out = mkdtempSync(path.join(tmpdir(), 'loadcert-stack-'));
  return new Promise((resolve) => {
    const child = execFile(
      process.execPath,
      [path.join(ROOT, 'bin', 'loadcert.mjs'), 'run', scenario, '--base-url', baseUrl, '--out', out],
      { cwd: ROOT, timeout: timeoutMs, env: { ...process.env, API_TOKEN: s.token, DOCKER_HOST: s.dockerHost, ...env } },
      (err, stdout, stderr) => {
        const file = path.join(out, 'summary.json');
        const summary = existsSync(file) ? JSON.parse(readFileSync(file, 'utf8')) : null;
        const failuresBySecond = failuresPerSecond(path.join(out, 'timeseries.ndjson'));
        rmSync(out, { recursive: true, force: true });
        resolve({ code: err ? Number((err as { code?: number }).code ?? 1) : 0, output: stdout + stderr, summary, failuresBySecond });
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
