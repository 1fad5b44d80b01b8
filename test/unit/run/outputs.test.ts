// The output seam (contracts/output.ts) as the run uses it: outputs see every folded second in order,
// start before the first, stop exactly once (also when never started), and a failing stop is a warning.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MetricStore } from '../../../src/metrics/store.ts';
import { MetricRegistry } from '../../../src/metrics/registry.ts';
import { tagSet } from '../../../src/metrics/tagset.ts';
import type { RunOutput } from '../../../src/contracts/output.ts';
import { runOutputs, stopOutputs, warmupOutput } from '../../../src/run/outputs.ts';

const T0 = 1_700_000_000_000;
const TAGS = tagSet({ scenario: 'api' });

test('outputs: timeseries and snapshot files exist only once started; every second reaches them in order', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'loadcert-outputs-'));
  try {
    const store = new MetricStore(new MetricRegistry());
    const { outputs, timeseries } = await runOutputs(store, { snapshot: true, warmupSeconds: 0 }, () => {});
    assert.deepEqual(outputs.map((o) => o.name), ['timeseries.ndjson', 'segment-seconds.ndjson']);
    const seen: number[] = [];
    const probe: RunOutput = { name: 'probe', second: (p) => seen.push(p.t) };
    const all = [...outputs, probe];
    store.onPoint((p) => { for (const o of all) o.second?.(p); });
    const writer = () => timeseries.writer;
    assert.equal(writer(), undefined, 'no file before the load starts (a preflight failure leaves none)');
    const warnings: string[] = [];
    for (const o of all) o.start?.({ outDir: dir, startPerf: 0, startEpoch: T0, warn: (m) => warnings.push(m) });
    for (let s = 0; s < 3; s++) { store.add('http_reqs', 1, TAGS); store.flushSecond(T0 + s * 1000); }
    await stopOutputs(all, { status: 'completed', warn: (m) => warnings.push(m) });
    assert.deepEqual(seen, [T0, T0 + 1000, T0 + 2000]);
    assert.equal(readFileSync(join(dir, 'timeseries.ndjson'), 'utf8').trim().split('\n').length, 3);
    assert.equal(readFileSync(join(dir, 'segment-seconds.ndjson'), 'utf8').trim().split('\n').length, 3);
    assert.deepEqual(warnings, []);
    writer()?.close();
  } finally { rmSync(dir, { recursive: true, force: true }); }
});

test('outputs: a preflight failure stops outputs that never started, and writes no file', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'loadcert-outputs-'));
  try {
    const store = new MetricStore(new MetricRegistry());
    const { outputs } = await runOutputs(store, { snapshot: true, warmupSeconds: 2 }, () => {});
    const warnings: string[] = [];
    await stopOutputs(outputs, { status: 'preflight-failed', warn: (m) => warnings.push(m) });
    assert.equal(existsSync(join(dir, 'timeseries.ndjson')) || existsSync(join(dir, 'segment-seconds.ndjson')), false);
    assert.deepEqual(warnings, []);
  } finally { rmSync(dir, { recursive: true, force: true }); }
});

test('outputs: stop is called once on every output; one that throws becomes a warning and the rest still stop', async () => {
  const stopped: string[] = [];
  const outs: RunOutput[] = [
    { name: 'a', stop: () => { stopped.push('a'); throw new Error('disk gone'); } },
    { name: 'b', stop: async () => { stopped.push('b'); } },
    { name: 'c' },
  ];
  const warnings: string[] = [];
  await stopOutputs(outs, { status: 'completed', warn: (m) => warnings.push(m) });
  assert.deepEqual(stopped, ['a', 'b']);
  assert.deepEqual(warnings, ['a failed to stop: disk gone']);
});

test('warm-up output: the totals restart after the last warm-up second, the seconds before stay out of them', () => {
  const store = new MetricStore(new MetricRegistry());
  const warm = warmupOutput(store, 2);
  store.onPoint((p) => warm.second?.(p));
  warm.start?.({ outDir: '.', startPerf: 0, startEpoch: T0, warn: () => {} });
  for (let s = 0; s < 4; s++) {
    for (let k = 0; k <= s; k++) store.add('http_reqs', 1, TAGS); // 1, 2, 3, 4 requests in seconds 0..3
    store.flushSecond(T0 + s * 1000);
  }
  // seconds 0 and 1 are the warm-up: the totals hold seconds 2 and 3 only (3 + 4)
  assert.equal(store.flushedTotal('http_reqs')?.values(0).count, 7);
});
