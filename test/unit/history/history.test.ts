// The published history: entries with date, commit, verdict (decided again) and figures; an escaped index page
// linking each report; the last CERTIFIED run as compare's baseline. Runs are real stored smoke runs.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { lastCertifiedRun, publishRun, readHistory } from '../../../src/history/history.ts';
import { runCompareCommand } from '../../../src/cli/compare-command.ts';
import { runPublishCommand } from '../../../src/history/publish-command.ts';

const REAL = fileURLToPath(new URL('../../fixtures/runs/real-smoke/', import.meta.url));

function capture() {
  const text = { out: '', err: '' };
  return { text, out: (t: string) => { text.out += `${t}\n`; }, err: (t: string) => { text.err += `${t}\n`; } };
}

/** A copy of a real run whose p95 criterion measured 5 s (so it failed) and whose scenario name is hostile HTML. */
function failedCopy(): string {
  const dir = mkdtempSync(join(tmpdir(), 'loadcert-hist-run-'));
  const s = JSON.parse(readFileSync(join(REAL, 'same-b', 'summary.json'), 'utf8'));
  const i = s.thresholds.findIndex((t: { metric: string; expression: string }) => t.metric === 'http_req_duration' && t.expression === 'p(95)<2000');
  s.thresholds[i] = { ...s.thresholds[i], observed: 5000 };
  s.loadcert.scenario = '<script>alert(1)</script>';
  s.loadcert.gitCommit = 'abc"><img src=x>';
  writeFileSync(join(dir, 'summary.json'), JSON.stringify(s));
  return dir;
}

test('publish lists every run with its verdict; the baseline is the last CERTIFIED one, not the last one', async () => {
  const hist = mkdtempSync(join(tmpdir(), 'loadcert-hist-'));
  assert.equal(await lastCertifiedRun(hist), undefined);
  const first = await publishRun(join(REAL, 'same-a'), hist);
  assert.equal(first.verdict, 'CERTIFIED');
  const later = await publishRun(failedCopy(), hist);
  assert.equal(later.verdict, 'NOT CERTIFIED', 'decided again by src/verdict from the stored evidence');
  const entries = await readHistory(hist);
  assert.deepEqual(entries.map((e) => e.verdict), ['CERTIFIED', 'NOT CERTIFIED']);
  assert.equal(entries[0].p95Ms, 13.535);
  assert.equal(entries[0].requestsPerSecond !== null, true);
  assert.equal(await lastCertifiedRun(hist), join(hist, 'runs', first.id));
  assert.ok(existsSync(join(hist, 'runs', first.id, 'summary.json')));
  const again = await publishRun(join(REAL, 'same-a'), hist);
  assert.notEqual(again.id, first.id, 'the same run twice gets its own folder');
});

test('index.html: newest first, every field escaped, a link to each report', async () => {
  const hist = mkdtempSync(join(tmpdir(), 'loadcert-hist-'));
  await publishRun(join(REAL, 'same-a'), hist);
  const bad = await publishRun(failedCopy(), hist);
  const html = readFileSync(join(hist, 'index.html'), 'utf8');
  assert.ok(!html.includes('<script>alert'), 'scenario name escaped');
  assert.ok(!html.includes('<img src=x>'), 'commit escaped');
  assert.ok(html.includes('&lt;script&gt;alert(1)&lt;/script&gt;'));
  assert.ok(html.includes('>NOT CERTIFIED<') && html.indexOf('>NOT CERTIFIED<') < html.indexOf('>CERTIFIED<'), 'newest first');
  assert.ok(html.includes(`href="runs/${encodeURIComponent(bad.id)}/report.html"`));
  assert.match(html, /13\.5 ms/);
  assert.doesNotMatch(html, /<(link|script)\b[^>]*(src|href)=/i, 'self-contained');
});

test('compare --baseline-from takes the last CERTIFIED run; none yet: says so, exit 0; damaged history: 104', async () => {
  const hist = mkdtempSync(join(tmpdir(), 'loadcert-hist-'));
  const none = capture();
  assert.equal(await runCompareCommand(['--baseline-from', hist, join(REAL, 'same-b')], none), 0);
  assert.match(none.text.out, /no CERTIFIED run in .* yet/);
  const pub = capture();
  assert.equal(await runPublishCommand([join(REAL, 'slow-x1.2'), hist], pub), 0, pub.text.err);
  await publishRun(failedCopy(), hist);
  const c = capture();
  assert.equal(await runCompareCommand(['--baseline-from', hist, join(REAL, 'same-a'), '--max-regression', '25'], c), 0, c.text.out); // 500 requests a side show a throughput drop of ±10.4 % at best: at 10 % this pair cannot tell (114)
  assert.match(c.text.out, /baseline: the last CERTIFIED run of .*slow-x1\.2|baseline: the last CERTIFIED run of .*smoke/);
  const worse = capture();
  assert.equal(await runCompareCommand(['--baseline-from', hist, join(REAL, 'same-a')], worse), 114, 'at the default 10 % the throughput row of two 500-request runs cannot tell');
  const slowBase = mkdtempSync(join(tmpdir(), 'loadcert-hist-'));
  await publishRun(join(REAL, 'same-a'), slowBase);
  assert.equal(await runCompareCommand(['--baseline-from', slowBase, join(REAL, 'slow-x1.2')], capture()), 99, 'a 20 % slower run against the certified baseline');
  writeFileSync(join(hist, 'history.json'), '{broken');
  const broken = capture();
  assert.equal(await runCompareCommand(['--baseline-from', hist, join(REAL, 'same-a')], broken), 104);
  assert.match(broken.text.err, /history\.json: not valid JSON/);
  cpSync(join(REAL, 'same-a'), join(hist, 'x'), { recursive: true });
  assert.equal(await runCompareCommand(['--baseline-from', hist], capture()), 104, 'one run folder is needed');
});
