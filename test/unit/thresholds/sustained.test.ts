import { test } from 'node:test';
import assert from 'node:assert/strict';
import { MetricStore } from '../../../src/metrics/store.ts';
import { tagSet, NO_TAGS } from '../../../src/metrics/tagset.ts';
import { compileThresholds } from '../../../src/thresholds/validate.ts';
import { ThresholdEvaluator } from '../../../src/thresholds/evaluator.ts';
import { RollingMax, combineSecond } from '../../../src/thresholds/sustained.ts';
import type { ThresholdMap } from '../../../src/contracts/threshold-types.ts';
import { testRegistry } from './helpers.ts';

const T0 = 1_700_000_000_000;

function setup(map: ThresholdMap): { store: MetricStore; ev: ThresholdEvaluator } {
  const registry = testRegistry();
  const store = new MetricStore(registry);
  const ev = new ThresholdEvaluator(compileThresholds([{ map, file: 'thresholds.json' }], registry), store);
  return { store, ev };
}

/** Feeds one flushed second per entry: `record(second)` adds that second's samples. */
function run(store: MetricStore, seconds: number, record: (s: number) => void, from = 0): void {
  for (let s = from; s < from + seconds; s++) { record(s); store.flushSecond(T0 + s * 1000); }
}

test('RollingMax: highest window average, whole-run average when shorter than the window', () => {
  const w = new RollingMax(3000);
  assert.equal(w.value(), undefined);
  [10, 20].forEach((v, i) => w.push(T0 + i * 1000, v));
  assert.equal(w.full, false);
  assert.equal(w.value(), 15, 'run shorter than the window: average of the whole run');
  [30, 90, 0, 0, 0].forEach((v, i) => w.push(T0 + (i + 2) * 1000, v));
  assert.equal(w.full, true);
  assert.equal(w.value(), 140 / 3, 'best window is 20,30,90 (10,20,30 = 20; 30,90,0 = 40)');
  const one = new RollingMax(200);
  assert.equal(one.seconds, 1, 'sub-second windows round up to one second');
});

test('combineSecond: counters sum, gauges max, rates pool, trends weight by count', () => {
  assert.equal(combineSecond('counter', [{ count: 3, rate: 3 }, { count: 4, rate: 4 }]), 7);
  assert.equal(combineSecond('gauge', [{ value: 40 }, { value: 75 }]), 75);
  assert.equal(combineSecond('rate', [{ rate: 1, passes: 9, fails: 0 }, { rate: 0, passes: 0, fails: 1 }]), 0.9);
  assert.equal(combineSecond('trend', [{ avg: 10, count: 1 }, { avg: 100, count: 9 }]), 91);
  assert.equal(combineSecond('trend', []), undefined);
});

test('CPU not above 70% sustained for 60s: a short spike passes, a long plateau fails', () => {
  const { store, ev } = setup({ 'container_cpu_percent{container:api}': ['sustained(60s) < 70'], container_cpu_percent: ['max < 99'] });
  const api = tagSet({ container: 'api' });
  const db = tagSet({ container: 'db' });
  // 120 s at 50% with a 30 s spike to 95%: the worst 60 s window averages (30*95 + 30*50)/60 = 72.5
  run(store, 120, (s) => {
    store.add('container_cpu_percent', s >= 40 && s < 70 ? 95 : 50, api);
    store.add('container_cpu_percent', 99, db); // another container must not count
  });
  let [cpu] = ev.evaluate(120_000);
  assert.equal(cpu.observed, 72.5);
  assert.equal(cpu.ok, false);
  assert.equal(cpu.label, 'Container CPU (container api), sustained over 1m');
  assert.equal(cpu.unit, '');

  const short = setup({ 'container_cpu_percent{container:api}': ['sustained(60s) < 70'] });
  run(short.store, 120, (s) => short.store.add('container_cpu_percent', s >= 40 && s < 50 ? 95 : 50, api));
  [cpu] = short.ev.evaluate(120_000);
  assert.equal(Math.round(cpu.observed! * 1000) / 1000, 57.5, '10 s at 95 in 60 s: (10*95 + 50*50)/60');
  assert.equal(cpu.ok, true);
});

