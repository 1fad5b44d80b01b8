// The verdict only on evidence, end to end: real `loadcert run` on the embedded demo target, verdict and exit code per case.
import { test, after, before } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createDemoTarget } from '../../../src/target/server.ts';
import { runCli, tempOut, readSummary, fixture, ROOT } from '../../helpers/cli.ts';

type Target = Awaited<ReturnType<typeof createDemoTarget>>;
let target: Target;
before(async () => { target = await createDemoTarget({ port: 0 }); });
after(async () => { await target.close(); });

const thresholds = (name: string) => join(ROOT, 'test/fixtures', name);
const read = (dir: string, file: string) => readFileSync(join(dir, file), 'utf8');

test('no criteria at all (thresholdsFile: false, none in the scenario): NO CRITERIA, exit 113', { timeout: 60_000 }, async () => {
  const out = tempOut();
  const r = await runCli(['run', fixture('short.ts'), '--base-url', target.url, '--out', out]);
  assert.equal(r.code, 113, r.stdout + r.stderr);
  const s = readSummary(out);
  assert.equal(s.loadcert.verdict, 'NO CRITERIA');
  assert.equal(s.loadcert.exitCode, 113);
  assert.ok(s.metrics.http_reqs.values.count > 0, 'the load ran');
  assert.match(r.stdout, /Verdict: NO CRITERIA \(exit 113\)/);
  assert.match(read(out, 'report.html'), /<h1 id="verdict">NO CRITERIA<\/h1>/);
});

test('criteria on sources the scenario does not declare are listed apart as not applicable; the run is CERTIFIED on the rest', { timeout: 60_000 }, async () => {
  const out = tempOut();
  const r = await runCli(['run', fixture('short.ts'), '--base-url', target.url, '--out', out, '--thresholds', thresholds('thresholds-not-applicable.json')]);
  assert.equal(r.code, 0, r.stdout + r.stderr);
  const s = readSummary(out);
  assert.equal(s.loadcert.verdict, 'CERTIFIED');
  const by = (m: string) => s.thresholds.find((t) => t.metric === m)!;
  assert.equal(by('http_req_failed').status, 'met');
  for (const m of ['container_memory_percent', 'signalr_errors', 'ws_errors']) {
    assert.equal(by(m).status, 'not applicable', m);
    assert.equal(by(m).ok, false, `${m} is never counted as met`);
  }
  assert.deepEqual(s.loadcert.sources?.includes('docker'), false);
  assert.match(s.loadcert.verdictReason ?? '', /one applicable criterion/);
  // console, junit, summary.md and report.html list them apart
  assert.match(r.stdout, /Not applicable[\s\S]*N\/A .*container_memory_percent[\s\S]*resources\.docker/);
  const junit = read(out, 'junit.xml');
  assert.match(junit, /skipped="3"/);
  assert.match(junit, /container_memory_percent max&lt;80\)" time="0">\s*<skipped message="not applicable: container_memory_percent comes from resources\.docker/);
  assert.match(read(out, "summary.md"), /\*\*Not applicable\*\*[\s\S]*signalr\\_errors count/);
  const html = read(out, 'report.html');
  assert.match(html, /<h3 id="not-applicable">/);
  assert.match(html, /1 of 1 applicable criterion met, 3 not applicable/);
});

test('only criteria on undeclared sources: NO CRITERIA, exit 113', { timeout: 60_000 }, async () => {
  const out = tempOut();
  const r = await runCli(['run', fixture('short.ts'), '--base-url', target.url, '--out', out, '--thresholds', thresholds('thresholds-undeclared-only.json')]);
  assert.equal(r.code, 113, r.stdout + r.stderr);
  assert.equal(readSummary(out).loadcert.verdict, 'NO CRITERIA');
  assert.match(r.stdout, /2 defined, none on a source it declares/);
});

