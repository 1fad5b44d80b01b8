// The report's dashboard of a real run (enterprise-docs against the reference stack, with both probes) in
// real headless Chromium: the six panels in the sprint order, every chart drawn and readable (data spread
// over the plot, far criteria as edge markers), one screenshot per chart in test-output/charts/.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL, fileURLToPath } from 'node:url';
import type { BrowserContext } from 'playwright-core';
import { writeReports } from '../../src/report/index.ts';
import { copyFixture, fixtureSummary } from '../unit/report/helpers.ts';
import { chromiumUnavailable, launchChromium } from './chromium.ts';

const OUTPUT = fileURLToPath(new URL('../../test-output/charts/', import.meta.url));
const skip = chromiumUnavailable();

let browser: { context: BrowserContext; close(): Promise<void> } | undefined;
before(async () => { if (!skip) browser = await launchChromium(); });
after(async () => { await browser?.close(); });

test('dashboard panels in order; each chart drawn, its data filling the plot, far criteria as markers; screenshots', { skip, timeout: 60_000 }, async () => {
  const dir = copyFixture('enterprise-docs');
  const out = await writeReports(dir, fixtureSummary('enterprise-docs'), { stepSummaryPath: null });
  const page = await browser!.context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(pathToFileURL(out.html).href, { waitUntil: 'load' });
  assert.deepEqual(errors, []);
  assert.deepEqual(await page.locator('#charts h3.panel-title').allTextContents(),
    ['Resources', 'Response time and throughput', 'Database', 'Cache hit ratio', 'Errors by status', 'Sessions']);
  const charts = await page.locator('figure.chart').evaluateAll((figs) => figs.map((f) => {
    const svg = f.querySelector('svg')!;
    const grid = [...svg.querySelectorAll('g.grid line')].map((l) => l.getBoundingClientRect());
    const plotTop = Math.min(...grid.map((r) => r.top));
    const plotBottom = Math.max(...grid.map((r) => r.bottom));
    const paths = [...svg.querySelectorAll('path.series')].map((p) => p.getBoundingClientRect());
    return {
      id: f.id, panel: f.closest('section.panel')?.querySelector('h3.panel-title')?.textContent ?? '',
      paths: paths.length, dataTop: Math.min(...paths.map((r) => r.top)), plotTop, plotBottom,
      markers: [...svg.querySelectorAll('path.refmark')].length,
      refLabels: [...svg.querySelectorAll('text.reflabel')].map((t) => t.textContent ?? ''),
    };
  }));
  const ids = charts.map((c) => c.id);
  for (const id of ['chart-cpu', 'chart-rate', 'chart-latency', 'chart-db-time', 'chart-db-load', 'chart-cache', 'chart-errors', 'chart-vus']) assert.ok(ids.includes(id), `${id} in ${ids}`);
  mkdirSync(OUTPUT, { recursive: true });
  for (const c of charts) {
    assert.ok(c.paths > 0, `${c.id} has lines`);
    await page.locator(`#${c.id}`).screenshot({ path: join(OUTPUT, `${c.id}.png`) });
  }
  const by = (id: string) => charts.find((c) => c.id === id)!;
  // p95 of tens of ms under a 2 s criterion: the data reaches the upper part of the plot, the criterion is a marker
  for (const id of ['chart-latency', 'chart-db-time']) {
    const c = by(id);
    const filled = (c.plotBottom - c.dataTop) / (c.plotBottom - c.plotTop);
    assert.ok(filled > 0.45, `${id}: the highest line reaches ${Math.round(filled * 100)} % of the plot height`);
    assert.ok(c.markers >= 1 && c.refLabels.some((l) => /criterion .*: above the chart/.test(l)), `${id}: ${JSON.stringify(c.refLabels)}`);
  }
  assert.match(by('chart-cache').refLabels.join(), /criterion value>=70/);
  await page.screenshot({ path: join(OUTPUT, 'dashboard.png'), fullPage: true });
  await page.close();
});
