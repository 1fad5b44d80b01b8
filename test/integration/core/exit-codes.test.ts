import { test, after, before } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'node:net';
import { createDemoTarget } from '../../../src/target/server.ts';
import { runCli, startCli, tempOut, readSummary, fixture, ROOT } from '../../helpers/cli.ts';
import { join } from 'node:path';

type Target = Awaited<ReturnType<typeof createDemoTarget>>;
let target: Target;
let target401: Target;
before(async () => {
  target = await createDemoTarget({ port: 0 });
  target401 = await createDemoTarget({ port: 0, faults: { healthUnauthorized: true } });
});
after(async () => { await target.close(); await target401.close(); });

test('a failing threshold exits 99 and says which', async () => {
  const out = tempOut();
  const r = await runCli(['run', fixture('short.ts'), '--base-url', target.url, '--out', out, '--thresholds', join(ROOT, 'test/fixtures/thresholds-failing.json')]);
  assert.equal(r.code, 99, r.stderr);
  const s = readSummary(out);
  assert.equal(s.loadcert.verdict, 'NOT CERTIFIED');
  const [dur, failed] = s.thresholds;
  assert.equal(dur.ok, false);
  assert.equal(failed.ok, true);
  assert.equal(s.metrics.http_req_duration.thresholds?.['p(95)<0.001'].ok, false);
  assert.match(r.stdout, /FAIL .*p\(95\)<0.001/);
});

test('abortOnFail stops the run early, still writes results, and exits 99', async () => {
  const out = tempOut();
  const r = await runCli(['run', fixture('long.ts'), '--base-url', target.url, '--out', out, '--thresholds', join(ROOT, 'test/fixtures/thresholds-abort.json')]);
  assert.equal(r.code, 99, r.stderr);
  const s = readSummary(out);
  assert.equal(s.loadcert.status, 'threshold-aborted');
  assert.ok(s.loadcert.durationMs < 20_000, `stopped after ${s.loadcert.durationMs} ms of a 60 s run`);
  assert.ok(s.metrics.http_reqs.values.count > 0);
  assert.match(s.loadcert.abortReason ?? '', /p\(95\)<0.001/);
});

test('an applicable criterion whose metric got no data is not measured: INCOMPLETE, exit 112, naming it', async () => {
  const out = tempOut();
  const r = await runCli(['run', fixture('short.ts'), '--base-url', target.url, '--out', out, '--thresholds', join(ROOT, 'test/fixtures/thresholds-nodata.json')]);
  assert.equal(r.code, 112, r.stdout + r.stderr);
  const s = readSummary(out);
  assert.equal(s.loadcert.verdict, 'INCOMPLETE');
  assert.equal(s.loadcert.exitCode, 112);
  const checks = s.thresholds.find((t) => t.metric === 'checks')!;
  assert.equal(checks.ok, false);
  assert.equal(checks.status, 'not measured');
  assert.equal(checks.observed, null);
  assert.match(s.loadcert.verdictReason ?? '', /not measured: .*\(checks\)/);
  assert.match(r.stdout, /NOT MEASURED .*checks/);
});

test('health endpoints answering 401 stop the run before load with exit 111 and the diagnosis', async () => {
  const out = tempOut();
  const r = await runCli(['run', fixture('short.ts'), '--base-url', target401.url, '--out', out]);
  assert.equal(r.code, 111, r.stderr);
  assert.match(r.stderr + r.stdout, /authentication/i);
  assert.match(r.stderr + r.stdout, /anonymous/i);
  const s = readSummary(out);
  assert.equal(s.loadcert.status, 'preflight-failed');
  assert.equal(s.loadcert.verdict, 'INCOMPLETE');
  assert.equal(s.metrics.http_reqs, undefined, 'no load was sent');
});

test('--skip-preflight runs anyway against the 401 target', async () => {
  const out = tempOut();
  const r = await runCli(['run', fixture('short.ts'), '--base-url', target401.url, '--out', out, '--skip-preflight', '--thresholds', join(ROOT, 'test/fixtures/thresholds-passing.json')]);
  assert.equal(r.code, 0, r.stdout + r.stderr);
  assert.ok(readSummary(out).metrics.http_reqs.values.count > 0);
});

test('an unreachable target exits 111 naming the address', async () => {
  const port = await new Promise<number>((resolve) => {
    const srv = createServer().listen(0, '127.0.0.1', () => { const p = (srv.address() as { port: number }).port; srv.close(() => resolve(p)); });
  });
  const out = tempOut();
  const r = await runCli(['run', fixture('short.ts'), '--base-url', `http://127.0.0.1:${port}`, '--out', out]);
  assert.equal(r.code, 111);
  assert.match(r.stderr + r.stdout, new RegExp(`127\\.0\\.0\\.1:${port}`));
  assert.match(r.stderr + r.stdout, /unreachable|ECONNREFUSED/i);
});

test('SIGINT mid-run writes a summary marked aborted and exits 105', async () => {
  const out = tempOut();
  let sent = false;
  const { result } = startCli(['run', fixture('long.ts'), '--base-url', target.url, '--out', out], (text, child) => {
    if (!sent && /\[progress\]/.test(text)) { sent = true; setTimeout(() => child.kill('SIGINT'), 1500); }
  });
  const r = await result;
  assert.ok(sent, 'the run showed progress before the interrupt');
  assert.equal(r.code, 105, r.stderr);
  const s = readSummary(out);
  assert.equal(s.loadcert.status, 'aborted');
  assert.equal(s.loadcert.verdict, 'INCOMPLETE');
  assert.ok(s.metrics.http_reqs.values.count > 20, 'results collected before the interrupt are kept');
  assert.ok(s.loadcert.durationMs < 30_000);
});

test('a bad scenario exits 104 listing every problem with file, key and fix', async () => {
  const r = await runCli(['run', fixture('bad.ts'), '--out', tempOut()]);
  assert.equal(r.code, 104, r.stderr);
  const err = r.stderr;
  assert.match(err, /bad\.ts: workload: unknown option "workload"/);
  assert.match(err, /workloads\.api\.rate: must be a number/);
  assert.match(err, /workloads\.api\.duration: is not a duration/);
  assert.match(err, /workloads\.api\.preAllocatedVUs: must be an integer >= 1/);
  assert.match(err, /workloads\.other\.executor: unknown executor/);
  assert.match(err, /http_req_duraton/);
  assert.match(err, /did you mean "http_req_duration"/);
  assert.match(err, /thresholds\.http_req_failed/);
  assert.match(err, /fix:/);
});

test('a target outside loopback is refused unless allowed on purpose', async () => {
  const r = await runCli(['run', fixture('short.ts'), '--base-url', 'http://example.test:8080', '--out', tempOut()]);
  assert.equal(r.code, 104);
  assert.match(r.stderr, /not loopback/);
  assert.match(r.stderr, /--allow-host example\.test/);
});

test('unknown options and commands exit 104', async () => {
  const r = await runCli(['run', fixture('short.ts'), '--bogus']);
  assert.equal(r.code, 104);
  assert.match(r.stderr, /bogus/);
  const h = await runCli(['run', '--help']);
  assert.equal(h.code, 0);
  assert.match(h.stdout, /Exit codes \(every verdict other than CERTIFIED exits non-zero\):/);
  assert.match(h.stdout, /111/);
  assert.match(h.stdout, /112 {2}INCOMPLETE: evidence missing/);
  assert.match(h.stdout, /113 {2}NO CRITERIA/);
});
