// The segment command runs, in a real POSIX sh, exactly `loadcert run --execution-segment ...` for the
// index in its environment; the segments it picks tile 0..1; verdict codes become 0, failures stay.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { chmodSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { equalSequence, segmentScript } from '../../../src/orchestrate/segment-command.ts';

/** A fake `loadcert` on PATH that prints its arguments one per line and exits with $FAKE_CODE. */
function fakeLoadcert(): string {
  const dir = mkdtempSync(join(tmpdir(), 'loadcert-fake-'));
  writeFileSync(join(dir, 'loadcert'), '#!/bin/sh\nfor a in "$@"; do echo "$a"; done\nexit "${FAKE_CODE:-0}"\n');
  chmodSync(join(dir, 'loadcert'), 0o755);
  return dir;
}

function runScript(script: string, env: Record<string, string>, bin: string) {
  const r = spawnSync('/bin/sh', ['-c', script], { env: { PATH: `${bin}:/usr/bin:/bin`, ...env }, encoding: 'utf8', timeout: 10_000 });
  return { code: r.status, args: r.stdout.trim().split('\n'), stderr: r.stderr };
}

const base = { scenario: '/app/loadcert-config/my scenario.ts', thresholds: '/app/loadcert-config/thresholds.json', resultsDir: '/results', startAt: 1_800_000_000_000, baseUrl: 'http://127.0.0.1:9/x?a=1&b=2', allowHosts: ['h.example'] };

test('equalSequence gives 0, i/N, 1', () => {
  assert.deepEqual(equalSequence(1), ['0', '1']);
  assert.deepEqual(equalSequence(4), ['0', '1/4', '2/4', '3/4', '1']);
  assert.throws(() => equalSequence(0), RangeError);
});

for (const [indexVar, firstIndex] of [['JOB_COMPLETION_INDEX', 0], ['SEGMENT', 1]] as const) {
  test(`${indexVar}: each index runs the exact loadcert run command of its segment, and the segments tile 0..1`, () => {
    const bin = fakeLoadcert();
    const n = 4;
    const script = segmentScript({ ...base, count: n, indexVar, firstIndex });
    const ranges: string[] = [];
    for (let i = firstIndex; i < n + firstIndex; i++) {
      const r = runScript(script, { [indexVar]: String(i) }, bin);
      assert.equal(r.code, 0, r.stderr);
      const seg = r.args[r.args.indexOf('--execution-segment') + 1];
      ranges.push(seg);
      assert.deepEqual(r.args, [
        'run', base.scenario,
        '--execution-segment', seg,
        '--execution-segment-sequence', '0,1/4,2/4,3/4,1',
        '--start-at', String(base.startAt),
        '--out', `/results/segment-${i}`,
        '--thresholds', base.thresholds,
        '--base-url', base.baseUrl,
        '--allow-host', 'h.example',
      ]);
    }
    assert.deepEqual(ranges, ['0:1/4', '1/4:2/4', '2/4:3/4', '3/4:1']);
    const outside = runScript(script, { [indexVar]: String(n + firstIndex) }, bin);
    assert.equal(outside.code, 104);
    assert.match(outside.stderr, /is not a segment index/);
  });
}

test('verdict exit codes become 0 (the merge judges); a crash, a refusal or an interruption fails the task', () => {
  const bin = fakeLoadcert();
  const script = segmentScript({ ...base, count: 2, indexVar: 'SEGMENT', firstIndex: 1 });
  for (const [code, expected] of [[0, 0], [99, 0], [112, 0], [113, 0], [1, 1], [104, 104], [105, 105], [111, 111]]) {
    const r = runScript(script, { SEGMENT: '2', FAKE_CODE: String(code) }, bin);
    assert.equal(r.code, expected, `loadcert run exiting ${code}`);
    assert.match(r.stderr, new RegExp(`segment 1/2:1 exited ${code}`));
  }
});

test('the generated script is shellcheck-clean as POSIX sh', (t) => {
  const which = spawnSync('sh', ['-c', 'command -v shellcheck'], { encoding: 'utf8' });
  if (which.status !== 0) {
    assert.notEqual(process.env.CI, 'true', 'shellcheck is missing in CI (.ci/run installs it)');
    t.skip('outside CI only: shellcheck is not installed (CI=true makes this a failure)');
    return;
  }
  const script = segmentScript({ ...base, count: 3, indexVar: 'JOB_COMPLETION_INDEX', firstIndex: 0 });
  const r = spawnSync('shellcheck', ['-s', 'sh', '-'], { input: `#!/bin/sh\n${script}\n`, encoding: 'utf8', timeout: 30_000 });
  assert.equal(r.status, 0, r.stdout);
});
