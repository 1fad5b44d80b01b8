// summary.md: verdict, criteria table, escaping, and appending to $GITHUB_STEP_SUMMARY.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { writeReports } from '../../../src/report/index.ts';
import { copyFixture, fixtureSummary } from './helpers.ts';

test('summary.md holds the verdict and one table row per criterion', async () => {
  const dir = copyFixture('failing');
  const out = await writeReports(dir, fixtureSummary('failing'), { stepSummaryPath: null });
  const md = readFileSync(out.markdown, 'utf8');
  assert.match(md, /^### ❌ NOT CERTIFIED: sprint4-capacity/);
  assert.match(md, /\| Criterion \| Target \| Measured \| Margin \| Result \|/);
  const rows = md.split('\n').filter((l) => l.startsWith('| ') && !l.startsWith('| Criterion'));
  assert.equal(rows.length, 5);
  assert.match(rows[0], /API response time, 95th percentile \| &lt; 2,000 ms \| 2,430 ms \|.*\| ❌ fail \|/);
  assert.match(rows[4], /not measured \|.*⚠️ not measured \|/);
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
  assert.ok(text.startsWith('previous step\n### ✅ CERTIFIED: sprint4-capacity'));
});

test('hostile strings cannot add table cells, HTML or links', async () => {
  const dir = copyFixture('hostile');
  const out = await writeReports(dir, fixtureSummary('hostile'), { stepSummaryPath: null });
  const md = readFileSync(out.markdown, 'utf8');
  assert.doesNotMatch(md, /<script|<b>|<img/);
  for (const row of md.split('\n').filter((l) => l.startsWith('| ') && !l.startsWith('| Criterion')))
    assert.equal(row.split(/(?<!\\)\|/).length, 7, row);
});
