// Issue 22: merged segments of an arrival-rate workload with fewer maxVUs than segments run the iterations,
// drops and verdict of one process (k6 re-cuts iterations by maxVUs: a segment with no VU owns no iteration).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createDemoTarget } from '../../../src/target/server.ts';
import { runCli, tempOut, readSummary, fixture } from '../../helpers/cli.ts';

type Target = Awaited<ReturnType<typeof createDemoTarget>>;
let target: Target;
before(async () => { target = await createDemoTarget({ port: 0 }); });
after(async () => { await target.close(); });

const SCENARIO = fixture('segments-few-vus.ts'); // 2/s for 5 s = 10 iterations, maxVUs 2
const SEQUENCE = '0,1/3,2/3,1';
const SEGMENTS = ['0:1/3', '1/3:2/3', '2/3:1'];

/** Iterations, dropped iterations and verdict of a results folder. */
function outcome(dir: string) {
  const s = readSummary(dir);
  return { iterations: s.metrics.iterations?.values.count ?? 0, dropped: s.metrics.dropped_iterations?.values.count ?? 0, verdict: s.loadcert.verdict };
}

test('maxVUs 2 over 3 segments: the merged run has one process\'s iterations, drops and verdict', { timeout: 150_000 }, async () => {
  // No preflight: on a machine shared with other jobs its 2 s health timeout is the likeliest failure here.
  // Each segment's VU gets an iteration every 1 s (one every 500 ms in one process) for a /health request of
  // about 1 ms, so nothing is dropped unless a process stalls that long (a cold first request included).
  const whole = tempOut('loadcert-fewvus-whole-');
  const one = await runCli(['run', SCENARIO, '--base-url', target.url, '--out', whole, '--skip-preflight']);
  assert.equal(one.code, 0, one.stderr + one.stdout);
  const outs = SEGMENTS.map(() => tempOut('loadcert-fewvus-seg-'));
  const parts = await Promise.all(SEGMENTS.map((s, i) => runCli(['run', SCENARIO, '--base-url', target.url, '--out', outs[i],
    '--execution-segment', s, '--execution-segment-sequence', SEQUENCE, '--skip-preflight'])));
  // a verdict, never an error (the segment with no work has no http data of its own: 112 alone)
  parts.forEach((r, i) => assert.ok([0, 99, 112].includes(r.code!), `segment ${SEGMENTS[i]} exited ${r.code}: ${r.stderr}${r.stdout}`));
  const merged = tempOut('loadcert-fewvus-merged-');
  const m = await runCli(['merge', ...outs, '--out', merged]);
  assert.equal(m.code, one.code, m.stderr + m.stdout);
  assert.deepEqual(outcome(merged), outcome(whole));
  assert.deepEqual(outcome(whole), { iterations: 10, dropped: 0, verdict: outcome(whole).verdict });
  // k6's split of maxVUs 2 over thirds is 1, 1, 0; the third segment runs nothing and drops nothing
  assert.deepEqual(outs.map((d) => outcome(d).iterations), [5, 5, 0]);
  assert.deepEqual(outs.map((d) => outcome(d).dropped), [0, 0, 0]);
});
