import { pathToFileURL } from 'node:url';
import { resolve, basename } from 'node:path';
import { existsSync } from 'node:fs';
import { ConfigError } from '../contracts/errors.ts';
import type { ScenarioDefinition } from '../contracts/scenario-types.ts';
import { isPlainObject } from './checks.ts';
import { ensureTypeScriptLoader } from './typescript-loader.ts';

/** k6's `export function handleSummary(data)`: returns files to write (path, `stdout` or `stderr` to content). */
export type HandleSummary = (data: unknown) => unknown;

/** Imports a scenario file (TypeScript through tsx) and returns its default export (unvalidated) and its `handleSummary` export if any. */
export async function importScenario(file: string): Promise<{ scenario: ScenarioDefinition; path: string; name: string; handleSummary?: HandleSummary }> {
  const path = resolve(file);
  if (!existsSync(path))
    throw new ConfigError([{ file, path: '', message: 'file not found', fix: 'give the path of a scenario file, e.g. scenarios/smoke.ts' }]);
  let mod: { default?: unknown; handleSummary?: unknown };
  await ensureTypeScriptLoader();
  try {
    mod = await import(pathToFileURL(path).href);
  } catch (err) {
    const msg = (err as Error).message?.split('\n')[0] ?? String(err);
    throw new ConfigError([{ file, path: '', message: `cannot be loaded: ${msg}`, fix: 'fix the error above (run `npx tsc --noEmit` for type errors)' }]);
  }
  const scenario = mod.default;
  if (!isPlainObject(scenario))
    throw new ConfigError([{ file, path: 'default export', message: 'is not a scenario object', fix: "end the file with `export default defineScenario({ baseUrl: ..., workloads: {...} })`" }]);
  const name = typeof scenario.name === 'string' && scenario.name ? scenario.name : basename(path).replace(/\.[cm]?[jt]s$/, '');
  if (mod.handleSummary !== undefined && typeof mod.handleSummary !== 'function')
    throw new ConfigError([{ file, path: 'handleSummary', message: `the handleSummary export must be a function, got ${typeof mod.handleSummary}`, fix: 'write `export function handleSummary(data) { return { "summary.html": ... } }` or remove the export' }]);
  const handleSummary = mod.handleSummary as HandleSummary | undefined;
  return { scenario: scenario as unknown as ScenarioDefinition, path, name, ...(handleSummary ? { handleSummary } : {}) };
}

