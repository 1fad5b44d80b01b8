// Faults keep results, with real processes: the target killed mid-run, the results folder gone at the
// end, and loadcert SIGKILLed mid-run then `loadcert report DIR`.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { spawnDemoTarget } from '../../../src/target/spawn.ts';
import { ROOT, fixture, readSummary, runCli, startCli, tempOut } from '../../helpers/cli.ts';
import { gone } from './processes.ts';

const PROGRESS = /\[progress\]/;

test('target killed mid-run (SIGKILL): results kept, the availability criterion fails, exit 99', { timeout: 90_000 }, async () => {
  const target = await spawnDemoTarget(['--port', '0']);
  try {
    const out = tempOut();
    let killed = false;
    const { result } = startCli(['run', fixture('eight-seconds.ts'), '--base-url', target.url, '--out', out,
      '--thresholds', join(ROOT, 'test/fixtures/thresholds-availability.json')], (text) => {
      if (!killed && PROGRESS.test(text)) { killed = true; process.kill(target.pid, 'SIGKILL'); }
    });
    const r = await result;
    assert.ok(killed, `the run showed no progress:\n${r.stderr}`);
    assert.equal(await target.exited, null, 'the target died of SIGKILL');
    assert.equal(r.code, 99, r.stderr);
    const s = readSummary(out);
    assert.equal(s.loadcert.verdict, 'NOT CERTIFIED');
    const availability = s.thresholds.find((t) => t.metric === 'availability');
    assert.ok(availability, JSON.stringify(s.thresholds));
    assert.equal(availability.ok, false, 'the health endpoints stopped answering');
    assert.ok(s.metrics.http_reqs.values.count > 0, 'requests before the kill are kept');
    assert.ok((s.metrics.http_req_failed.values.rate ?? 0) > 0, 'requests after the kill failed');
    assert.ok(existsSync(join(out, 'timeseries.ndjson')) && existsSync(join(out, 'report.html')));
    assert.match(r.stdout, /FAIL .*availability|availability.*FAIL/);
  } finally {
    await target.stop();
  }
});

test('results folder removed mid-run: named, console summary kept, results in a fallback folder, verdict exit code', { timeout: 90_000 }, async () => {
  const target = await spawnDemoTarget(['--port', '0']);
  try {
    const out = tempOut();
    let removed = false;
    const { result } = startCli(['run', fixture('eight-seconds.ts'), '--base-url', target.url, '--out', out,
      '--thresholds', join(ROOT, 'test/fixtures/thresholds-availability.json')], (text) => {
      if (!removed && PROGRESS.test(text)) { removed = true; rmSync(out, { recursive: true, force: true }); }
    });
    const r = await result;
    assert.ok(removed);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stderr, new RegExp(`cannot write the results to ${out} \\(ENOENT`));
    const fallback = r.stderr.match(/the results go to (\S+) instead of/)?.[1];
    assert.ok(fallback, r.stderr);
    assert.ok(fallback.startsWith(join(tmpdirOf(out), 'loadcert-results-')), fallback);
    assert.match(r.stdout, /CERTIFIED/, 'the console summary is printed');
    assert.match(r.stdout, new RegExp(`Results: ${fallback}`));
    const s = readSummary(fallback);
    assert.equal(s.loadcert.verdict, 'CERTIFIED');
    assert.ok(s.loadcert.warnings.some((w) => /cannot write the results/.test(w)));
    // The seconds written before the folder was removed survive: they are copied from the open file.
    const lines = readFileSync(join(fallback, 'timeseries.ndjson'), 'utf8').trim().split('\n');
    assert.ok(lines.length >= 7, `only ${lines.length} seconds in the fallback time series`);
    assert.ok(readdirSync(fallback).includes('report.html'));
    rmSync(fallback, { recursive: true, force: true });
  } finally {
    await target.stop();
  }
});

/** The temp folder a tempOut() folder lives in. */
function tmpdirOf(dir: string): string {
  return dir.slice(0, dir.lastIndexOf('/'));
}

test('SIGKILL of loadcert mid-run, then `loadcert report DIR`: rendered from timeseries.ndjson, marked cut short, exit 0', { timeout: 90_000 }, async () => {
  const out = tempOut();
  let killed = false;
  const { result } = startCli(['run', fixture('long.ts'), '--demo-target', '--out', out], (text, child) => {
    if (!killed && (text.match(/\[progress\]/g)?.length ?? 0) >= 3) { killed = true; child.kill('SIGKILL'); }
  });
  const run = await result;
  assert.ok(killed, run.stderr);
  assert.equal(run.code, null);
  const pid = Number(run.stderr.match(/\(pid (\d+)\)/)?.[1]);
  assert.ok(await gone(pid, 15_000), 'the demo target went with loadcert');
  assert.equal(existsSync(join(out, 'summary.json')), false, 'a killed run has no summary');
  assert.ok(existsSync(join(out, 'timeseries.ndjson')));

  const r = await runCli(['report', out]);
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout, /^INCOMPLETE: unknown \(summary\.json missing\)/m);
  const html = readFileSync(join(out, 'report.html'), 'utf8');
  assert.match(html, /did not finish/);
  assert.match(html, /INCOMPLETE/);
  assert.ok(existsSync(join(out, 'junit.xml')));
});
