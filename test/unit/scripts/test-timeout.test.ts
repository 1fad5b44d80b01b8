// scripts/run-tests.mjs gives every test a timeout: a hanging test fails by name, the others still run.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ROOT } from '../../helpers/cli.ts';

/** This process's environment without node:test's marker, so the nested runner reports as a top-level one. */
function env(extra: Record<string, string>): NodeJS.ProcessEnv {
  const e: NodeJS.ProcessEnv = { ...process.env, ...extra };
  delete e.NODE_TEST_CONTEXT;
  return e;
}

const HANGING = `import { test } from 'node:test';
test('finishes', () => {});
test('hangs forever', async () => { await new Promise(() => setInterval(() => {}, 1000)); });
test('runs after the hang', () => {});
`;

test('a hanging test fails with its name after LOADCERT_TEST_TIMEOUT_MS, the file is bounded too', { timeout: 60_000 }, () => {
  const dir = mkdtempSync(join(tmpdir(), 'loadcert-hang-'));
  try {
    writeFileSync(join(dir, 'hang.test.ts'), HANGING);
    const r = spawnSync(process.execPath, [join(ROOT, 'scripts', 'run-tests.mjs'), dir], {
      cwd: ROOT, encoding: 'utf8', timeout: 50_000,
      env: env({ LOADCERT_TEST_TIMEOUT_MS: '1500', LOADCERT_TEST_FILE_TIMEOUT_MS: '8000' }),
    });
    assert.notEqual(r.status, 0, 'the run must fail');
    assert.notEqual(r.signal, 'SIGTERM', 'run-tests.mjs itself hung until the outer timeout');
    assert.match(r.stdout, /not ok \d+ - hangs forever[\s\S]*?test timed out after 1500ms/);
    assert.match(r.stdout, /^ok \d+ - finishes$/m);
    assert.match(r.stdout, /^ok \d+ - runs after the hang$/m);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('a bad LOADCERT_TEST_TIMEOUT_MS is refused with the variable named (exit 2)', { timeout: 30_000 }, () => {
  const r = spawnSync(process.execPath, [join(ROOT, 'scripts', 'run-tests.mjs'), 'test/unit/scripts'], {
    cwd: ROOT, encoding: 'utf8', timeout: 20_000, env: env({ LOADCERT_TEST_TIMEOUT_MS: '3s' }),
  });
  assert.equal(r.status, 2);
  assert.match(r.stderr, /LOADCERT_TEST_TIMEOUT_MS=3s: expected a positive whole number of milliseconds/);
});
