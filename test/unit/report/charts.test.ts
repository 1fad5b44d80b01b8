// Downsampling bounds, chart paths, target sums, alert episodes and the streaming reader.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { downsampleMinMax } from '../../../src/report/downsample.ts';
import { buildChart } from '../../../src/report/chart-model.ts';
import { sumTargets } from '../../../src/report/charts.ts';
import { evaluateAlerts } from '../../../src/report/alerts.ts';
import { readTimeseries } from '../../../src/report/timeseries-reader.ts';
import { readFileSync } from 'node:fs';
import { RUNS, fixtureSummary } from './helpers.ts';
import { shippedAlertRules } from '../../helpers/alert-rules.ts';

test('downsampling keeps at most maxPoints and preserves the extremes', () => {
  const n = 3600;
  const x = Array.from({ length: n }, (_, i) => i);
  const y = x.map((i) => Math.sin(i / 50) * 10);
  y[1234] = 999;
  y[2345] = -999;
  const out = downsampleMinMax(x, y, 600);
  assert.ok(out.length <= 600, `${out.length}`);
  assert.ok(out.some(([, v]) => v === 999));
  assert.ok(out.some(([, v]) => v === -999));
  for (let i = 1; i < out.length; i++) assert.ok(out[i][0] > out[i - 1][0], 'x stays ordered');
  assert.equal(downsampleMinMax([1, 2], [3, 4], 600).length, 2);
});

test('a chart of 3,600 points has one bounded path per line and the criterion line', () => {
  const x = Array.from({ length: 3600 }, (_, i) => i);
  const m = buildChart({ id: 'c', title: 't', xKind: 'time', xDomain: [0, 3600], yFormat: String, lines: [{ label: 'a', x, y: x.map((i) => i % 97) }],
    refs: [{ y: 2000, label: 'criterion', kind: 'criterion' }] });
  assert.equal(m.paths.length, 1);
  assert.ok(m.paths[0].d.startsWith('M'));
  assert.ok(m.paths[0].d.split('L').length <= 600);
  assert.equal(m.refs.length, 1);
  assert.ok(m.xTicks.length >= 3 && m.xTicks.length <= 12);
  assert.equal(buildChart({ id: 'e', title: 'e', xKind: 'time', yFormat: String, lines: [] }).empty, true);
});

test('an axis scales to the data: a criterion far above is a labelled marker at the top edge, one nearby a line', () => {
  const x = Array.from({ length: 60 }, (_, i) => i);
  const p95 = x.map((i) => 9 + (i % 5)); // about 11 ms
  const far = buildChart({ id: 'l', title: 'latency', xKind: 'time', xDomain: [0, 60], yFormat: String, lines: [{ label: 'p95', x, y: p95 }],
    refs: [{ y: 2000, label: 'criterion p(95)<2000', kind: 'criterion' }] });
  const top = Math.max(...far.yTicks.map((t) => Number(t.label)));
  assert.ok(top >= 13 && top <= 20, `the axis ends near the data (13 ms), not at 2000: ${top}`);
  assert.equal(far.refs.length, 1);
  assert.equal(far.refs[0].off, true);
  assert.equal(far.refs[0].y, far.plot.y, 'at the top edge');
  assert.match(far.refs[0].label, /criterion p\(95\)<2000: above the chart/);
  assert.match(far.refs[0].marker, /^M[\d.]+,[\d.]+L[\d.]+,[\d.]+L[\d.]+,[\d.]+Z$/);
  const near = buildChart({ id: 'n', title: 'latency', xKind: 'time', xDomain: [0, 60], yFormat: String, lines: [{ label: 'p95', x, y: p95 }],
    refs: [{ y: 20, label: 'criterion p(95)<20', kind: 'criterion' }] });
  assert.equal(near.refs[0].off, false);
  assert.ok(Math.max(...near.yTicks.map((t) => Number(t.label))) >= 20, 'a criterion within twice the data stays a line on the axis');
});

test('target corners of workloads add up, shifted by their start', () => {
  const sum = sumTargets([
    { name: 'a', executor: 'x', kind: 'http', startTime: 0, duration: 60, targetRate: [[0, 100], [60, 100]] },
    { name: 'b', executor: 'x', kind: 'http', startTime: 30, duration: 30, targetRate: [[0, 0], [30, 50]] },
  ], (w) => w.targetRate);
  const at = (x: number) => sum.filter((p) => p[0] === x).map((p) => p[1]);
  assert.deepEqual(at(0), [0, 100], 'a vertical edge where workload a starts');
  assert.deepEqual(at(30), [100], 'b starts at 0 req/s: no edge');
  assert.deepEqual(at(60), [150, 0], 'both end at 60 s');
});

test('the alert rules of thresholds.json fire on the failing time series with when and how long', { timeout: 20_000 }, async () => {
  // the failing run (test/fixtures/scenarios/runs/failing.ts) switched health 401 and 5.5 s latencies on 2 s after its start
  const rules = await shippedAlertRules();
  const ts = await readTimeseries(join(RUNS, 'failing', 'timeseries.ndjson'), rules);
  const alerts = evaluateAlerts(ts.alerts);
  const start = Date.parse(fixtureSummary('failing').loadcert.startTime);
  const find = (rule: string) => { const a = alerts.find((x) => x.rule.startsWith(rule)); assert.ok(a, `alert "${rule}" among ${alerts.map((x) => x.rule).join('; ')}`); return a; };
  const slow = find('API response time above 5 s');
  assert.equal(slow.severity, 'critical');
  assert.ok(slow.startMs - start >= 7000, `raised ${slow.startMs - start} ms after the start: no response can take 5 s before 2 s + 5 s`);
  assert.ok(slow.durationS >= 1);
  const auth = find('Spike of authentication');
  assert.equal(auth.severity, 'warning');
  assert.ok(auth.startMs - start >= 2000, `raised ${auth.startMs - start} ms after the start, before the health 401 fault`);
  assert.ok(auth.durationS >= 1);
  assert.equal(alerts.length, 2, 'no other rule fires on this run');
  const passing = await readTimeseries(join(RUNS, 'passing', 'timeseries.ndjson'), rules);
  assert.deepEqual(evaluateAlerts(passing.alerts), []);
});

test('the reader tolerates a cut-off last line and counts points', async () => {
  const ts = await readTimeseries(join(RUNS, 'truncated', 'timeseries.ndjson'));
  assert.equal(ts.truncated, true);
  const whole = readFileSync(join(RUNS, 'truncated', 'timeseries.ndjson'), 'utf8').split('\n').length - 1; // lines before the cut one
  assert.ok(whole >= 2, 'the fixture keeps whole seconds before the cut');
  assert.equal(ts.collector.points, whole);
  assert.equal(ts.badLines, 0);
  const missing = await readTimeseries(join(RUNS, 'nope.ndjson'));
  assert.equal(missing.present, false);
});
