// Issue 12: N segment processes started together (--start-at) against one demo target, then merged:
// the merged run has the unsegmented schedule's requests and the percentiles of one histogram of every sample.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import * as hdr from 'hdr-histogram-js';
import { createDemoTarget } from '../../../src/target/server.ts';
import { runCli, tempOut, readSummary, fixture } from '../../helpers/cli.ts';

type Target = Awaited<ReturnType<typeof createDemoTarget>>;
let target: Target;
before(async () => { target = await createDemoTarget({ port: 0 }); });
after(async () => { await target.close(); });

const SEQUENCE = '0,1/4,1/2,1';
const SEGMENTS = ['0:1/4', '1/4:1/2', '1/2:1'];
const SCHEDULE = 1500; // 300/s for 5 s
let dirs: string[] = [];
let lastCodes: number[] = [];

/** Runs every segment as its own process, all starting at one instant; returns their folders. */
async function runSegments(sequence: string, segments: string[], extra: string[] = []): Promise<string[]> {
  const startAt = Date.now() + 20_000; // start-up of 3 processes on a shared 2-core machine
  const outs = segments.map(() => tempOut('loadcert-seg-'));
  const results = await Promise.all(segments.map((s, i) => runCli(['run', fixture('segments-300.ts'), '--base-url', target.url, '--out', outs[i],
    '--execution-segment', s, '--execution-segment-sequence', sequence, '--start-at', String(startAt), ...extra])));
  // a verdict, never an error (a machine shared with other jobs may saturate the generator: 112, or slow the target: 99)
  results.forEach((r, i) => assert.ok([0, 99, 112].includes(r.code!), `segment ${segments[i]} exited ${r.code}: ${r.stderr}${r.stdout}`));
  lastCodes = results.map((r) => r.code!);
  return outs;
}

test('3 segment processes merged: the schedule\'s count within 0.5 %, percentiles of one histogram of all samples', { timeout: 150_000 }, async () => {
  dirs = await runSegments(SEQUENCE, SEGMENTS);
  const parts = dirs.map((d) => readSummary(d).metrics.http_reqs.values.count);
  // each segment ran its share of the striped schedule
  assert.ok(Math.abs(parts[0] - 375) <= 4 && Math.abs(parts[1] - 375) <= 4 && Math.abs(parts[2] - 750) <= 4, `parts ${parts}`);
  const out = tempOut('loadcert-merged-');
  const r = await runCli(['merge', ...dirs, '--out', out]);
  assert.ok([0, 99, 112].includes(r.code!), r.stderr + r.stdout);
  // every segment certified -> so is the merged run, unless the merged data fails a criterion none failed alone
  if (lastCodes.every((c) => c === 0)) assert.ok([0, 99].includes(r.code!), r.stderr + r.stdout);
  const m = readSummary(out);
  const total = m.metrics.http_reqs.values.count;
  assert.ok(Math.abs(total - SCHEDULE) <= SCHEDULE * 0.005, `merged ${total} requests, schedule ${SCHEDULE}`);
  assert.equal(total, parts.reduce((a, b) => a + b, 0));
  assert.equal(m.loadcert.exitCode, r.code);
  assert.deepEqual(m.loadcert.mergedFrom?.map((x) => x.segment), SEGMENTS);

  // the same samples in one histogram: merge the segments' stored histograms here
  const one = hdr.build({ bitBucketSize: 32, autoResize: true, numberOfSignificantValueDigits: 3, lowestDiscernibleValue: 1, highestTrackableValue: 60_000_000, useWebAssembly: false });
  for (const d of dirs) one.add(hdr.decodeFromCompressedBase64(readSummary(d).loadcert.histograms.http_req_duration, 32, false));
  const v = m.metrics.http_req_duration.values;
  const at = (p: number) => Math.min(v.max, Math.max(v.min, one.getValueAtPercentile(p) / 1000));
  assert.equal(one.totalCount, total);
  assert.equal(v.med, at(50), 'p50');
  assert.equal(v['p(95)'], at(95), 'p95');
  assert.equal(v['p(99)'], at(99), 'p99');
  // the per-second series add up to the whole
  const lines = (await import('node:fs')).readFileSync(join(out, 'timeseries.ndjson'), 'utf8').trim().split('\n').map((l) => JSON.parse(l));
  assert.equal(lines.reduce((s, p) => s + (p.series.http_reqs?.count ?? 0), 0), total);
});

test('merge refuses inputs that do not belong together, naming the problem (exit 104)', { timeout: 150_000 }, async () => {
  assert.ok(dirs.length === 3, 'needs the runs of the first test');
  const missing = await runCli(['merge', dirs[0], dirs[2], '--out', tempOut()]);
  assert.equal(missing.code, 104, missing.stderr);
  assert.match(missing.stderr, /segment 1\/4:1\/2 of the sequence 0,1\/4,1\/2,1 missing/);
  const twice = await runCli(['merge', dirs[0], dirs[0], dirs[1], dirs[2], '--out', tempOut()]);
  assert.equal(twice.code, 104, twice.stderr);
  assert.match(twice.stderr, /segment 0:1\/4 overlaps/);
  const other = await runSegments('0,1/2,1', ['0:1/2']);
  const mixed = await runCli(['merge', dirs[1], other[0], '--out', tempOut()]);
  assert.equal(mixed.code, 104, mixed.stderr);
  assert.match(mixed.stderr, /different segment sequence: 0,1\/2,1 here, 0,1\/4,1\/2,1/);
  assert.match(mixed.stderr, new RegExp(`${other[0].replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`));
  const plain = tempOut();
  const run = await runCli(['run', fixture('segments-300.ts'), '--base-url', target.url, '--out', plain]);
  assert.equal(run.code, 0, run.stderr);
  const notSegment = await runCli(['merge', plain, '--out', tempOut()]);
  assert.equal(notSegment.code, 104);
  assert.match(notSegment.stderr, /loadcert\.segment: is missing/);
});
