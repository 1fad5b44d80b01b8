// A generated loadcert project in a temp folder, with `loadcert`, @types/node and the loadcert bin linked
// to this repository's sources (no build, no registry). test/package/ installs the packed package instead.
import { mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawn } from 'node:child_process';
import { BIN, ROOT } from './cli.ts';

/** A fresh temp folder for a project. */
export function tempProject(prefix = 'loadcert-init-'): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

/**
 * Makes node_modules/loadcert (a stub whose types are this checkout's src/index.ts: the package's own exports
 * point at dist/, which a checkout need not have built), and links node_modules/@types/node and
 * node_modules/.bin/loadcert into `dir`. At run time the bin gives scenarios these sources (config/typescript-loader.ts).
 */
export function linkLoadcert(dir: string): void {
  mkdirSync(join(dir, 'node_modules', '.bin'), { recursive: true });
  mkdirSync(join(dir, 'node_modules', '@types'), { recursive: true });
  const stub = join(dir, 'node_modules', 'loadcert');
  mkdirSync(stub);
  writeFileSync(join(stub, 'package.json'), JSON.stringify({ name: 'loadcert', type: 'module', exports: { '.': './index.ts' } }));
  writeFileSync(join(stub, 'index.ts'), `export * from ${JSON.stringify(join(ROOT, 'src', 'index.ts'))};\n`);
  symlinkSync(join(ROOT, 'node_modules', '@types', 'node'), join(dir, 'node_modules', '@types', 'node'), 'dir');
  symlinkSync(BIN, join(dir, 'node_modules', '.bin', 'loadcert'));
}

/** Runs a command in `cwd` to its end (killed after `timeoutMs`); resolves exit code and output. */
export function exec(cmd: string, args: string[], cwd: string, env: NodeJS.ProcessEnv = {}, timeoutMs = 120_000): Promise<{ code: number | null; out: string }> {
  return new Promise((resolve) => {
    const child = spawn(cmd, args, { cwd, env: { ...process.env, GITHUB_STEP_SUMMARY: '', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (out += d));
    const killer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.on('exit', (code) => { clearTimeout(killer); resolve({ code, out }); });
  });
}

/** `tsc --noEmit -p dir` with this repository's TypeScript. */
export function typecheck(dir: string) {
  return exec(process.execPath, [join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc'), '--noEmit', '-p', dir], dir);
}

/**
 * Runs `loadcert ...args` in `cwd`, again (at most `attempts` times) while it ends INCOMPLETE 112 because the
 * load generator was saturated: a busy shared machine, no evidence about what is under test.
 */
export async function runLoadcertUnlessSaturated(args: (attempt: number) => string[], cwd: string, attempts = 3): Promise<{ code: number | null; out: string }> {
  for (let attempt = 1; ; attempt++) {
    const r = await exec(process.execPath, [BIN, ...args(attempt)], cwd);
    if (r.code === 112 && /generator was saturated/.test(r.out) && attempt < attempts) continue;
    return r;
  }
}
