// Makes TypeScript files importable at run time (scenario files), whether loadcert runs from its sources or from dist/.
import { register as registerHooks } from 'node:module';

/** True when this module itself was loaded as TypeScript: loadcert runs from its sources and a TS loader (tsx) is active in this thread. */
export const RUNS_FROM_SOURCES: boolean = import.meta.url.endsWith('.ts');

let ready = false;

/**
 * Prepares this thread (once) to import a scenario file: from dist/, registers tsx; from the sources, where
 * tsx is already active, registers self-resolve-hook.mjs so the scenario's 'loadcert' is these sources.
 */
export async function ensureTypeScriptLoader(): Promise<void> {
  if (ready) return;
  ready = true;
  if (RUNS_FROM_SOURCES) {
    registerHooks(new URL('./self-resolve-hook.mjs', import.meta.url), { data: { index: new URL('../index.ts', import.meta.url).href } });
    return;
  }
  const { register } = await import('tsx/esm/api');
  register();
}
