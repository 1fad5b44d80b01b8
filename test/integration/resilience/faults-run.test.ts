// Issue 25, real runs: the http fault toggles a node:http system's failure mode under load. Recovery is
// measured within 1 s of the truth, a system that never recovers fails "did not recover", a fault that
// cannot be applied is INCOMPLETE (112), the release criteria judge the steady seconds only, and bad
// faults are refused before anything starts (104).
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readSummary, runCli, tempOut, type CliResult } from '../../helpers/cli.ts';
import { faultScenario, startFaultServer, type FaultServer } from './fault-server.ts';

/** Seconds the system keeps failing after the fault is undone (the truth is when it answered healthy again, as it saw it). */
const TRUTH_S = 3;

let server: FaultServer;
let dir: string;
before(async () => {
  server = await startFaultServer();
  dir = mkdtempSync(join(tmpdir(), 'loadcert-faults-'));
  writeFileSync(join(dir, 'package.json'), '{ "type": "module" }\n');
});
after(async () => { await server.close(); });

/** The shared scenario (fault-server.ts): fault `sw` from 3 s to 5 s through the switch at `request`. */
const scenario = (name: string, request: string, undo?: string) => faultScenario(dir, server.url, name, request, undo);

/** Runs it; again (at most twice more) while the shared machine saturated the generator (112 with no evidence about the system). */
async function run(file: string, args: string[] = []): Promise<{ r: CliResult; out: string }> {
  for (let attempt = 1; ; attempt++) {
    server.reset();
    const out = tempOut('loadcert-fault-run-');
    const r = await runCli(['run', file, '--out', out, ...args]);
    if (r.code === 112 && /saturat/.test(r.stdout + r.stderr) && attempt < 3) continue;
    return { r, out };
  }
}

