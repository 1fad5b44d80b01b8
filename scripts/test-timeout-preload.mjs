// Preloaded (--import) into every test process by scripts/run-tests.mjs: gives each test() / it() /
// describe() that sets no timeout of its own LOADCERT_TEST_TIMEOUT_MS (default 180000 ms).
// (Node 20's --test-timeout only bounds whole files.)
import { createRequire, syncBuiltinESMExports } from 'node:module';
import { DEFAULT_TEST_TIMEOUT_MS, timeoutFromEnv, withDefaultTimeout } from './test-timeout.mjs';

const nodeTest = createRequire(import.meta.url)('node:test');
const ms = timeoutFromEnv('LOADCERT_TEST_TIMEOUT_MS', DEFAULT_TEST_TIMEOUT_MS);
for (const k of ['test', 'it', 'describe', 'suite']) if (typeof nodeTest[k] === 'function') nodeTest[k] = withDefaultTimeout(nodeTest[k], ms);
syncBuiltinESMExports();
