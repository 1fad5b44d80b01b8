// Capacity steps start on a recovered system (issue 20): against a real demo-target queue that still drains
// after an overload step (workers serve requests whose clients left, as a thread pool does), the step after
// the overload waits until the probe is back at the baseline, and no step below the truth is counted broken.
import { test, after, before } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { spawnDemoTarget, type SpawnedTarget } from '../../../src/target/spawn.ts';
import { capacityOf } from '../../../src/target/work-queue.ts';
import { runCli, tempOut, readSummary, ROOT } from '../../helpers/cli.ts';

/** 10 workers x 50 ms: truth 200 req/s. A 400/s step of 1 s + 2 s leaves about 600 requests queued: about 3 s of draining. */
const TRUTH = capacityOf({ maxConcurrency: 10, serviceMs: 50 });
const RESOLUTION = 0.2;
const SETTLE_MS = 2000;

let target: SpawnedTarget;
before(async () => { target = await spawnDemoTarget(['--port', '0', '--max-concurrency', '10', '--service-ms', '50', '--serve-abandoned']); });
after(async () => { await target.stop(); });

test('after an overload step the next step waits for the backlog to drain; no step below the truth breaks', { timeout: 200_000 }, async () => {
  const out = tempOut('loadcert-capacity-recovery-');
  // the search starts with the overload (400/s, 2x the truth), then steps down to 100/s: a step that holds only once the backlog is gone
  const r = await runCli(['capacity', join(ROOT, 'scenarios', 'capacity-demo.ts'), '--base-url', target.url, '--out', out, '--step', '2s', '--warmup', '1s',
    '--start-rate', '400', '--growth', '4', '--max-rate', '400', '--resolution', String(RESOLUTION * 100), '--budget', '150s', '--settle', `${SETTLE_MS}ms`, '--cooldown-limit', '30s']);
  const trace = `${r.stderr}\n${r.stdout}`;
  const c = readSummary(out).capacity!;
  assert.ok(c.baseline && c.baseline.p95Ms !== null && c.baseline.p95Ms < 250, trace);
  // the overload: the step(s) at 400/s (2x the truth) broke or were invalid; the step after the last of them waited more than one window
  const overload = c.steps.map((s) => s.rps).lastIndexOf(400);
  assert.ok(overload >= 0 && overload + 1 < c.steps.length, trace);
  const next = c.steps[overload + 1];
  assert.equal(next.rps, 100, trace);
  assert.ok(next.cooldown && next.cooldown.probes >= 2 && next.cooldown.waitedMs >= SETTLE_MS, `the step after 400/s did not wait for the backlog: ${JSON.stringify(next.cooldown)}\n${trace}`);
  // every step after the first started after a probe window back at the baseline
  for (const s of c.steps.slice(1)) assert.ok(s.cooldown, `step at ${s.rps}/s started without a cool-down\n${trace}`);
  // measured on a recovered system, 100/s and every rate 10 % below the truth hold: without the wait the backlog (about 3-6 s of it) breaks them
  const at100 = c.steps.find((s) => s.rps === 100 && s.outcome !== 'invalid'); // invalid: the shared machine made the generator late
  assert.equal(at100?.outcome, 'held', `100/s after the overload: ${at100?.reason}\n${trace}`);
  for (const s of c.steps) if (s.rps <= TRUTH * 0.9) assert.notEqual(s.outcome, 'broke', `${s.rps}/s broke below the truth ${TRUTH}/s: ${s.reason}\n${trace}`);
  assert.ok(c.maxHeldRps !== null && c.maxHeldRps >= TRUTH / (1 + RESOLUTION), `held ${c.maxHeldRps}/s, truth ${TRUTH}/s\n${trace}`);
  assert.match(r.stdout, /each later step waited until a 2 s probe window was back within it/);
});

test('a system that does not come back within the limit ends the search with that finding, shown in console and report', { timeout: 120_000 }, async () => {
  // a 1 s limit cannot outlast the ~3 s backlog of a 400/s step: the search ends after it, the next step not run
  const out = tempOut('loadcert-capacity-unrecovered-');
  const r = await runCli(['capacity', join(ROOT, 'scenarios', 'capacity-demo.ts'), '--base-url', target.url, '--out', out, '--step', '2s', '--warmup', '1s',
    '--start-rate', '100', '--growth', '4', '--max-rate', '400', '--budget', '90s', '--settle', '1s', '--cooldown-limit', '1s']);
  const trace = `${r.stderr}\n${r.stdout}`;
  const c = readSummary(out).capacity!;
  assert.equal(c.end, 'unrecovered', trace);
  assert.equal(c.unrecovered?.afterRps, 400, trace);
  assert.equal(c.steps[c.steps.length - 1].rps, 400, 'no step ran after the unrecovered wait');
  assert.match(r.stdout, /did not recover within 1 s after 400\/s/);
  const { readFileSync } = await import('node:fs');
  assert.match(readFileSync(join(out, 'report.html'), 'utf8'), /did not recover within 1 s after 400\/s/);
});