test('Docker declared but the engine unreachable: a measurement failure naming docker, INCOMPLETE, exit 112', { timeout: 60_000 }, async () => {
  const out = tempOut();
  const r = await runCli(['run', fixture('docker-unreachable.ts'), '--base-url', target.url, '--out', out]);
  assert.equal(r.code, 112, r.stdout + r.stderr);
  const s = readSummary(out);
  assert.equal(s.loadcert.verdict, 'INCOMPLETE');
  assert.equal(s.loadcert.measurementFailures?.length, 1, 'one failure: the engine (a named container is not also reported missing from an engine never reached)');
  const [f] = s.loadcert.measurementFailures ?? [];
  assert.equal(f?.source, 'docker');
  assert.match(f.cause, /Docker engine at .*nonexistent\/loadcert-test\/docker\.sock is unreachable/);
  assert.equal(s.thresholds.find((t) => t.metric === 'container_restarts')!.status, 'not measured');
  assert.match(s.loadcert.verdictReason ?? '', /measurement failure: Docker engine/);
  assert.match(r.stdout, /Measurement failures\n {3}FAIL {2}docker: Docker engine/);
  assert.match(read(out, 'junit.xml'), /<failure type="measurement" message="Docker engine at/);
  assert.ok(s.metrics.http_reqs.values.count > 0, 'results are kept');
  // `loadcert report DIR` decides the verdict again from what summary.json stores, not from its verdict field
  writeFileSync(join(out, 'summary.json'), JSON.stringify({ ...s, loadcert: { ...s.loadcert, verdict: 'CERTIFIED', exitCode: 0 } }));
  const again = await runCli(['report', out]);
  assert.equal(again.code, 0, again.stderr);
  assert.match(again.stdout, /^INCOMPLETE: docker-unreachable/);
  assert.match(read(out, 'report.html'), /<h1 id="verdict">INCOMPLETE<\/h1>[\s\S]*measurement failure: Docker engine/);
  assert.match(read(out, 'report.html'), /<h3 id="measurement-failures">/);
});

test('a declared process never found running is a measurement failure naming it: INCOMPLETE, exit 112', { timeout: 60_000 }, async () => {
  const out = tempOut();
  const r = await runCli(['run', fixture('process-missing.ts'), '--base-url', target.url, '--out', out]);
  assert.equal(r.code, 112, r.stdout + r.stderr);
  const s = readSummary(out);
  assert.equal(s.thresholds[0].status, 'met', 'the one criterion was met: the failure alone makes it INCOMPLETE');
  const [f] = s.loadcert.measurementFailures ?? [];
  assert.equal(f?.source, 'process');
  assert.match(f.cause, /no running process ever matched "loadcert-no-such-process-7f3a".*"ghost"/);
});

test('abortOnFail on a criterion that can only rise (count>=N) does not stop the run while it is still reachable', { timeout: 60_000 }, async () => {
  const out = tempOut();
  const r = await runCli(['run', fixture('medium.ts'), '--base-url', target.url, '--out', out, '--thresholds', thresholds('thresholds-abort-rising.json')]);
  const s = readSummary(out);
  assert.equal(s.loadcert.status, 'completed', s.loadcert.abortReason);
  assert.equal(r.code, 0, r.stdout + r.stderr);
  assert.equal(s.loadcert.verdict, 'CERTIFIED');
  assert.ok(s.metrics.http_reqs.values.count >= 100);
});

test('abortOnFail on a criterion already broken for good (count<N exceeded) stops the run early: NOT CERTIFIED, exit 99', { timeout: 60_000 }, async () => {
  const out = tempOut();
  const r = await runCli(['run', fixture('medium.ts'), '--base-url', target.url, '--out', out, '--thresholds', thresholds('thresholds-abort-broken.json')]);
  assert.equal(r.code, 99, r.stdout + r.stderr);
  const s = readSummary(out);
  assert.equal(s.loadcert.status, 'threshold-aborted');
  assert.equal(s.loadcert.verdict, 'NOT CERTIFIED');
  assert.match(s.loadcert.abortReason ?? '', /http_reqs: count<30/);
  assert.ok(s.metrics.http_reqs.values.count < 110, `stopped before the planned ~120 requests (${s.metrics.http_reqs.values.count})`);
});

test('alerts come from the thresholds file entries marked alert; they never decide the verdict; a re-render decides the same', { timeout: 60_000 }, async () => {
  const out = tempOut();
  const r = await runCli(['run', fixture('short.ts'), '--base-url', target.url, '--out', out, '--thresholds', thresholds('thresholds-alerts.json')]);
  assert.equal(r.code, 0, r.stdout + r.stderr);
  const s = readSummary(out);
  assert.equal(s.loadcert.verdict, 'CERTIFIED');
  assert.deepEqual(s.thresholds.map((t) => t.metric), ['http_req_failed'], 'alert entries are not criteria');
  assert.deepEqual(s.loadcert.alertRules?.map((a) => [a.metric, a.severity]), [['http_reqs', 'warning'], ['http_req_duration', 'critical']]);
  const alerts = read(out, 'report.html').slice(read(out, 'report.html').indexOf('<section id="alerts">'));
  assert.match(alerts, /Test alert: 5 or more requests in a second/);
  assert.doesNotMatch(alerts.slice(0, alerts.indexOf('</table>')), /a minute per request/, 'a rule that held does not fire');
  assert.match(read(out, 'summary.md'), /\*\*Alerts:\*\* 0 critical, [1-9]\d* warning/);
  const again = await runCli(['report', out]);
  assert.equal(again.code, 0, again.stderr);
  assert.match(again.stdout, /^CERTIFIED: short/);
});

test('a saturated generator makes the run INCOMPLETE (112) even when a measured criterion failed', { timeout: 60_000 }, async () => {
  const out = tempOut();
  const r = await runCli(['run', fixture('saturating.ts'), '--base-url', target.url, '--out', out, '--thresholds', thresholds('thresholds-failing.json')]);
  assert.equal(r.code, 112, r.stdout + r.stderr);
  const s = readSummary(out);
  assert.equal(s.loadcert.verdict, 'INCOMPLETE');
  assert.equal(s.thresholds[0].status, 'failed', 'the failed criterion is still shown as failed');
  const sat = (s.loadcert.measurementFailures ?? []).find((f) => f.kind === 'saturation');
  assert.ok(sat, JSON.stringify(s.loadcert.measurementFailures));
  assert.match(sat.cause, /load generator was saturated/);
  assert.match(s.loadcert.verdictReason ?? '', /generator's, not the system's/);
});
