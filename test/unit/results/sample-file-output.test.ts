// The per-sample file output keeps its memory bounded: samples recorded faster than they can be written
// (here: all in one turn, so nothing is published to the writer meanwhile) beyond its ring are dropped,
// counted and warned about; the ones kept are all written, in order. When the ring does not fill, every
// sample is written (series first seen at any point, across turns, more samples than the ring holds).
// And k6's time format, written as bytes, agrees with rfc3339Nano.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { sampleFileOutput } from '../../../src/results/sample-file-output.ts';
import { rfc3339Nano } from '../../../src/results/k6-sample-format.ts';
import { LineBytes } from '../../../src/results/line-bytes.ts';
import type { SampledSeries } from '../../../src/contracts/output.ts';

const EPOCH = Date.UTC(2026, 0, 1);
const seriesOf = (scenario: string, name = 'iterations'): SampledSeries => ({ def: { name, type: 'counter', contains: 'default', description: '' }, tags: { key: `s=${scenario}`, tags: { scenario } } });
type Point = { type: string; metric: string; data: { time: string; value: number; tags: Record<string, string> | null } };
const readLines = (path: string) => readFileSync(path, 'utf8').trimEnd().split('\n').map((l) => JSON.parse(l) as Point);

test('beyond the ring of samples recorded in one turn, samples are dropped and counted; the kept ones are all written', async () => {
  const path = join(mkdtempSync(join(tmpdir(), 'loadcert-sample-out-')), 'k6.json');
  const capacity = 1024;
  const out = sampleFileOutput({ name: 'json output', path, kind: 'json', capacity });
  const series = seriesOf('a');
  out.start!({ outDir: '.', startEpoch: EPOCH, startPerf: 0, warn() {} });
  const total = capacity + 1000;
  for (let i = 0; i < total; i++) out.samples.sample(series, i, i / 1000);
  const warnings: string[] = [];
  await out.stop!({ status: 'completed', warn: (m) => warnings.push(m) });
  const lines = readLines(path);
  assert.equal(lines.length, 1 + capacity, 'one Metric line and a full ring');
  assert.deepEqual(lines.slice(1).map((l) => l.data.value), Array.from({ length: capacity }, (_, i) => i), 'the first samples, in order');
  assert.equal(out.dropped, 1000);
  assert.equal(out.written, capacity);
  assert.deepEqual(warnings.map((w) => /dropped (\d+) samples/.exec(w)?.[1]), ['1000']);
});

test('when the ring does not fill, every sample is written once, in order, with its series, value and time', async () => {
  const path = join(mkdtempSync(join(tmpdir(), 'loadcert-sample-out-')), 'k6.json');
  const capacity = 1024;
  const out = sampleFileOutput({ name: 'json output', path, kind: 'json', capacity });
  out.start!({ outDir: '.', startEpoch: EPOCH, startPerf: 0, warn() {} });
  // 8 turns of 500 samples (4,000 in all: the ring wraps around 3 times); a new series appears in each
  // turn, mid-turn. Each turn is published (second()); before the next one the test waits (up to 30 s,
  // for a starved writer) until the file holds all but the last turn's, so the next turn fits the ring.
  // The last turn is left to stop(), which must drain the ring.
  const expected: Array<[string, number, string]> = [];
  const all: SampledSeries[] = [seriesOf('first')];
  let n = 0;
  for (let turn = 0; turn < 8; turn++) {
    for (let wait = 0; turn > 0 && wait < 600 && !roomFor(path, n); wait++) await sleep(50);
    for (let k = 0; k < 500; k++) {
      if (k === 250) all.push(seriesOf(`t${turn}`, turn % 2 ? 'iterations' : 'data_sent'));
      const s = all[n % all.length];
      out.samples.sample(s, n, n + 0.5);
      expected.push([s.def.name, n, s.tags.tags.scenario]);
      n++;
    }
    out.second!({} as never);
  }
  const warnings: string[] = [];
  await out.stop!({ status: 'completed', warn: (m) => warnings.push(m) });
  assert.deepEqual(warnings, []);
  assert.equal(out.dropped, 0);
  assert.equal(out.written, n);
  const lines = readLines(path);
  const points = lines.filter((l) => l.type === 'Point');
  assert.deepEqual(points.map((p) => [p.metric, p.data.value, p.data.tags?.scenario]), expected);
  assert.deepEqual(points.slice(0, 3).map((p) => p.data.time), [0, 1, 2].map((i) => rfc3339Nano(EPOCH + i + 0.5)));
  assert.deepEqual(lines.filter((l) => l.type === 'Metric').map((l) => l.metric), ['iterations', 'data_sent'], 'each metric declared once, before its points');
  assert.ok(lines.findIndex((l) => l.metric === 'data_sent') < lines.findIndex((l) => l.type === 'Point' && l.metric === 'data_sent'));
});

/** True when the writer has written the first `n - 500` samples' worth of lines (so the next turn of 500 fits in a ring of 1,024). */
function roomFor(path: string, n: number): boolean {
  let text = '';
  try { text = readFileSync(path, 'utf8'); } catch { return false; }
  let lines = 0;
  for (let i = text.indexOf('"Point"'); i >= 0; i = text.indexOf('"Point"', i + 1)) lines++;
  return lines >= n - 500;
}

test("k6's time: RFC 3339 in UTC with nanoseconds, as text and as bytes", () => {
  // an epoch in ms as a double resolves about 0.25 µs today: the nanoseconds agree to within that
  const ms = Date.UTC(2026, 11, 3, 10, 40, 47, 123) + 0.456789;
  const t = rfc3339Nano(ms);
  assert.match(t, /^2026-12-03T10:40:47\.123456\d{3}Z$/);
  assert.ok(Math.abs(Number(t.slice(20, 29)) - 123456789) < 500, t);
  const edge = Date.UTC(2026, 11, 3, 10, 40, 47) + 999.9999999999;
  assert.equal(rfc3339Nano(edge), '2026-12-03T10:40:48.000000000Z');
  let text = '';
  const out = new LineBytes((b, n) => { text += b.toString('latin1', 0, n); }, 64);
  for (const x of [ms, edge, ms + 1000, 0]) { out.time(x); out.text(' '); out.number(-12); out.text(' '); out.number(0.1 + 0.2); out.text('\n'); }
  out.flush();
  assert.equal(text, [ms, edge, ms + 1000, 0].map((x) => `${rfc3339Nano(x)} -12 ${0.1 + 0.2}\n`).join(''));
});
