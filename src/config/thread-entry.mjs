// The one way a worker thread's .mjs entry loads its module: in the package (dist/) the compiled NAME.js
// beside the entry; from the sources NAME.ts, after registering tsx in this thread (the module is TypeScript).

import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** Imports `name`.js beside `base` (the entry's import.meta.url) when it exists, else registers tsx and imports `name`.ts. */
export async function importEntry(base, name) {
  const compiled = new URL(`./${name}.js`, base);
  if (existsSync(fileURLToPath(compiled))) return import(compiled.href);
  const { register } = await import('tsx/esm/api');
  register();
  return import(new URL(`./${name}.ts`, base).href);
}
