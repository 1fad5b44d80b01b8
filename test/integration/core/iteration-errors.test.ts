// Exceptions thrown by scenario code are counted in iteration_errors{scenario,error}, the first of each
// kind is printed with its stack, and the iteration_errors criterion fails the run: real `loadcert run`
// against the embedded demo target.
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createDemoTarget } from '../../../src/target/server.ts';
import { createRealtimeExtension } from '../../../src/target/realtime/index.ts';
import { runCli, tempOut, readSummary, fixture, ROOT } from '../../helpers/cli.ts';
import type { RunSummary } from '../../../src/contracts/summary-types.ts';

type Target = Awaited<ReturnType<typeof createDemoTarget>>;
let target: Target;
before(async () => { target = await createDemoTarget({ port: 0, extensions: [createRealtimeExtension()] }); });
after(async () => { await target.close(); });

async function run(throwIn: string, errorsCriterion = 'on') {
  const out = tempOut('loadcert-iteration-errors-');
  process.env.THROW_IN = throwIn; // inherited by the loadcert child process
  process.env.ERRORS_CRITERION = errorsCriterion;
  try {
    const r = await runCli(['run', fixture('throwing.ts'), '--base-url', target.url, '--out', out, '--skip-preflight']);
    return { ...r, summary: readSummary(out), series: seriesCounts(out) };
  } finally {
    delete process.env.THROW_IN;
    delete process.env.ERRORS_CRITERION;
  }
}

/** Whole-run count of every series key in the run's timeseries.ndjson (per-tag series are only there). */
function seriesCounts(dir: string): Map<string, number> {
  const out = new Map<string, number>();
  for (const line of readFileSync(join(dir, 'timeseries.ndjson'), 'utf8').split('\n')) {
    if (!line) continue;
    const p = JSON.parse(line) as { series: Record<string, { count?: number }> };
    for (const [k, v] of Object.entries(p.series)) if (typeof v.count === 'number') out.set(k, (out.get(k) ?? 0) + v.count);
  }
  return out;
}

function criterion(s: RunSummary) {
  return s.thresholds.find((t) => t.metric === 'iteration_errors')!;
}

describe('iteration errors', { timeout: 180_000 }, () => {
  test('a workload whose every iteration throws cannot pass, even with no criterion on iteration_errors', { timeout: 60_000 }, async () => {
    const r = await run('exec', 'off');
    assert.equal(r.code, 99, r.stderr);
    assert.equal(r.summary.loadcert.verdict, 'NOT CERTIFIED');
    assert.ok(r.summary.thresholds.every((t) => t.metric !== 'iteration_errors'), 'no criterion on iteration_errors');
    assert.ok(r.summary.thresholds.every((t) => t.ok), 'every criterion met');
    const broken = r.summary.loadcert.brokenWorkloads ?? [];
    assert.deepEqual(broken.map((b) => b.workload), ['api']);
    assert.equal(broken[0].errors, broken[0].iterations);
    assert.match(r.summary.loadcert.verdictReason ?? '', /every iteration threw in workload api/);
  });

  test('an exec that throws on every iteration is counted, printed once with its stack, and the run is NOT CERTIFIED (exit 99)', { timeout: 60_000 }, async () => {
    const r = await run('exec');
    assert.equal(r.code, 99, r.stderr);
    assert.equal(r.summary.loadcert.verdict, 'NOT CERTIFIED');
    const errors = (r.series.get('iteration_errors{error:TypeError,scenario:api}') ?? 0);
    assert.ok(errors > 10, `every iteration counted: ${errors}`);
    assert.equal(errors, r.summary.metrics.iterations.values.count, 'each iteration threw once');
    const c = criterion(r.summary);
    assert.equal(c.ok, false);
    assert.equal(c.observed, errors);
    // printed once, with the error's message and a stack frame in the scenario file
    const printed = r.stderr.split('first TypeError of this workload').length - 1;
    assert.equal(printed, 1, r.stderr);
    assert.match(r.stderr, /TypeError: order service returned no id\n\s+at failOrder .*throwing\.ts/);
    assert.ok(r.summary.loadcert.warnings.some((w) => w.includes('iteration_errors{scenario:api,error:TypeError}')));
  });

  test('a path function that throws is counted the same way', { timeout: 60_000 }, async () => {
    const r = await run('path');
    assert.equal(r.code, 99, r.stderr);
    assert.ok((r.series.get('iteration_errors{error:TypeError,scenario:api}') ?? 0) > 10);
    assert.match(r.stderr, /step "list" threw TypeError/);
  });

  test('a SignalR step whose args throw is an iteration error, not a SignalR error', { timeout: 60_000 }, async () => {
    const r = await run('signalr');
    assert.equal(r.code, 99, r.stderr);
    assert.ok((r.series.get('iteration_errors{error:TypeError,scenario:hub}') ?? 0) > 5, JSON.stringify([...r.series.keys()].filter((k) => k.startsWith('iteration_errors'))));
    assert.equal((r.series.get('iteration_errors{error:TypeError,scenario:api}') ?? 0), 0);
    assert.equal(r.summary.metrics.signalr_errors?.values.count ?? 0, 0);
  });

  test('scenario code that does not throw: the criterion has data (0) and passes (exit 0)', { timeout: 60_000 }, async () => {
    const r = await run('none');
    assert.equal(r.code, 0, r.stderr + r.stdout);
    const c = criterion(r.summary);
    assert.equal(c.ok, true);
    assert.equal(c.observed, 0);
    assert.doesNotMatch(r.stderr, /iteration_errors/);
  });

  test('the release criteria in thresholds.json include iteration_errors count==0', { timeout: 5_000 }, () => {
    const t = JSON.parse(readFileSync(join(ROOT, 'thresholds.json'), 'utf8')) as Record<string, Array<{ threshold: string }>>;
    assert.deepEqual(t.iteration_errors?.map((x) => x.threshold), ['count==0']);
  });
});
