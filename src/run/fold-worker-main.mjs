// Entry of the fold thread. In the package (dist/) it imports the compiled fold-worker.js next to this file;
// from the sources it registers tsx first, because fold-worker.ts is TypeScript.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const compiled = new URL('./fold-worker.js', import.meta.url);
if (existsSync(fileURLToPath(compiled))) {
  await import(compiled.href);
} else {
  const { register } = await import('tsx/esm/api');
  register();
  await import('./fold-worker.ts');
}