describe('faults under load (real runs)', { timeout: 240_000 }, () => {
  test('recovery is measured within 1 s of the truth, and the steady criteria leave the fault out', async () => {
    const { r, out } = await run(scenario('recovers', `/__admin/fault?recover=${TRUTH_S * 1000}`));
    assert.equal(r.code, 0, r.stderr.slice(-3000) + r.stdout.slice(-3000));
    assert.deepEqual(server.switches, [`POST /__admin/fault?recover=${TRUTH_S * 1000}`, 'DELETE /__admin/fault']);
    const s = readSummary(out);
    const f = s.loadcert.resilience!.faults[0];
    assert.equal(f.status, 'applied');
    assert.equal(f.recovered, true);
    // the truth: from the fault's planned end to the instant the system answered healthy again
    const truth = (server.healthyAt! - (s.loadcert.resilience!.startEpoch + f.faultToMs)) / 1000;
    assert.ok(Math.abs(f.recoveryS! - truth) <= 1, `recovery ${f.recoveryS} s, truth ${truth} s`);
    // detection: to the first failed health poll, as the system saw it (0.5 s for the answer to travel on a busy machine)
    const detected = (server.firstUnhealthyAt! - (s.loadcert.resilience!.startEpoch + f.faultFromMs)) / 1000;
    assert.ok(f.detectionS !== null && Math.abs(f.detectionS - detected) < 0.5, `detection ${f.detectionS} s, first unhealthy answer at ${detected} s`);
    assert.ok(f.errorRate! > 0.3, `errors during the fault ${f.errorRate}`);
    // the whole run failed far more than 1 % of its requests; the steady seconds none
    assert.ok((s.metrics.http_req_failed.values.rate as number) > 0.1, 'the fault shows in the whole-run figures');
    const steady = s.thresholds.find((t) => t.metric === 'http_req_failed')!;
    assert.equal(steady.status, 'met');
    assert.ok(steady.observed! < 0.01, `steady error rate ${steady.observed}`);
    assert.equal(s.thresholds.find((t) => t.metric === 'http_req_failed{fault:sw}')!.status, 'met');
    assert.equal(s.thresholds.find((t) => t.metric === 'fault_recovery_seconds{fault:sw}')!.status, 'met');
    // the error alert fired 2 s (its window) after the errors began, at the fault's start; the other never did
    assert.deepEqual(f.alerts.map((a) => [a.rule, a.severity]), [['Errors above 5 %', 'critical']]);
    assert.ok(Math.abs(f.alerts[0].afterS - 2) <= 1, `fired after ${f.alerts[0].afterS} s`);
    assert.deepEqual(s.loadcert.resilience!.alertsNeverFired, ['A response took a minute']);
    const html = readFileSync(join(out, 'report.html'), 'utf8');
    assert.match(html, /<section id="resilience">/);
    assert.match(html, /class="band band-fault"/);
    assert.match(readFileSync(join(out, 'summary.md'), 'utf8'), /\*\*Resilience:\*\*[\s\S]*\| sw \| http \|/);
    assert.match(readFileSync(join(out, 'junit.xml'), 'utf8'), /Fault sw: recovered within 6 s/);
  });

  test('a system that never recovers is a measured failure: "did not recover within 6 s" (99)', async () => {
    const { r, out } = await run(scenario('never', '/__admin/fault?never=1'));
    assert.equal(r.code, 99, r.stderr.slice(-3000) + r.stdout.slice(-3000));
    const s = readSummary(out);
    const f = s.loadcert.resilience!.faults[0];
    assert.equal(f.recovered, false);
    assert.equal(f.recoveryS, null);
    const c = s.thresholds.find((t) => t.metric === 'fault_recovery_seconds{fault:sw}')!;
    assert.equal(c.status, 'failed');
    assert.equal(c.measuredText, 'did not recover within 6 s');
    assert.match(s.loadcert.verdictReason!, /Fault sw: recovered within 6 s/);
    assert.match(readFileSync(join(out, 'summary.md'), 'utf8'), /did not recover within 6 s/);
    assert.match(readFileSync(join(out, 'junit.xml'), 'utf8'), /did not recover within 6 s/);
    assert.match(readFileSync(join(out, 'report.html'), 'utf8'), /did not recover within 6 s/);
  });

  test('a fault that cannot be applied makes the run INCOMPLETE (112), never a pass', async () => {
    const { r, out } = await run(scenario('unapplied', '/__admin/missing'));
    assert.equal(r.code, 112, r.stderr.slice(-3000) + r.stdout.slice(-3000));
    const s = readSummary(out);
    assert.equal(s.loadcert.verdict, 'INCOMPLETE');
    assert.match(s.loadcert.verdictReason!, /fault sw \(http POST \/__admin\/missing\) could not be applied: .*404/);
    const f = s.loadcert.resilience!.faults[0];
    assert.equal(f.status, 'failed');
    assert.deepEqual(server.switches, ['POST /__admin/missing'], 'nothing applied, nothing undone');
    assert.match(readFileSync(join(out, 'report.html'), 'utf8'), /NOT APPLIED/);
  });

  test('an undo that fails is reported loudly: console, summary.json warnings, the fault\'s row; the fault stays in effect', async () => {
    const { r, out } = await run(scenario('cleanup', '/__admin/fault', '/__admin/nowhere'));
    assert.equal(r.code, 99, r.stderr.slice(-3000));
    assert.match(r.stderr, /FAULT CLEANUP FAILED: fault sw \(http POST \/__admin\/fault\) could not be undone, it may still be in effect: DELETE .*\/__admin\/nowhere answered 404/);
    const s = readSummary(out);
    assert.ok(s.loadcert.warnings.some((w) => w.startsWith('FAULT CLEANUP FAILED')), JSON.stringify(s.loadcert.warnings));
    const f = s.loadcert.resilience!.faults[0];
    assert.match(f.cleanupError!, /404/);
    assert.equal(f.recovered, false, 'nothing undid it');
    assert.match(readFileSync(join(out, 'report.html'), 'utf8'), /CLEANUP FAILED: DELETE/);
    assert.match(readFileSync(join(out, 'summary.md'), 'utf8'), /fault sw: CLEANUP FAILED/);
  });

  test('bad faults are refused before the run, each named with its fix (104)', async () => {
    server.reset();
    const file = join(dir, 'bad.ts');
    writeFileSync(file, `export default {
  baseUrl: '${server.url}', thresholdsFile: false,
  workloads: { api: { executor: 'constant-arrival-rate', rate: 5, duration: '10s', preAllocatedVUs: 2, steps: [{ path: '/x' }] } },
  thresholds: { 'http_req_failed{fault:nope}': ['rate<0.5'] },
  faults: {
    a: { at: '1s', action: 'container.explode', target: 'api' },
    b: { at: '1s', action: 'process.signal', signal: 'SIGKILL', target: 'api-9' },
    c: { at: '9s', duration: '5s', action: 'http', request: { path: '/__admin/fault' }, undo: { method: 'DELETE', path: '/__admin/fault' } },
    d: { at: '1s', action: 'process.freeze', target: 'api-9' },
  },
};\n`);
    const r = await runCli(['run', file, '--out', tempOut()]);
    assert.equal(r.code, 104, r.stderr + r.stdout);
    assert.match(r.stderr, /faults\.a\.action: unknown action "container\.explode"/);
    assert.match(r.stderr, /faults\.b\.target: "api-9" is not declared in resources\.processes/);
    assert.match(r.stderr, /faults\.c\.duration: the fault ends at 14 s, not before the run's planned end \(10 s\)/);
    assert.match(r.stderr, /faults\.d\.duration: is required for process\.freeze/);
    assert.match(r.stderr, /http_req_failed\{fault:nope\}: fault "nope" is not declared/);
    assert.deepEqual(server.switches, [], 'nothing was sent');
  });
});
