// Failure causes per endpoint, from samples recorded the way the HTTP engine records them (one series per
// outcome, the error code or status in its tags) through buildSummary to the console, summary.md,
// report.html and summary.json.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { MetricRegistry } from '../../../src/metrics/registry.ts';
import { MetricStore } from '../../../src/metrics/store.ts';
import { tagSet } from '../../../src/metrics/tagset.ts';
import { HttpTagCache, type RequestSeries } from '../../../src/protocols/http/http-series.ts';
import { buildSummary } from '../../../src/results/build-summary.ts';
import { formatConsoleSummary } from '../../../src/report/console-summary.ts';
import { formatFailureCauses } from '../../../src/results/failure-causes.ts';
import { writeReports } from '../../../src/report/index.ts';
import { escapeMarkdown } from '../../../src/report/escape.ts';
import { copyFixture, fixtureSummary, html, sectionRows } from './helpers.ts';

const T0 = 1_700_000_000_000;

function record(s: RequestSeries, n: number, failed: boolean): void {
  for (let i = 0; i < n; i++) { s.reqs.add(1); s.duration.add(10 + i); s.failed.add(failed ? 1 : 0); }
}

/** A summary of one second: `list` fails for five causes, `health` never fails. */
function summary() {
  const store = new MetricStore(new MetricRegistry());
  const cache = new HttpTagCache({ scenario: 'api' }, tagSet, store);
  const list = cache.endpoint('list', 'GET');
  record(list.status(200, true), 10, false);
  record(list.error('LC_HTTP_TIMEOUT'), 5, true);
  record(list.status(503, false), 4, true);
  record(list.error('ECONNRESET'), 3, true);
  record(list.error('LC_HTTP_CLOSED'), 2, true);
  record(list.status(500, false), 1, true);
  record(cache.endpoint('health', 'GET').status(200, true), 7, false);
  store.flushSecond(T0);
  const base = fixtureSummary('passing');
  const { endpoints: _e, latencySpectrum: _l, histograms: _h, ...meta } = base.loadcert;
  return buildSummary(store, { ...meta, durationMs: 1000 }, base.thresholds);
}

const LINE = 'LC_HTTP_TIMEOUT 5, status 503 4, ECONNRESET 3 and 2 more';

test('summary.json lists every cause of an endpoint, most frequent first; one that never failed has none', () => {
  const s = summary();
  const list = s.loadcert.endpoints.find((e) => e.name === 'list')!;
  assert.deepEqual(list.failures, [
    { cause: 'LC_HTTP_TIMEOUT', count: 5 }, { cause: 'status 503', count: 4 }, { cause: 'ECONNRESET', count: 3 },
    { cause: 'LC_HTTP_CLOSED', count: 2 }, { cause: 'status 500', count: 1 },
  ]);
  assert.deepEqual(s.loadcert.endpoints.find((e) => e.name === 'health')!.failures, []);
  assert.equal(formatFailureCauses(list.failures), LINE);
  assert.equal(formatFailureCauses(list.failures, 5), 'LC_HTTP_TIMEOUT 5, status 503 4, ECONNRESET 3, LC_HTTP_CLOSED 2, status 500 1');
  assert.equal(formatFailureCauses(undefined), '', 'a summary from before causes were recorded');
});

test('the console, summary.md and report.html name the top causes with "and N more"', async () => {
  const s = summary();
  const console = formatConsoleSummary(s, '/tmp/x');
  assert.match(console, new RegExp(`api/list .*\\n\\s+failed: ${LINE}\\n`));
  assert.doesNotMatch(console, /api\/health .*\n\s+failed:/);
  const dir = copyFixture('passing');
  await writeReports(dir, s, { stepSummaryPath: null });
  const md = readFileSync(join(dir, 'summary.md'), 'utf8');
  assert.ok(md.includes(`- ${escapeMarkdown('api/list GET')}: 60.00 % failed: ${escapeMarkdown(LINE)}\n`), md);
  assert.ok(!md.includes('api/health GET'), 'only failing endpoints are listed');
  const rows = sectionRows(readFileSync(join(dir, 'report.html'), 'utf8'), 'endpoints');
  const row = rows.find((r) => r.includes('>list<'))!;
  assert.ok(row.endsWith(`<td class="causes">${html(LINE)}</td></tr>`), row);
  assert.ok(rows.find((r) => r.includes('>health<'))!.endsWith('<td class="causes"></td></tr>'));
});
