// Joining the workers' part files of --out json= / csv= into the one file: every sample line once, in
// part order after the main thread's; JSON Metric lines once; CSV header once; parts removed.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync, existsSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { joinSampleParts, partPath } from '../../../src/results/sample-file-parts.ts';

const metric = (name: string) => `{"type":"Metric","data":{"name":"${name}","type":"counter","contains":"default","thresholds":[],"submetrics":null},"metric":"${name}"}`;
const point = (name: string, v: number) => `{"type":"Point","data":{"time":"2026-12-03T10:00:00.000000000Z","value":${v},"tags":null},"metric":"${name}"}`;

test('JSON: parts appended after the main file, each Metric line once, parts removed', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'lc-parts-'));
  try {
    const file = join(dir, 'k6.json');
    writeFileSync(file, [metric('vus'), point('vus', 1)].join('\n') + '\n');
    writeFileSync(partPath(file, 0), [metric('http_reqs'), point('http_reqs', 1), point('http_reqs', 1)].join('\n') + '\n');
    writeFileSync(partPath(file, 1), [metric('http_reqs'), point('http_reqs', 1), metric('vus'), point('vus', 2)].join('\n') + '\n');
    assert.deepEqual(await joinSampleParts('json', file, [partPath(file, 0), partPath(file, 1)]), []);
    const lines = readFileSync(file, 'utf8').trimEnd().split('\n');
    assert.deepEqual(lines, [metric('vus'), point('vus', 1), metric('http_reqs'), point('http_reqs', 1), point('http_reqs', 1), point('http_reqs', 1), point('vus', 2)]);
    assert.ok(!existsSync(partPath(file, 0)) && !existsSync(partPath(file, 1)), 'parts removed');
  } finally { rmSync(dir, { recursive: true, force: true }); }
});

test('CSV: one header row; a missing part is a warning, the others are joined', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'lc-parts-'));
  try {
    const file = join(dir, 'k6.csv');
    writeFileSync(file, 'metric_name,timestamp\nvus,1\n');
    writeFileSync(partPath(file, 1), 'metric_name,timestamp\nhttp_reqs,1\nhttp_reqs,2\n');
    const warnings = await joinSampleParts('csv', file, [partPath(file, 0), partPath(file, 1)]);
    assert.equal(warnings.length, 1);
    assert.match(warnings[0], /missing/);
    assert.equal(readFileSync(file, 'utf8'), 'metric_name,timestamp\nvus,1\nhttp_reqs,1\nhttp_reqs,2\n');
  } finally { rmSync(dir, { recursive: true, force: true }); }
});
