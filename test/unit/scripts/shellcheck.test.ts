// Every shell script under scripts/ and .ci/ is shellcheck-clean and has no pipe race under pipefail
// (an early-exiting reader such as head, grep -q or awk's exit on a pipe kills its writer with SIGPIPE).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { ROOT } from '../../helpers/cli.ts';

/** Shell scripts below the given folders: *.sh files and files whose first line names bash or sh. */
function shellScripts(...dirs: string[]): string[] {
  const out: string[] = [];
  const walk = (p: string): void => {
    if (statSync(p).isDirectory()) { for (const e of readdirSync(p).sort()) walk(join(p, e)); return; }
    const first = readFileSync(p, 'utf8').split('\n', 1)[0];
    if (p.endsWith('.sh') || /^#!.*\b(bash|sh)\b/.test(first)) out.push(p);
  };
  for (const d of dirs) walk(join(ROOT, d));
  return out;
}

/** A reader that may exit before its writer has written everything, after a `|` (not `||`). */
const EARLY_READER = /(?<![|])\|(?![|])\s*(head\b|grep\s+(?:[^|]*\s)?(?:-[a-zA-Z]*[qm]|--quiet|--silent|--max-count)|awk\b[^|]*\bexit\b|sed\s+-n\s+[^|]*\dq\b)/;

/** Lines of `text` (comments stripped) that pipe into an early-exiting reader, as "line N: text". */
export function pipeRaces(text: string): string[] {
  return text.split('\n').flatMap((line, i) => {
    const code = line.replace(/(^|\s)#.*$/, '');
    return EARLY_READER.test(code) ? [`line ${i + 1}: ${line.trim()}`] : [];
  });
}

const SCRIPTS = shellScripts('scripts', '.ci');

test('the pipe-race check finds the early readers it is meant to find', { timeout: 5_000 }, () => {
  assert.equal(pipeRaces(`p="$(ldconfig -p | awk -v l="$l" '$1 == l { print $NF; exit }')"`).length, 1);
  assert.equal(pipeRaces('psql -tAc "SELECT 1" | grep -q 1 || create').length, 1);
  assert.equal(pipeRaces('dmesg | head -n 1').length, 1);
  assert.equal(pipeRaces('ls | sort -V | tail -n 1').length, 0);
  assert.equal(pipeRaces('a || grep -q x file').length, 0);
  assert.equal(pipeRaces('# ldconfig -p | head').length, 0);
});

test('shell scripts under scripts/ and .ci/ have no early-exiting reader on a pipe', { timeout: 10_000 }, () => {
  assert.ok(SCRIPTS.length >= 10, `expected the shell scripts, found ${SCRIPTS.length}`);
  const found = SCRIPTS.flatMap((f) => pipeRaces(readFileSync(f, 'utf8')).map((l) => `${relative(ROOT, f)}: ${l}`));
  assert.deepEqual(found, [], 'read the writer\'s whole output into a variable first, then search it');
});

test('shell scripts under scripts/ and .ci/ are shellcheck-clean', { timeout: 60_000 }, (t) => {
  const version = spawnSync('shellcheck', ['--version'], { encoding: 'utf8' });
  if (version.error) {
    // CI installs Debian's shellcheck (.ci/run); there its absence is a failure, never a skip.
    if (process.env.CI === 'true') assert.fail(`shellcheck is not installed (${version.error.message}); install it: apt-get install shellcheck`);
    t.skip('outside CI only: shellcheck is not installed (apt-get install shellcheck); CI=true makes this a failure');
    return;
  }
  const r = spawnSync('shellcheck', ['--format=gcc', ...SCRIPTS], { cwd: ROOT, encoding: 'utf8', timeout: 50_000 });
  assert.equal(r.error, undefined);
  assert.equal(r.status, 0, `shellcheck found problems:\n${r.stdout}${r.stderr}`);
});
