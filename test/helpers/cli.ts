// Runs the real loadcert command line in a child process and collects its output.
import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { RunSummary } from '../../src/contracts/summary-types.ts';

/** Repository root. */
export const ROOT = fileURLToPath(new URL('../../', import.meta.url));
/** The loadcert executable. */
export const BIN = join(ROOT, 'bin', 'loadcert.mjs');

/** Output of a finished command. */
export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Starts `loadcert ...args` (cwd = repository root); `onStderr` sees progress as it comes. */
export function startCli(args: string[], onStderr?: (text: string, child: ChildProcess) => void): { child: ChildProcess; result: Promise<CliResult> } {
  const child = spawn(process.execPath, [BIN, ...args], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, GITHUB_STEP_SUMMARY: '' } });
  let stdout = '';
  let stderr = '';
  child.stdout!.on('data', (d) => (stdout += d));
  child.stderr!.on('data', (d) => { stderr += d; onStderr?.(stderr, child); });
  const killer = setTimeout(() => child.kill('SIGKILL'), 120_000);
  const result = new Promise<CliResult>((resolve) => child.on('exit', (code) => { clearTimeout(killer); resolve({ code, stdout, stderr }); }));
  return { child, result };
}

/** Runs `loadcert ...args` to the end. */
export function runCli(args: string[]): Promise<CliResult> {
  return startCli(args).result;
}

/** A fresh temporary folder for a run's results. */
export function tempOut(prefix = 'loadcert-test-'): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

/** Reads summary.json of a results folder. */
export function readSummary(dir: string): RunSummary {
  return JSON.parse(readFileSync(join(dir, 'summary.json'), 'utf8')) as RunSummary;
}

/** Path of a fixture scenario. */
export function fixture(name: string): string {
  return join(ROOT, 'test', 'fixtures', 'scenarios', name);
}
