// The regression gate on real runs whose difference is built in, not left to the machine: the builds are the
// demo target's GET /slow?ms=50 and ?ms=60 (a server delay set on a deadline timer: +20 %, the same for every
// request), run one after another (never at the same time: two runs sharing 2 cores moved each other's
// latencies by more than 10 %, which made the old version of this test fail on a fresh machine).
//
// Why these cannot flap (false-failure rate far below 1 in 1,000 by the rank test the gate uses): with 800
// samples a side, the response times of one build sit within a few ms of its delay (loopback + timer
// lateness), so the baseline made 10 % slower (55-58 ms) lies almost wholly below the slower build's samples
// (>= 60 ms): the Mann-Whitney z of "worse by more than 10 %" is about sqrt(3 n) = 49, a confidence of
// 1 - 1e-300, where the gate needs 0.95. Failing would take most of one run's requests delayed by over
// 5 ms more than the other's. The same build twice: the interval of the shift is about ±1 % wide around a
// near-0 estimate, so it stays under the 10 % limit unless most requests of one run were 4 ms later than
// the other's. Throughput is tested as Poisson counts: 800 a side make the detectable drop 8.2 % (below the
// limit, so it can tell); 40 a side make it 37 %, so a 2-s comparison meets "cannot tell" by arithmetic on
// counts the schedule fixes, and that test asserts it.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { rmSync } from 'node:fs';
import { runCli, tempOut, fixture } from '../../helpers/cli.ts';
import { spawnDemoTarget, type SpawnedTarget } from '../../../src/target/spawn.ts';
import { runCompareCommand } from '../../../src/cli/compare-command.ts';
import { loadRunSummary } from '../../../src/report/load-run.ts';
import { compareRuns } from '../../../src/report/compare.ts';

const TIMEOUT = 300_000;
let target: SpawnedTarget;
let root: string;
before(async () => { target = await spawnDemoTarget(['--port', '0']); root = tempOut('loadcert-gate-'); });
after(async () => { await target.stop(); rmSync(root, { recursive: true, force: true }); });

let n = 0;
/** One run of a fixture scenario, alone on the machine's loadcert side; CERTIFIED or the test stops with why. */
async function run(scenario: string): Promise<string> {
  const dir = join(root, `${++n}-${scenario}`);
  const r = await runCli(['run', fixture(scenario), '--base-url', target.url, '--out', dir]);
  assert.equal(r.code, 0, `${scenario} is CERTIFIED\n${r.stderr}`);
  return dir;
}

async function compare(base: string, other: string): Promise<{ code: number; out: string }> {
  let out = '';
  const code = await runCompareCommand([base, other, '--max-regression', '10'], { out: (t) => { out += `${t}\n`; }, err: (t) => { out += `${t}\n`; } });
  return { code, out };
}

test('same build twice passes the gate both ways; a build 20 % slower fails it (exit 99), faster passes', { timeout: TIMEOUT }, async () => {
  const a = await run('gate-delay-50ms.ts');
  const b = await run('gate-delay-50ms.ts');
  const slow = await run('gate-delay-60ms.ts');
  for (const [x, y] of [[a, b], [b, a]]) {
    const r = await compare(x, y);
    assert.equal(r.code, 0, r.out);
    assert.match(r.out, /HTTP response time, 99th percentile .* n 800\/800, (≥99\.9|[\d.]+) % +±[\d.]+ %/, 'samples, confidence and the detectable regression beside the row');
    assert.match(r.out, /no regression beyond 10 % at 95 % confidence/);
  }
  {
    const r = await compare(a, slow);
    assert.equal(r.code, 99, r.out);
    const c = compareRuns(await loadRunSummary(a), await loadRunSummary(slow), 10);
    const p50 = c.rows.find((row) => row.label === 'HTTP response time, median (p50)')!;
    assert.equal(p50.regression, true, r.out);
    assert.equal(p50.test?.method, 'rank test');
    assert.ok(p50.bounds!.lowerPct > 10, `the whole interval of the shift lies above the limit: ${JSON.stringify(p50.bounds)}`);
  }
  assert.equal((await compare(slow, a)).code, 0, 'faster is no regression');
});

test('two 2-s runs (40 samples) cannot tell whether throughput dropped 10 %: exit 114 with the samples needed, never "no regression"', { timeout: TIMEOUT }, async () => {
  const a = await run('gate-delay-short.ts');
  const b = await run('gate-delay-short.ts');
  const r = await compare(a, b);
  assert.equal(r.code, 114, r.out);
  assert.match(r.out, /Throughput \(HTTP requests per second\) .* n 40\/40, [\d.]+ % +±\d+ % +cannot tell \(needs about [\d,]+ samples per run, or a limit of \d+ %\)/);
  assert.match(r.out, /CANNOT TELL: 1 row\(s\) cannot show whether the run is more than 10 % worse/);
  assert.doesNotMatch(r.out, /no regression beyond/);
});
