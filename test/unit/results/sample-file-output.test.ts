// The per-sample file output keeps its memory bounded: samples recorded faster than they can be written
// (here: all at once, without the event loop turning) beyond its two buffers are dropped, counted and
// warned about; the ones kept are all written, in order. And k6's time format.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sampleFileOutput, SAMPLE_BUFFER } from '../../../src/results/sample-file-output.ts';
import { rfc3339Nano } from '../../../src/results/k6-sample-format.ts';
import type { SampledSeries } from '../../../src/contracts/output.ts';

test('beyond two buffers of samples recorded in one turn, samples are dropped and counted; the kept ones are all written', async () => {
  const path = join(mkdtempSync(join(tmpdir(), 'loadcert-sample-out-')), 'k6.json');
  const out = sampleFileOutput({ name: 'json output', path, kind: 'json' });
  const series: SampledSeries = { def: { name: 'iterations', type: 'counter', contains: 'default', description: '' }, tags: { key: 's=a', tags: { scenario: 'a' } } };
  out.start!({ outDir: '.', startEpoch: Date.UTC(2026, 0, 1), startPerf: 0, warn() {} });
  const total = 2 * SAMPLE_BUFFER + 1000;
  for (let i = 0; i < total; i++) out.samples!.sample(series, i, i / 1000);
  const warnings: string[] = [];
  await out.stop!({ status: 'completed', warn: (m) => warnings.push(m) });
  const lines = readFileSync(path, 'utf8').trimEnd().split('\n');
  assert.equal(lines.length, 1 + 2 * SAMPLE_BUFFER, 'one Metric line and the two buffers');
  assert.equal(JSON.parse(lines[1]).data.value, 0);
  assert.equal(JSON.parse(lines.at(-1)!).data.value, 2 * SAMPLE_BUFFER - 1);
  assert.deepEqual(warnings.map((w) => /dropped (\d+) samples/.exec(w)?.[1]), ['1000']);
});

test("k6's time: RFC 3339 in UTC with nanoseconds", () => {
  // an epoch in ms as a double resolves about 0.25 µs today: the nanoseconds agree to within that
  const t = rfc3339Nano(Date.UTC(2026, 11, 3, 10, 40, 47, 123) + 0.456789);
  assert.match(t, /^2026-12-03T10:40:47\.123456\d{3}Z$/);
  assert.ok(Math.abs(Number(t.slice(20, 29)) - 123456789) < 500, t);
  assert.equal(rfc3339Nano(Date.UTC(2026, 11, 3, 10, 40, 47) + 999.9999999999), '2026-12-03T10:40:48.000000000Z');
});
