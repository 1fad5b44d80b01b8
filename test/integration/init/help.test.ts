// --help and README document every command and option of init, publish, compare --baseline-from/--confidence and run --publish.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { runCli, ROOT } from '../../helpers/cli.ts';

const README = readFileSync(join(ROOT, 'README.md'), 'utf8');

test('loadcert --help, init --help, publish --help, compare --help and run --help name the new commands and options; README too', { timeout: 60_000 }, async () => {
  const main = await runCli(['--help']);
  for (const s of ['loadcert init', 'loadcert publish', '--baseline-from', '--confidence']) assert.ok(main.stdout.includes(s), `main help: ${s}`);
  const init = await runCli(['init', '--help']);
  assert.equal(init.code, 0);
  const flags = ['--name', '--base-url', '--health', '--rate', '--users', '--signalr-hub', '--websocket', '--containers', '--ci', '--loadcert-dep', '--yes', '--force'];
  for (const f of flags) { assert.ok(init.stdout.includes(f), `init --help: ${f}`); assert.ok(README.includes(`\`${f}`), `README: ${f}`); }
  const publish = await runCli(['publish', '--help']);
  assert.match(publish.stdout, /Usage: loadcert publish RUN_DIR HISTORY_DIR/);
  const compare = await runCli(['compare', '--help']);
  for (const s of ['--baseline-from', '--confidence', 'Mann-Whitney']) assert.ok(compare.stdout.includes(s), s);
  const run = await runCli(['run', '--help']);
  assert.match(run.stdout, /--publish DIR/);
  for (const s of ['loadcert init', '--publish', '--baseline-from', '--confidence', '--latency-scale', 'examples/ci/']) assert.ok(README.includes(s), `README: ${s}`);
});
