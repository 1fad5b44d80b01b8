import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** loadcert's version from package.json. */
export const VERSION: string = JSON.parse(readFileSync(fileURLToPath(new URL('../package.json', import.meta.url)), 'utf8')).version;
