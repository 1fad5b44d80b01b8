// Benchmark plumbing: pinned child processes, RSS sampling, the demo target as a child.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';

/** Repository root. */
export const ROOT = fileURLToPath(new URL('../../', import.meta.url));

/** True when taskset exists and the machine has at least 2 cores (pinning is meaningful). */
export const CAN_PIN = spawnSync('taskset', ['-c', '0', 'true']).status === 0;

/** Prefixes a command with `taskset -c CORE` when pinning is available. */
export function pinned(core: number, cmd: string, args: string[]): [string, string[]] {
  return CAN_PIN ? ['taskset', ['-c', String(core), cmd, ...args]] : [cmd, args];
}

/** Runs a command to completion, returning stdout, stderr, exit code and the peak RSS (kB) seen while it ran. */
export function runMeasured(cmd: string, args: string[], env: Record<string, string> = {}): Promise<{ code: number | null; stdout: string; stderr: string; peakRssKb: number }> {
  return new Promise((resolve) => {
    const child = spawn(cmd, args, { cwd: ROOT, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '', stderr = '', peak = 0;
    child.stdout!.on('data', (d) => (stdout += d));
    child.stderr!.on('data', (d) => (stderr += d));
    const sampler = setInterval(() => { peak = Math.max(peak, rssOfTree(child.pid!)); }, 250);
    child.on('exit', (code) => { clearInterval(sampler); resolve({ code, stdout, stderr, peakRssKb: peak }); });
  });
}

/** RSS in kB of a process (the deepest node process under a taskset wrapper counts). */
export function rssOfTree(pid: number): number {
  let total = 0;
  try {
    const m = /VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    total = m ? Number(m[1]) : 0;
    const children = readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8').trim().split(/\s+/).filter(Boolean);
    for (const c of children) total = Math.max(total, rssOfTree(Number(c)));
  } catch { /* exited */ }
  return total;
}

/** Starts the demo target pinned to core 0; resolves with its URL and a stop function. */
export function startTarget(): Promise<{ url: string; child: ChildProcess; stop(): void }> {
  const [cmd, args] = pinned(0, process.execPath, ['--import', 'tsx', join(ROOT, 'src/target/main.ts'), '--port', '0']);
  const child = spawn(cmd, args, { cwd: ROOT, stdio: ['ignore', 'pipe', 'inherit'] });
  return new Promise((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (d) => {
      out += d;
      const m = /listening on (http:\/\/\S+)/.exec(out);
      if (m) resolve({ url: m[1], child, stop: () => child.kill('SIGTERM') });
    });
    child.on('exit', (c) => reject(new Error(`demo target exited ${c}`)));
  });
}

/** The node flags on bin/loadcert.mjs's `#!/usr/bin/env -S node FLAGS` line (what `npx loadcert` runs with), so benches measure the same. */
export function binFlags(root: string = ROOT): string[] {
  const first = readFileSync(join(root, 'bin/loadcert.mjs'), 'utf8').split('\n', 1)[0];
  const m = /^#!\/usr\/bin\/env -S node (.+)$/.exec(first);
  return m ? m[1].trim().split(/\s+/) : [];
}

/** Runs `loadcert run <scenario>` pinned to core 1 and returns its summary.json and peak RSS; `root` picks another checkout's loadcert. */
export async function loadcertRun(scenario: string, baseUrl: string, outDir: string, env: Record<string, string>, root: string = ROOT) {
  const [cmd, args] = pinned(1, process.execPath, [...binFlags(root), join(root, 'bin/loadcert.mjs'), 'run', join(ROOT, 'bench/scenarios', scenario), '--base-url', baseUrl, '--out', outDir, '--skip-preflight']);
  const r = await runMeasured(cmd, args, env);
  // 113 (NO CRITERIA): the closed and iterations bench scenarios measure without criteria; their figures are in summary.json.
  // 112 (INCOMPLETE): a closed-model bench drives the generator to its limit on purpose, so it reports itself saturated.
  if (r.code !== 0 && r.code !== 113 && r.code !== 112) throw new Error(`loadcert exited ${r.code}: ${r.stderr.slice(-2000)}`);
  const summary = JSON.parse(readFileSync(join(outDir, 'summary.json'), 'utf8'));
  return { summary, peakRssKb: r.peakRssKb };
}
