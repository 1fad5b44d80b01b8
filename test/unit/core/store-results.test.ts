// storeResults: the results folder, else a fallback folder under the temp folder, else nothing (and it says so).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { NdjsonWriter } from '../../../src/results/ndjson-writer.ts';
import { storeResults } from '../../../src/run/store-results.ts';
import type { RunSummary } from '../../../src/contracts/summary-types.ts';
import { ROOT } from '../../helpers/cli.ts';

const RUN = join(ROOT, 'test/fixtures/runs/passing');
const summary = (): RunSummary => JSON.parse(readFileSync(join(RUN, 'summary.json'), 'utf8')) as RunSummary;
const points = readFileSync(join(RUN, 'timeseries.ndjson'), 'utf8').trim().split('\n').map((l) => JSON.parse(l));

/** A results folder with a time series being written, as during a run. */
function runningFolder(): { dir: string; writer: NdjsonWriter } {
  const dir = mkdtempSync(join(tmpdir(), 'loadcert-store-'));
  const writer = new NdjsonWriter(join(dir, 'timeseries.ndjson'));
  for (const p of points) writer.write(p);
  return { dir, writer };
}

test('results go to their folder when it can be written', { timeout: 30_000 }, async () => {
  const { dir, writer } = runningFolder();
  const said: string[] = [];
  const stored = await storeResults(dir, summary(), writer, undefined, (m) => said.push(m));
  assert.equal(stored.dir, dir);
  assert.deepEqual(said, []);
  assert.ok(existsSync(join(dir, 'summary.json')) && existsSync(join(dir, 'report.html')));
  assert.equal(readFileSync(join(dir, 'timeseries.ndjson'), 'utf8').trim().split('\n').length, points.length);
  rmSync(dir, { recursive: true, force: true });
});

test('neither the folder nor the fallback can be written: says so, stores nothing, never throws', { timeout: 30_000 }, async () => {
  const { dir, writer } = runningFolder();
  rmSync(dir, { recursive: true, force: true });
  const saved = process.env.TMPDIR;
  process.env.TMPDIR = join(dir, 'no-such-temp-folder');
  try {
    const said: string[] = [];
    const s = summary();
    const stored = await storeResults(dir, s, writer, undefined, (m) => said.push(m));
    assert.equal(stored.dir, undefined);
    assert.match(said[0], new RegExp(`cannot write the results to ${dir} \\(ENOENT`));
    assert.match(said.at(-1)!, /cannot write the results to a fallback folder either .*only the console summary remains/);
    assert.ok(s.loadcert.warnings.some((w) => /fallback folder either/.test(w)));
  } finally {
    if (saved === undefined) delete process.env.TMPDIR; else process.env.TMPDIR = saved;
  }
});
