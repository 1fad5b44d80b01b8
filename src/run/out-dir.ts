// The results folder: created one level at a time (never Node's recursive mkdir, which spins forever under
// /proc), and proven writable with a probe file before any load starts.
import { mkdirSync, readdirSync, rmSync, rmdirSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve, sep } from 'node:path';

/** Outcome of preparing a results folder: the folders created (deepest last), or why it cannot hold results. */
export type OutDirResult = { readonly ok: true; readonly created: readonly string[] } | { readonly ok: false; readonly reason: string };

const MAX_DEPTH = 64;

/**
 * Creates `dir` (and missing parents, one mkdir per level) and writes then deletes a probe file in it.
 * Never throws and never loops: a path that cannot be created names the level and the system's reason.
 */
export function prepareOutDir(dir: string): OutDirResult {
  const target = resolve(dir);
  const missing: string[] = [];
  let p = target;
  for (;;) {
    let isDir: boolean | undefined;
    try { isDir = statSync(p).isDirectory(); } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      if (code !== 'ENOENT' && code !== 'ENOTDIR') return { ok: false, reason: `${p} cannot be read (${code})` };
    }
    if (isDir === false) return { ok: false, reason: `${p} is a file, not a folder` };
    if (isDir) break;
    missing.unshift(p);
    const parent = dirname(p);
    if (parent === p || missing.length > MAX_DEPTH) return { ok: false, reason: `no existing folder above ${target}` };
    p = parent;
  }
  const created: string[] = [];
  for (const m of missing) {
    try { mkdirSync(m); created.push(m); } catch (err) {
      removeCreated(created);
      return { ok: false, reason: `cannot create ${m} (${(err as NodeJS.ErrnoException).code ?? String(err)})` };
    }
  }
  const probe = join(target, `.loadcert-write-test-${process.pid}`);
  try { writeFileSync(probe, ''); unlinkSync(probe); } catch (err) {
    removeCreated(created);
    return { ok: false, reason: `cannot write in ${target} (${(err as NodeJS.ErrnoException).code ?? String(err)})` };
  }
  return { ok: true, created };
}

/** Removes folders `prepareOutDir` created (deepest first) when the run does not start; ignores failures. */
export function removeCreated(created: readonly string[]): void {
  for (const d of [...created].reverse()) { try { rmdirSync(d); } catch { /* not empty or gone: keep it */ } }
}

/** Files whose presence marks a folder as holding a run (one run per folder). */
export const RUN_MARKERS = ['summary.json', 'timeseries.ndjson'] as const;

/** The run markers `dir` already holds (empty when it holds no run or does not exist). */
export function existingRun(dir: string): string[] {
  return RUN_MARKERS.filter((f) => { try { return statSync(join(dir, f)).isFile(); } catch { return false; } });
}

/**
 * Empties `dir` (every entry inside it, the folder itself kept) so a new run replaces the old one whole
 * (`--force`). Refuses a filesystem root or the working folder and its parents; returns why it could not.
 */
export function clearRunFolder(dir: string): string | undefined {
  const target = resolve(dir);
  const cwd = resolve(process.cwd());
  if (target === dirname(target) || cwd === target || cwd.startsWith(target + sep)) return `${target} is the working folder or one above it`;
  try { for (const e of readdirSync(target)) rmSync(join(target, e), { recursive: true, force: true }); } catch (err) {
    return `cannot empty ${target} (${(err as NodeJS.ErrnoException).code ?? String(err)})`;
  }
  return undefined;
}
