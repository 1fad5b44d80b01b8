// The Resilience section of a real run with a fault, in headless Chromium: one row per fault, the fault
// window shaded on every time chart at the fault's place, the per-fault charts drawn, no console error.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { BrowserContext } from 'playwright-core';
import { readSummary, runCli, tempOut } from '../helpers/cli.ts';
import { faultScenario, startFaultServer, type FaultServer } from '../integration/resilience/fault-server.ts';
import { chromiumUnavailable, launchChromium } from './chromium.ts';

const OUTPUT = fileURLToPath(new URL('../../test-output/', import.meta.url));
const skip = chromiumUnavailable();

let browser: { context: BrowserContext; close(): Promise<void> } | undefined;
let server: FaultServer | undefined;
before(async () => { if (!skip) { browser = await launchChromium(); server = await startFaultServer(); } });
after(async () => { await browser?.close(); await server?.close(); });

test('a run with a fault: Resilience section, fault window shaded on every time chart, per-fault charts', { skip, timeout: 180_000 }, async () => {
  const dir = mkdtempSync(join(tmpdir(), 'loadcert-faults-browser-'));
  writeFileSync(join(dir, 'package.json'), '{ "type": "module" }\n');
  const out = tempOut('loadcert-fault-report-');
  const r = await runCli(['run', faultScenario(dir, server!.url, 'browser', '/__admin/fault?recover=3000'), '--out', out]);
  assert.ok([0, 99, 112].includes(r.code!), r.stderr.slice(-2000));
  const s = readSummary(out);
  const page = await browser!.context.newPage();
  const errors: string[] = [];
  page.on('console', (m) => { if (m.type() === 'error' || m.type() === 'warning') errors.push(m.text()); });
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(pathToFileURL(join(out, 'report.html')).href, { waitUntil: 'load' });
  assert.deepEqual(errors, []);
  const row = await page.locator('#resilience-faults tbody tr').allTextContents();
  assert.equal(row.length, 1);
  assert.match(row[0], /sw\s*http\s*POST \/__admin\/fault/);
  assert.match(row[0], new RegExp(`${s.loadcert.resilience!.faults[0].recoveryS} s`));
  // every time chart of the dashboard shades the fault where its 3 s to 5 s lie on the x axis
  const charts = await page.locator('#charts figure.chart').evaluateAll((figs) => figs.map((f) => {
    const band = f.querySelector('rect.band-fault');
    const plot = f.querySelector('g.grid line.axis')!.getBoundingClientRect();
    const b = band?.getBoundingClientRect();
    return { id: f.id, band: b ? { left: (b.left - plot.left) / plot.width, right: (b.right - plot.left) / plot.width, h: b.height } : undefined };
  }));
  const timeCharts = charts.filter((c) => c.id !== 'chart-distribution');
  assert.ok(timeCharts.length >= 3, charts.map((c) => c.id).join(', '));
  const runS = s.loadcert.durationMs / 1000;
  const offset = (s.loadcert.resilience!.startEpoch - Date.parse(s.loadcert.startTime)) / 1000;
  for (const c of timeCharts) {
    assert.ok(c.band && c.band.h > 50, `${c.id} shades the fault`);
    // the x axis spans at least the run; the band starts near 3 s and ends near 5 s of it
    assert.ok(Math.abs(c.band.left * runS - (offset + 3)) < 1.5 && Math.abs(c.band.right * runS - (offset + 5)) < 1.5, `${c.id}: band ${JSON.stringify(c.band)} of ${runS} s`);
  }
  const faultCharts = await page.locator('#resilience figure.chart path.series').count();
  assert.equal(faultCharts, 2, 'error rate and p95 around the fault');
  mkdirSync(OUTPUT, { recursive: true });
  await page.locator('#resilience').screenshot({ path: join(OUTPUT, 'resilience.png') });
  await page.close();
});
