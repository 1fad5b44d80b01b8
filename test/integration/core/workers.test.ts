// Issue 12 item 2: --workers N runs N execution segments in worker_threads and judges once on the merged data.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createDemoTarget } from '../../../src/target/server.ts';
import { runCli, tempOut, readSummary, fixture } from '../../helpers/cli.ts';

type Target = Awaited<ReturnType<typeof createDemoTarget>>;
let target: Target;
before(async () => { target = await createDemoTarget({ port: 0 }); });
after(async () => { await target.close(); });

const SCHEDULE = 1500; // segments-300.ts: 300/s for 5 s

async function run(workers: number) {
  const out = tempOut(`loadcert-workers${workers}-`);
  const r = await runCli(['run', fixture('segments-300.ts'), '--base-url', target.url, '--out', out, '--workers', String(workers)]);
  assert.ok([0, 99, 112].includes(r.code!), `--workers ${workers} exited ${r.code}: ${r.stderr}${r.stdout}`);
  const s = readSummary(out);
  const seconds = readFileSync(join(out, 'timeseries.ndjson'), 'utf8').trim().split('\n').map((l) => JSON.parse(l));
  return { code: r.code!, s, perSecond: seconds.reduce((a, p) => a + (p.series.http_reqs?.count ?? 0), 0) };
}

test('--workers 2 gives the verdict and counts of --workers 1 (within the schedule\'s tolerance)', { timeout: 120_000 }, async () => {
  const one = await run(1);
  const two = await run(2);
  for (const [n, x] of [[1, one], [2, two]] as const) {
    const count = x.s.metrics.http_reqs.values.count;
    assert.ok(Math.abs(count - SCHEDULE) <= SCHEDULE * 0.005, `--workers ${n}: ${count} requests, schedule ${SCHEDULE}`);
    assert.equal(x.perSecond, count, `--workers ${n}: the per-second series add up to the total`);
    assert.equal(x.s.metrics.iterations.values.count, count);
    assert.equal(x.s.loadcert.status, 'completed');
  }
  assert.equal(two.s.loadcert.verdict, one.s.loadcert.verdict, `${one.s.loadcert.verdictReason} / ${two.s.loadcert.verdictReason}`);
  assert.equal(two.code, one.code);
  assert.deepEqual(two.s.thresholds.map((t) => [t.metric, t.expression, t.status === 'not applicable']), one.s.thresholds.map((t) => [t.metric, t.expression, t.status === 'not applicable']));
});

test('--workers refuses a bad count and a combination with --execution-segment (104)', { timeout: 30_000 }, async () => {
  const bad = await runCli(['run', fixture('segments-300.ts'), '--base-url', target.url, '--out', tempOut(), '--workers', '0']);
  assert.equal(bad.code, 104);
  assert.match(bad.stderr, /--workers: "0" is not a whole number from 1 to 64/);
  const both = await runCli(['run', fixture('segments-300.ts'), '--base-url', target.url, '--out', tempOut(), '--workers', '2', '--execution-segment', '0:1/2']);
  assert.equal(both.code, 104);
  assert.match(both.stderr, /--workers: cannot be combined with --execution-segment/);
});

test('--workers 2 accepts thresholds on resource metrics (host_*, postgres_*, redis_*) as the main thread does', { timeout: 60_000 }, async () => {
  // The repository's thresholds.json has criteria and alert rules on sampler and probe metrics; a worker that
  // validated them against a registry without the samplers' metrics refused the run (104) before any load.
  const out = tempOut('loadcert-workers-resources-');
  const r = await runCli(['run', fixture('segments-300.ts'), '--base-url', target.url, '--out', out, '--workers', '2', '--thresholds', join(process.cwd(), 'thresholds.json')]);
  assert.notEqual(r.code, 104, `${r.stderr}${r.stdout}`);
  assert.equal(readSummary(out).loadcert.status, 'completed');
});
