// Render tests of report.html on the stored run fixtures (real runs: scripts/fixtures/make-runs.mjs), through `loadcert report DIR`.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, existsSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runReportCommand, writeReports } from '../../../src/report/index.ts';
import { criterionRow } from '../../../src/report/criteria.ts';
import { formatDate } from '../../../src/report/format.ts';
import { formatDuration } from '../../../src/contracts/duration.ts';
import { captureIO, copyFixture, fixtureSummary, html, sectionRows } from './helpers.ts';

/** The criteria row whose label is `label`. */
function rowOf(rows: string[], label: string): string {
  const row = rows.find((r) => r.includes(`<span class="label">${html(label)}</span>`));
  assert.ok(row, `a row for "${label}"`);
  return row;
}

async function render(name: string): Promise<{ dir: string; page: string; io: ReturnType<typeof captureIO> }> {
  const dir = copyFixture(name);
  const io = captureIO();
  const code = await runReportCommand([dir], io);
  assert.equal(code, 0, io.stderr);
  return { dir, page: readFileSync(join(dir, 'report.html'), 'utf8'), io };
}

test('passing run: CERTIFIED with every criterion row, target, measured value and margin', async () => {
  const { page } = await render('passing');
  assert.match(page, /<h1 id="verdict">CERTIFIED<\/h1>/);
  const summary = fixtureSummary('passing');
  const rows = sectionRows(page, 'criteria');
  const applicable = summary.thresholds.filter((t) => criterionRow(t).result !== 'not applicable');
  assert.ok(applicable.length >= 4, 'the run has criteria that apply');
  for (const t of summary.thresholds) {
    const want = criterionRow(t);
    const row = rowOf(rows, want.label);
    if (want.result === 'not applicable') { assert.match(row, /class="skip"/, want.label); continue; }
    assert.ok(row.includes(html(want.target)), `${want.label}: target ${want.target}`);
    assert.ok(row.includes(html(want.measured)), `${want.label}: measured ${want.measured}`);
    assert.ok(row.includes(html(want.margin)), `${want.label}: margin ${want.margin}`);
    assert.match(row, /badge-pass">pass</);
  }
  const m = summary.loadcert;
  for (const fact of [m.scenario, m.baseUrl, formatDate(m.startTime), formatDuration(m.durationMs), m.version, ...(m.gitCommit ? [m.gitCommit.slice(0, 12)] : [])])
    assert.ok(page.includes(html(fact)), fact);
  assert.ok(!page.includes('data ends early'));
});

test('failing run: NOT CERTIFIED, failed and not-measured criteria shown as failures with reasons', async () => {
  // the run switched on 5.5 s latencies, 5 % errors and health 401 after 2 s, and has a criterion on an endpoint it never called
  const { page } = await render('failing');
  assert.match(page, /<h1 id="verdict">NOT CERTIFIED<\/h1>/);
  const summary = fixtureSummary('failing');
  const rows = sectionRows(page, 'criteria');
  const results = summary.thresholds.map((t) => criterionRow(t).result);
  assert.ok(results.includes('fail') && results.includes('pass') && results.includes('not measured'), results.join(', '));
  for (const t of summary.thresholds) {
    const want = criterionRow(t);
    const row = rowOf(rows, want.label);
    if (want.result === 'fail') { assert.match(row, /class="fail"[\s\S]*badge-fail">fail</, want.label); assert.ok(row.includes(html(want.measured)), `${want.label}: ${want.measured}`); }
    if (want.result === 'pass') assert.match(row, /class="pass"/, want.label);
    if (want.result === 'not measured') { assert.match(row, /badge-fail">not measured</); assert.match(row, /received no values/); }
  }
  assert.match(rowOf(rows, 'API response time, 95th percentile'), /badge-fail">fail</, 'the 5.5 s latencies fail the 2 s criterion');
  // alerts from the time series
  const alerts = sectionRows(page, 'alerts').join('\n');
  for (const rule of ['API response time above 5 s', 'authentication failures'])
    assert.ok(alerts.includes(rule), rule);
});

test('aborted run says INCOMPLETE with the reason', async () => {
  const { page } = await render('aborted');
  assert.match(page, /<h1 id="verdict">INCOMPLETE<\/h1>/);
  assert.match(page, /verdict-incomplete/);
  assert.ok(page.includes(html(fixtureSummary('aborted').loadcert.abortReason!)), 'the abort reason');
});

test('truncated timeseries renders what is there and says the data ends early', async () => {
  const { page, io } = await render('truncated');
  assert.ok(page.includes('The time series data ends early'));
  assert.match(io.stdout, /data ends early/);
  assert.match(page, /<path class="series" d="M[^"]+"/);
});

test('charts are inline SVG with non-empty paths; no script, no external reference', async () => {
  const { page } = await render('failing');
  for (const id of ['chart-rate', 'chart-latency', 'chart-errors', 'chart-vus', 'chart-distribution', 'chart-cpu', 'chart-memory', 'chart-disk'])
    assert.match(page, new RegExp(`<figure class="chart" id="${id}">[\\s\\S]*?<path class="series[^"]*" d="M[\\d.,ML-]+"`), id);
  assert.doesNotMatch(page, /<script/i);
  assert.doesNotMatch(page, /(src|href)="(https?:)?\/\//i);
  assert.match(page, /criterion p\(95\)&lt;2000/);
});

test('hostile strings reach the page escaped: no markup, no template evaluation', async () => {
  const { page } = await render('hostile');
  assert.doesNotMatch(page, /<script/i);
  assert.doesNotMatch(page, /<img/i);
  assert.doesNotMatch(page, /<b>bold/);
  assert.doesNotMatch(page, / onload="/);
  assert.ok(page.includes('&lt;script&gt;window.__pwned&#x3D;1&lt;/script&gt;'));
  assert.ok(page.includes('{{constructor}}'), 'template syntax in data stays literal');
  assert.ok(page.includes('{{{raw}}}'));
});

test('empty folder exits 104 naming the folder; a missing folder too', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'loadcert-empty-'));
  const io = captureIO();
  assert.equal(await runReportCommand([dir], io), 104);
  assert.ok(io.stderr.includes(dir));
  assert.match(io.stderr, /no results/);
  rmSync(dir, { recursive: true });
  const io2 = captureIO();
  assert.equal(await runReportCommand([dir], io2), 104);
  assert.match(io2.stderr, /does not exist/);
});

test('usage: --help prints help and exits 0; no folder exits 104', async () => {
  const io = captureIO();
  assert.equal(await runReportCommand(['--help'], io), 0);
  assert.match(io.stdout, /Usage: loadcert report DIR/);
  const io2 = captureIO();
  assert.equal(await runReportCommand([], io2), 104);
  assert.match(io2.stderr, /run folder is missing/);
});

test('a crashed run with only timeseries.ndjson renders INCOMPLETE', async () => {
  const dir = copyFixture('aborted');
  rmSync(join(dir, 'summary.json'));
  const io = captureIO();
  assert.equal(await runReportCommand([dir], io), 0, io.stderr);
  const page = readFileSync(join(dir, 'report.html'), 'utf8');
  assert.match(page, /<h1 id="verdict">INCOMPLETE<\/h1>/);
  assert.ok(page.includes('summary.json is missing'));
});

test('writeReports with a baseline adds the comparison section', async () => {
  const dir = copyFixture('failing');
  const out = await writeReports(dir, fixtureSummary('failing'), { baseline: fixtureSummary('passing'), stepSummaryPath: null });
  assert.ok(existsSync(out.html) && existsSync(out.junit) && existsSync(out.markdown));
  const page = readFileSync(out.html, 'utf8');
  assert.ok(page.includes('Compared with baseline'));
  assert.ok(sectionRows(page, 'comparison').some((r) => r.includes('regressed')));
});
