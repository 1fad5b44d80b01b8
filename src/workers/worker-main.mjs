// Entry of a segment worker thread. In the package (dist/) it imports the compiled segment-worker.js next to
// this file (which registers tsx itself before loading the scenario's TypeScript); from the sources it
// registers tsx first, because segment-worker.ts is TypeScript too.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const compiled = new URL('./segment-worker.js', import.meta.url);
if (existsSync(fileURLToPath(compiled))) {
  await import(compiled.href);
} else {
  const { register } = await import('tsx/esm/api');
  register();
  await import('./segment-worker.ts');
}
