// summary.md: verdict, criteria table, escaping, and appending to $GITHUB_STEP_SUMMARY.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { writeReports } from '../../../src/report/index.ts';
import { criterionRow } from '../../../src/report/criteria.ts';
import { copyFixture, fixtureSummary } from './helpers.ts';

test('summary.md holds the verdict and one table row per criterion', async () => {
  const dir = copyFixture('failing');
  const out = await writeReports(dir, fixtureSummary('failing'), { stepSummaryPath: null });
  const md = readFileSync(out.markdown, 'utf8');
  const s = fixtureSummary('failing');
  assert.ok(md.startsWith(`### ❌ NOT CERTIFIED: ${s.loadcert.scenario}`), md.slice(0, 80));
  assert.match(md, /\| Criterion \| Target \| Measured \| Margin \| Result \|/);
  const rows = md.split('\n').filter((l) => l.startsWith('| ') && !l.startsWith('| Criterion'));
  const applicable = s.thresholds.map((t) => criterionRow(t)).filter((r) => r.result !== 'not applicable');
  assert.equal(rows.length, applicable.length);
  assert.match(rows[0], /API response time, 95th percentile \| &lt; 2,000 ms \| [\d,.]+ ms \|.*\| ❌ fail \|/);
  assert.ok(rows.some((r) => /not measured \|.*⚠️ not measured \|/.test(r)), 'the criterion on an endpoint never called');
  assert.match(md, /\*\*Alerts:\*\* \d+ critical, \d+ warning/);
  assert.match(md, /\*\*Key figures:\*\* p50/);
});

test('appends to GITHUB_STEP_SUMMARY when set', async () => {
  const dir = copyFixture('passing');
  const step = join(dir, 'step-summary.md');
  writeFileSync(step, 'previous step\n');
  process.env.GITHUB_STEP_SUMMARY = step;
  try {
    const out = await writeReports(dir, fixtureSummary('passing'));
    assert.equal(out.stepSummary, step);
  } finally {
    delete process.env.GITHUB_STEP_SUMMARY;
  }
  const text = readFileSync(step, 'utf8');
  assert.ok(text.startsWith(`previous step\n### ✅ CERTIFIED: ${fixtureSummary('passing').loadcert.scenario}`), text.slice(0, 80));
});

test('hostile strings cannot add table cells, HTML or links', async () => {
  const dir = copyFixture('hostile');
  const out = await writeReports(dir, fixtureSummary('hostile'), { stepSummaryPath: null });
  const md = readFileSync(out.markdown, 'utf8');
  assert.doesNotMatch(md, /<script|<b>|<img/);
  for (const row of md.split('\n').filter((l) => l.startsWith('| ') && !l.startsWith('| Criterion')))
    assert.equal(row.split(/(?<!\\)\|/).length, 7, row);
});
