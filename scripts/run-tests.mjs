// Runs every test file under the given folders (default test/) with node:test through tsx.
// Node 20's --test does not expand globs, so the files are listed here.
// Timeouts, so a hang fails instead of stalling CI:
//   each test   LOADCERT_TEST_TIMEOUT_MS (default 180000), set by the preload scripts/test-timeout-preload.mjs on
//               every test()/it()/describe() without its own { timeout }; the failure names the test
//   each file   LOADCERT_TEST_FILE_TIMEOUT_MS (default 900000), node's --test-timeout, which in Node 20
//               bounds a whole file's process (e.g. one left running by an open handle)
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { spawnSync } from 'node:child_process';
import { DEFAULT_TEST_TIMEOUT_MS, timeoutFromEnv } from './test-timeout.mjs';

const PRELOAD = fileURLToPath(new URL('./test-timeout-preload.mjs', import.meta.url));
const DEFAULT_FILE_TIMEOUT_MS = 900_000;

let perFile;
try {
  const perTest = timeoutFromEnv('LOADCERT_TEST_TIMEOUT_MS', DEFAULT_TEST_TIMEOUT_MS);
  perFile = timeoutFromEnv('LOADCERT_TEST_FILE_TIMEOUT_MS', Math.max(DEFAULT_FILE_TIMEOUT_MS, perTest));
} catch (err) {
  console.error(err.message);
  process.exit(2);
}

const roots = process.argv.slice(2).length ? process.argv.slice(2) : ['test'];
const files = [];
const walk = (p) => {
  if (statSync(p).isDirectory()) for (const e of readdirSync(p).sort()) walk(join(p, e));
  else if (/\.test\.ts$/.test(p)) files.push(p);
};
for (const r of roots) walk(r);
if (!files.length) {
  console.error(`no test files under ${roots.join(', ')}`);
  process.exit(1);
}
const args = ['--import', 'tsx', '--import', PRELOAD, '--test', '--test-concurrency=1', `--test-timeout=${perFile}`, ...files];
const r = spawnSync(process.execPath, args, { stdio: 'inherit' });
process.exit(r.status ?? 1);
