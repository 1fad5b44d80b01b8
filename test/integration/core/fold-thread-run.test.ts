// An in-process run folds its seconds in the fold thread, never in the thread that sends and timestamps
// requests: that thread's fold count stays 0 while the run's points, time series and totals are all there.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { createDemoTarget } from '../../../src/target/server.ts';
import { runScenario } from '../../../src/run/run-scenario.ts';
import { secondsFoldedInThisThread } from '../../../src/metrics/second-fold.ts';
import { fixture, tempOut } from '../../helpers/cli.ts';

const quiet = () => new Writable({ write(_c, _e, done) { done(); } });

test('in-process run: no second is folded on the timing thread; the time series and totals agree', async () => {
  const target = await createDemoTarget({ port: 0 });
  try {
    const before = secondsFoldedInThisThread();
    const out = tempOut();
    const run = await runScenario({ scenarioFile: fixture('short.ts'), baseUrl: target.url, outDir: out, skipPreflight: true, progressOut: quiet(), summaryOut: quiet() });
    assert.equal(secondsFoldedInThisThread() - before, 0, 'seconds folded on the thread that timed the requests');
    const lines = readFileSync(join(run.outDir, 'timeseries.ndjson'), 'utf8').trim().split('\n').map((l) => JSON.parse(l) as { t: number; series: Record<string, { count?: number }> });
    assert.ok(lines.length >= 2, `points written: ${lines.length}`);
    const perSecond = lines.reduce((n, l) => n + (l.series.http_reqs?.count ?? 0), 0);
    const total = run.summary.metrics.http_reqs?.values.count;
    assert.ok(total !== undefined && total > 0, 'the run sent requests');
    assert.equal(perSecond, total, 'every request of the totals is in a folded second');
    assert.equal(run.summary.metrics.http_req_duration?.values.count, total);
  } finally { await target.close(); }
});
