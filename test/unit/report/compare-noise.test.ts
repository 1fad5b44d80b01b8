// The regression gate over real stored runs: run-to-run noise in the tail is no regression, a 20 % slower build is.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { compareRuns } from '../../../src/report/compare.ts';
import { loadRunSummary } from '../../../src/report/load-run.ts';
import { rankTestWorseBeyond } from '../../../src/stats/rank-test.ts';
import { proportionWorseBeyond, rateWorseBeyond } from '../../../src/stats/rate-tests.ts';
import { writeReports } from '../../../src/report/write-reports.ts';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';

const REAL = fileURLToPath(new URL('../../fixtures/runs/real-smoke/', import.meta.url));
const load = (name: string) => loadRunSummary(join(REAL, name));
const keyRow = (c: ReturnType<typeof compareRuns>, label: string) => c.rows.find((r) => r.label === label)!;

test('two real runs of the same build: p95 +93 % and p99 +516 % are no regression shown, but 500 samples cannot rule one out: cannot tell', async () => {
  const c = compareRuns(await load('same-a'), await load('same-b'), 10);
  const p99 = keyRow(c, 'HTTP response time, 99th percentile');
  assert.ok(p99.regressionPct! > 10, 'the tail did get worse by more than the limit');
  assert.equal(p99.regression, false);
  // the rank test's 95 % interval of the shift is about [+5 %, +15 %]: it reaches above the 10 % limit
  assert.equal(p99.cannotTell, true);
  assert.ok(p99.bounds!.upperPct > 10 && p99.bounds!.lowerPct < 10, JSON.stringify(p99.bounds));
  assert.match(p99.note, /^cannot tell \(needs about [\d,]+ samples per run, or a limit of \d+ %\)$/);
  assert.match(p99.detectableText, /^±[\d.]+ %$/);
  assert.equal(p99.test?.method, 'rank test');
  assert.equal(p99.test?.nBase, 500);
  assert.equal(p99.test?.nRun, 500);
  assert.ok(p99.test!.confidence < 0.95);
  assert.match(p99.testText, /^n 500\/500, [\d.]+ %$/);
  assert.equal(c.regressions, 0, c.rows.filter((r) => r.regression).map((r) => r.label).join(', '));
  assert.equal(c.outcome, 'cannot tell');
  assert.equal(c.ok, false, 'cannot tell is never read as no regression');
});

test('a real build 20 % slower regresses on the response-time rows at 95 % confidence; the other way round it does not', async () => {
  const base = await load('same-a');
  const slow = await load('slow-x1.2');
  const c = compareRuns(base, slow, 10);
  assert.equal(c.ok, false);
  const p50 = keyRow(c, 'HTTP response time, median (p50)');
  assert.equal(p50.regression, true);
  assert.ok(p50.test!.confidence >= 0.95);
  const faster = compareRuns(slow, base, 10);
  assert.equal(faster.regressions, 0);
  const fp50 = keyRow(faster, 'HTTP response time, median (p50)');
  assert.ok(!fp50.cannotTell && fp50.bounds!.upperPct < 0, 'faster: the whole interval is below 0 %');
  // a higher confidence demand than the evidence gives keeps it from being called
  assert.equal(keyRow(compareRuns(base, slow, 25), 'HTTP response time, median (p50)').regression, false, '+26 % is not beyond 25 % with confidence');
});

test('a criterion that passed in the baseline and fails now is a regression whatever the noise', async () => {
  const base = await load('same-a');
  const run = structuredClone(await load('same-b'));
  const i = run.thresholds.findIndex((t) => t.metric === 'http_req_duration' && t.status === 'met');
  run.thresholds[i] = { ...run.thresholds[i], ok: false, status: 'failed' };
  const c = compareRuns(base, run, 10);
  assert.equal(c.rows[i].regression, true);
  assert.match(c.rows[i].note, /passed in the baseline, fails now/);
});

test('a much wider limit than the samples need: no regression, and the row says so (no cannot tell)', async () => {
  const c = compareRuns(await load('same-a'), await load('same-b'), 20);
  const p50 = keyRow(c, 'HTTP response time, median (p50)');
  assert.equal(p50.cannotTell, false, p50.note);
  assert.ok(p50.bounds!.upperPct <= 20 && p50.bounds!.detectablePct <= 20);
});

test('rank test on bucket counts: identical samples give no confidence of a worsening; a clear shift gives full', () => {
  const b = [{ value: 10, count: 100 }, { value: 20, count: 100 }];
  assert.ok(rankTestWorseBeyond(b, b, 0, 'higher').confidence < 0.6);
  const shifted = b.map((x) => ({ value: x.value * 1.5, count: x.count }));
  assert.ok(rankTestWorseBeyond(b, shifted, 10, 'higher').confidence > 0.99);
  assert.ok(rankTestWorseBeyond(shifted, b, 10, 'lower').confidence > 0.99, 'lower is worse: run below base x 0.9');
  assert.equal(rankTestWorseBeyond([], b, 10, 'higher').confidence, 0);
});

test('proportion and count tests: sample sizes, a real rise is confident, no errors on either side is not', () => {
  assert.equal(proportionWorseBeyond({ hits: 0, n: 500 }, { hits: 0, n: 500 }, 10, 'higher').confidence, 0);
  assert.ok(proportionWorseBeyond({ hits: 5, n: 5000 }, { hits: 100, n: 5000 }, 10, 'higher').confidence > 0.99);
  assert.ok(proportionWorseBeyond({ hits: 5, n: 5000 }, { hits: 6, n: 5000 }, 10, 'higher').confidence < 0.95, 'one more error is noise');
  const r = rateWorseBeyond({ count: 5000, seconds: 10 }, { count: 4000, seconds: 10 }, 10, 'lower');
  assert.deepEqual([r.nBase, r.nRun], [5000, 4000]);
  assert.ok(r.confidence > 0.99);
  assert.ok(rateWorseBeyond({ count: 500, seconds: 10 }, { count: 495, seconds: 10 }, 10, 'lower').confidence < 0.5);
});

test('the report and summary.md of a run compared with a baseline show samples and confidence beside each row', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'loadcert-cmp-report-'));
  await writeReports(dir, await load('slow-x1.2'), { baseline: await load('same-a') });
  const html = readFileSync(join(dir, 'report.html'), 'utf8');
  assert.match(html, /Samples, confidence/);
  assert.match(html, /n 500\/500, ≥99\.9 %/);
  assert.match(html, /at least 95 % confident/);
  assert.match(readFileSync(join(dir, 'summary.md'), 'utf8'), /regression\(s\) beyond 10 % at 95 % confidence/);
});