test('throughput reached: http_reqs sustained(30s) >= 495 over summed tag series, gaps count as zero', () => {
  const { store, ev } = setup({ http_reqs: ['sustained(30s) >= 495'], 'http_reqs{scenario:api}': ['sustained(30s) >= 495'] });
  const ok = tagSet({ scenario: 'api', status: '200' });
  const err = tagSet({ scenario: 'api', status: '500' });
  const other = tagSet({ scenario: 'browse', status: '200' });
  // ramp 0 -> 500 over 20 s, then 40 s at 490 (api: 480 ok + 10 errors) + 10/s elsewhere
  run(store, 60, (s) => {
    const n = s < 20 ? s * 25 : 480;
    for (let i = 0; i < n; i++) store.add('http_reqs', 1, ok);
    if (s >= 20) for (let i = 0; i < 10; i++) store.add('http_reqs', 1, err);
    for (let i = 0; i < 10; i++) store.add('http_reqs', 1, other);
  });
  const [total, api] = ev.evaluate(60_000);
  assert.equal(total.observed, 500);
  assert.equal(total.ok, true);
  assert.equal(api.observed, 490);
  assert.equal(api.ok, false);
  assert.equal(total.label, 'HTTP requests per second, sustained over 30s');
  assert.equal(total.unit, '/s');

  const gap = setup({ http_reqs: ['sustained(3s) >= 10'] });
  run(gap.store, 3, (s) => { if (s !== 1) for (let i = 0; i < 12; i++) gap.store.add('http_reqs', 1, NO_TAGS); });
  assert.equal(gap.ev.evaluate(3000)[0].observed, 8, 'a second with no requests counts as 0: (12+0+12)/3');
});

test('run shorter than the window uses the whole run', () => {
  const { store, ev } = setup({ container_cpu_percent: ['sustained(60s) < 70'] });
  const values = [60, 90, 75];
  run(store, values.length, (s) => store.add('container_cpu_percent', values[s], tagSet({ container: 'api' })));
  const [r] = ev.evaluate(3000);
  assert.equal(r.observed, 75);
  assert.equal(r.ok, false);
});

test('trend and rate sustained use per-second avg (weighted) and pooled rate', () => {
  const { store, ev } = setup({ http_req_duration: ['sustained(2s) < 100'], http_req_failed: ['sustained(2s) < 0.1'] });
  const a = tagSet({ name: 'a' });
  const b = tagSet({ name: 'b' });
  const perSecond: Array<[number[], number[], number, number]> = [
    [[10], [10], 0, 10], // avg 10, 0 failures of 10
    [[400], [20, 20, 20, 20, 20, 20, 20, 20, 20], 1, 9], // avg (400 + 9*20)/10 = 58, 1 failure of 10
    [[300, 300], [30, 30], 5, 5], // avg 165, 5 of 10
    [[10], [10], 0, 10],
  ];
  run(store, perSecond.length, (s) => {
    const [va, vb, fails, passes] = perSecond[s];
    for (const v of va) store.add('http_req_duration', v, a);
    for (const v of vb) store.add('http_req_duration', v, b);
    for (let i = 0; i < fails; i++) store.add('http_req_failed', 1, a);
    for (let i = 0; i < passes; i++) store.add('http_req_failed', 0, b);
  });
  const [dur, failed] = ev.evaluate(4000);
  assert.equal(dur.observed, (58 + 165) / 2);
  assert.equal(dur.ok, false);
  assert.equal(failed.observed, (0.1 + 0.5) / 2);
  assert.equal(failed.unit, '%');
});

test('sustained abortOnFail waits for a full window, then aborts', () => {
  const { store, ev } = setup({ container_cpu_percent: [{ threshold: 'sustained(5s) < 70', abortOnFail: true }] });
  run(store, 3, () => store.add('container_cpu_percent', 90, NO_TAGS));
  assert.equal(ev.shouldAbort(3000), undefined, 'window of 5 s not yet full');
  run(store, 2, () => store.add('container_cpu_percent', 90, NO_TAGS), 3);
  const hit = ev.shouldAbort(5000);
  assert.equal(hit?.observed, 90);
  assert.equal(hit?.aborted, true);
});
