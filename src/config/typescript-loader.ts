// Makes TypeScript files importable at run time (scenario files), whether loadcert runs from its sources or from dist/.
import { register as registerHooks } from 'node:module';
import { fileURLToPath } from 'node:url';

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

/**
 * Node arguments that run the entry module `name` (no extension) beside the module at `base` (its
 * import.meta.url) in a child process: from the sources its .ts through tsx, from dist/ its compiled .js.
 */
export function childEntryArgs(base: string, name: string): string[] {
  const file = fileURLToPath(new URL(`./${name}${RUNS_FROM_SOURCES ? '.ts' : '.js'}`, base));
  return RUNS_FROM_SOURCES ? ['--import', tsxLoaderUrl(), file] : [file];
}

/** The tsx loader as an absolute URL, so the child works whatever its working directory. */
function tsxLoaderUrl(): string {
  try {
    return import.meta.resolve('tsx');
  } catch {
    return 'tsx';
  }
}
