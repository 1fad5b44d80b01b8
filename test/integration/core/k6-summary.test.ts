// summary.json is k6's handleSummary data: a real `loadcert run` with groups and checks, then two npm
// packages that read k6 summaries (k6-html-reporter, k6-junit) run unchanged on its summary.json, and
// the scenario's handleSummary export writes its files (or its error is reported, the summary still written).
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { runCli, tempOut, readSummary, fixture } from '../../helpers/cli.ts';
import type { K6Group } from '../../../src/contracts/summary-types.ts';

const require = createRequire(import.meta.url);
let server: Server;
let baseUrl = '';
before(async () => {
  server = createServer((req, res) => {
    res.writeHead(req.url === '/ok' ? 200 : 404, { 'content-length': '2' });
    res.end('ok');
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
after(async () => { server.closeAllConnections(); await new Promise((r) => server.close(r)); });

async function run(mode = '') {
  const out = tempOut('loadcert-k6-summary-');
  process.env.HS_DIR = out;
  process.env.HS_MODE = mode;
  try {
    const r = await runCli(['run', fixture('k6-summary.ts'), '--base-url', baseUrl, '--out', out, '--skip-preflight']);
    return { ...r, out, summary: readSummary(out) };
  } finally {
    delete process.env.HS_DIR;
    delete process.env.HS_MODE;
  }
}

describe('summary.json as k6 handleSummary data', { timeout: 180_000 }, () => {
  let r: Awaited<ReturnType<typeof run>>;
  before(async () => { r = await run(); });

  test('root_group nests groups by path and counts each check per group; options and state are there', () => {
    assert.equal(r.code, 0, r.stderr);
    const root = r.summary.root_group as K6Group;
    assert.equal(root.path, '');
    assert.deepEqual(root.checks.map((c) => [c.name, c.path, c.passes, c.fails]), [['root check', '::root check', 6, 0]]);
    const browse = root.groups.find((g) => g.name === 'browse')!;
    assert.equal(browse.path, '::browse');
    assert.deepEqual(browse.checks.map((c) => [c.path, c.passes, c.fails]), [['::browse::home is 200', 6, 0]]);
    const cart = browse.groups.find((g) => g.name === 'cart')!;
    assert.deepEqual(cart.checks.map((c) => [c.path, c.passes, c.fails]), [['::browse::cart::cart is 200', 0, 6]]);
    assert.match(cart.id, /^[0-9a-f]{32}$/);
    assert.equal(r.summary.metrics.group_duration.values.count, 12, 'one group_duration per group run: 2 groups x 6 iterations');
    assert.ok(r.summary.options!.summaryTrendStats.includes('p(95)'));
    assert.equal(typeof r.summary.state!.testRunDurationMs, 'number');
    assert.equal(r.summary.state!.isStdOutTTY, false);
  });

  test("an empty-list sub-metric is shown; one without data keeps its type's value keys", () => {
    assert.equal(r.summary.metrics['http_req_duration{name:home}'].values.count, 6);
    assert.equal(r.summary.metrics['http_req_duration{name:home}'].thresholds, undefined);
    assert.deepEqual(r.summary.metrics['checks{check:never-recorded}'].values, { rate: 0, passes: 0, fails: 0 });
    assert.ok(r.summary.loadcert.verdict, 'loadcert fields stay beside them');
  });

  test('handleSummary writes its files and its stdout entry', () => {
    assert.deepEqual(JSON.parse(readFileSync(join(r.out, 'from-handle-summary.json'), 'utf8')).includes('checks'), true);
    assert.match(r.stdout, /handleSummary says hello/);
  });

  test('k6-html-reporter runs unchanged on summary.json and names a check of the run', async () => {
    const { generateSummaryReport } = require('k6-html-reporter') as { generateSummaryReport(o: { jsonFile: string; output: string }): void };
    const dest = join(r.out, 'html');
    generateSummaryReport({ jsonFile: join(r.out, 'summary.json'), output: dest });
    // it writes from ejs's callback: wait for the file (bounded)
    for (let i = 0; i < 100 && !existsSync(join(dest, 'report.html')); i++) await new Promise((res) => setTimeout(res, 50));
    const html = readFileSync(join(dest, 'report.html'), 'utf8');
    assert.ok(html.includes('cart is 200'), 'the check from a nested group');
    assert.ok(html.includes('http_req_duration'));
  });

  test('k6-junit runs unchanged on summary.json and writes a test case per check', () => {
    const { jUnit } = require('k6-junit') as { jUnit(data: unknown, cfg?: unknown): string };
    const xml = jUnit(JSON.parse(readFileSync(join(r.out, 'summary.json'), 'utf8')));
    writeFileSync(join(r.out, 'k6-junit.xml'), xml);
    assert.match(xml, /<testcase name="home is 200"/);
    assert.match(xml, /cart is 200/);
  });

  test('a handleSummary that throws is reported; summary.json is still written', async () => {
    const t = await run('throw');
    assert.equal(t.code, 0, t.stderr);
    assert.match(t.stderr, /handleSummary threw: handleSummary broke on purpose/);
    assert.ok(t.summary.loadcert.warnings.some((w) => w.includes('handleSummary broke on purpose')));
    assert.ok(t.summary.root_group);
  });
});
