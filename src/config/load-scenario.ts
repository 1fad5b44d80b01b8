import { pathToFileURL } from 'node:url';
import { resolve, basename } from 'node:path';
import { existsSync } from 'node:fs';
import { ConfigError } from '../contracts/errors.ts';
import type { ScenarioDefinition } from '../contracts/scenario-types.ts';
import { isPlainObject } from './checks.ts';

/** Imports a scenario file (TypeScript through tsx) and returns its default export, unvalidated. */
export async function importScenario(file: string): Promise<{ scenario: ScenarioDefinition; path: string; name: string }> {
  const path = resolve(file);
  if (!existsSync(path))
    throw new ConfigError([{ file, path: '', message: 'file not found', fix: 'give the path of a scenario file, e.g. scenarios/smoke.ts' }]);
  let mod: { default?: unknown };
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
  return { scenario: scenario as unknown as ScenarioDefinition, path, name };
}

