// Render tests of report.html on the stored run fixtures, through `loadcert report DIR`.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, existsSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runReportCommand, writeReports } from '../../../src/report/index.ts';
import { criterionRow } from '../../../src/report/criteria.ts';
import { captureIO, copyFixture, fixtureSummary, html, sectionRows } from './helpers.ts';

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
  assert.equal(rows.length, summary.thresholds.length);
  summary.thresholds.forEach((t, i) => {
    const want = criterionRow(t);
    assert.ok(rows[i].includes(html(want.label)), `row ${i} label`);
    assert.ok(rows[i].includes(html(want.target)), `row ${i} target ${want.target}`);
    assert.ok(rows[i].includes(html(want.measured)), `row ${i} measured ${want.measured}`);
    assert.ok(rows[i].includes(html(want.margin)), `row ${i} margin ${want.margin}`);
    assert.match(rows[i], /badge-pass">pass</);
  });
  for (const fact of ['sprint4-capacity', 'http://127.0.0.1:8080', '2025-03-14 09:30:00 UTC', '1 min', '0.1.0', '3f9c2a1d5e7b'])
    assert.ok(page.includes(html(fact)), fact);
  assert.ok(!page.includes('data ends early'));
});

test('failing run: NOT CERTIFIED, failed and not-measured criteria shown as failures with reasons', async () => {
  const { page } = await render('failing');
  assert.match(page, /<h1 id="verdict">NOT CERTIFIED<\/h1>/);
  const rows = sectionRows(page, 'criteria');
  assert.equal(rows.length, 5);
  assert.match(rows[0], /class="fail"/);
  assert.match(rows[0], /API response time, 95th percentile/);
  assert.match(rows[0], /2,430 ms/);
  assert.match(rows[0], /badge-fail">fail</);
  assert.match(rows[2], /class="pass"/);
  assert.match(rows[4], /badge-fail">not measured</);
  assert.match(rows[4], /received no values/);
  // alerts from the time series, and the preflight diagnosis
  const alerts = sectionRows(page, 'alerts').join('\n');
  for (const rule of ['Container memory above 80 %', 'Container CPU above 70 % sustained', 'Container restarted', 'API response time above 5 s', 'authentication failures'])
    assert.ok(alerts.includes(rule), rule);
  assert.ok(page.includes('requires authentication'));
  assert.ok(page.includes('Warnings about the load generator'));
});

test('aborted run says INCOMPLETE with the reason', async () => {
  const { page } = await render('aborted');
  assert.match(page, /<h1 id="verdict">INCOMPLETE<\/h1>/);
  assert.match(page, /verdict-incomplete/);
  assert.ok(page.includes('stopped by Ctrl-C'));
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
