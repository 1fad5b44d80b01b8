// loadcert's own version, read once from package.json.
import { readFileSync } from 'node:fs';

/** loadcert's version from package.json (the one the results and `--version` report). */
export const VERSION: string = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')).version;
