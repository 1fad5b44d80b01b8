// The rendered report in real headless Chromium: loads offline with no errors, draws its charts, runs nothing hostile.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL, fileURLToPath } from 'node:url';
import type { BrowserContext, Page } from 'playwright-core';
import { writeReports } from '../../src/report/index.ts';
import { copyFixture, fixtureSummary } from '../unit/report/helpers.ts';
import { chromiumUnavailable, launchChromium } from './chromium.ts';

const OUTPUT = fileURLToPath(new URL('../../test-output/', import.meta.url));
const skip = chromiumUnavailable();
if (skip) console.log(`# browser tests ${skip}`);

let browser: { context: BrowserContext; close(): Promise<void> } | undefined;
before(async () => { if (!skip) browser = await launchChromium(); });
after(async () => { await browser?.close(); });

/** Renders fixture `name`, opens it, and records console errors, page errors and every request. */
async function open(name: string): Promise<{ page: Page; url: string; requests: string[]; errors: string[] }> {
  const dir = copyFixture(name);
  const out = await writeReports(dir, fixtureSummary(name), { stepSummaryPath: null });
  const url = pathToFileURL(out.html).href;
  const page = await browser!.context.newPage();
  const requests: string[] = [];
  const errors: string[] = [];
  page.on('request', (r) => requests.push(r.url()));
  page.on('console', (m) => { if (m.type() === 'error' || m.type() === 'warning') errors.push(`${m.type()}: ${m.text()}`); });
  page.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`));
  await page.goto(url, { waitUntil: 'load' });
  return { page, url, requests, errors };
}

test('the report loads from file:// with no console error and no request but itself; charts drawn; screenshot', { skip }, async () => {
  const { page, url, requests, errors } = await open('failing');
  assert.deepEqual(errors, []);
  assert.deepEqual(requests, [url]);
  assert.equal(await page.locator('#verdict').textContent(), 'NOT CERTIFIED');
  const charts = await page.locator('figure.chart').evaluateAll((figs) => figs.map((f) => ({
    id: f.id, paths: [...f.querySelectorAll('path.series')].map((p) => p.getAttribute('d') ?? ''),
    box: f.querySelector('svg')!.getBoundingClientRect().height,
  })));
  assert.ok(charts.length >= 8, `charts: ${charts.map((c) => c.id).join(', ')}`);
  for (const c of charts) {
    assert.ok(c.paths.length > 0, `${c.id} has paths`);
    // a series with one second of data (e.g. dropped iterations, reported once) is a single point: M..Z
    for (const d of c.paths) assert.match(d, /^M[\d.]+,[\d.]+[LZ]/, `${c.id} path d`);
    assert.ok(c.paths.some((d) => /^M[\d.]+,[\d.]+L/.test(d)), `${c.id} draws a line`);
    assert.ok(c.box > 100, `${c.id} is visible`);
  }
  assert.equal(await page.locator('script').count(), 0);
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  assert.ok(overflow <= 0, `no horizontal scrolling on a laptop screen (${overflow}px)`);
  mkdirSync(OUTPUT, { recursive: true });
  await page.screenshot({ path: join(OUTPUT, 'report.png'), fullPage: true });
  const pdf = await page.pdf({ format: 'A4', printBackground: true });
  assert.ok(pdf.byteLength > 10_000, 'prints to A4');
  await page.close();
});

test('hostile strings show as text and nothing executes', { skip }, async () => {
  const { page, errors, requests, url } = await open('hostile');
  assert.equal(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned), undefined);
  assert.deepEqual(requests, [url], 'no <img src=x> or other request escaped');
  assert.deepEqual(errors, []);
  assert.equal(await page.locator('script, img, iframe, object').count(), 0);
  assert.equal(await page.locator('[onload], [onerror]').count(), 0);
  const description = fixtureSummary('hostile').loadcert.description!;
  assert.ok(description.startsWith('evil <script>'), 'the fixture carries the payload');
  assert.ok(await page.getByText(description, { exact: true }).first().isVisible(), 'the description shows as text, exactly');
  const payload = page.getByText('<script>window.__pwned=1</script>', { exact: false }).first();
  assert.ok(await payload.isVisible(), 'the payload is visible as text');
  const legend = await page.locator('#chart-cpu .legend').textContent();
  assert.ok(legend!.includes('node <script>window.__pwned=1</script>'), 'process names in legends are text');
  const tick = await page.locator('#chart-disk .legend').textContent();
  assert.ok(tick!.includes('/tmp/loadcert-fixture-data</text><script>'), 'SVG-breaking names are text');
  mkdirSync(OUTPUT, { recursive: true });
  await page.screenshot({ path: join(OUTPUT, 'report-hostile.png'), fullPage: true });
  await page.close();
});

test('an aborted run reads INCOMPLETE in the browser', { skip }, async () => {
  const { page, errors } = await open('aborted');
  assert.deepEqual(errors, []);
  assert.equal(await page.locator('#verdict').textContent(), 'INCOMPLETE');
  await page.close();
});

test('a capacity run shows "Capacity and headroom" with the latency-vs-rate curve drawn and the criterion line', { skip }, async () => {
  // test/fixtures/runs/capacity: summary.json and timeseries.ndjson of a real `loadcert capacity` run against the demo target
  const { page, errors } = await open('capacity');
  assert.deepEqual(errors, []);
  const section = page.locator('section#capacity');
  assert.equal(await section.locator('h2').textContent(), 'Capacity and headroom');
  const curve = await section.locator('figure#capacity-curve').evaluate((f) => ({
    paths: [...f.querySelectorAll('path.series')].map((p) => ({ d: p.getAttribute('d') ?? '', len: (p as SVGPathElement).getTotalLength() })),
    refs: f.querySelectorAll('line.ref').length,
    height: f.querySelector('svg')!.getBoundingClientRect().height,
  }));
  assert.ok(curve.paths.length >= 2, 'p95 and median lines');
  for (const p of curve.paths) { assert.match(p.d, /^M[\d.]+,[\d.]+L/); assert.ok(p.len > 50, `path drawn (${p.len}px)`); }
  assert.ok(curve.refs >= 1, 'the latency criterion is drawn as a line');
  assert.ok(curve.height > 100, 'visible');
  const rows = await section.locator('#capacity-steps tbody tr').count();
  assert.equal(rows, fixtureSummary('capacity').capacity!.steps.length);
  mkdirSync(OUTPUT, { recursive: true });
  await section.screenshot({ path: join(OUTPUT, 'capacity.png') });
  await page.close();
});
