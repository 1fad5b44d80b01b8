// Which segment runs belong together: same scenario (name and content), sequence and start, every
// segment of the sequence exactly once.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { ConfigIssue } from '../contracts/errors.ts';
import type { RunSummary, SegmentMeta } from '../contracts/summary-types.ts';
import { allSegments } from '../plan/segment.ts';

/** A segment run folder with its summary. */
export interface SegmentRun {
  dir: string;
  summary: RunSummary;
  meta: SegmentMeta;
}

/**
 * Every reason the runs in `runs` cannot be merged into one run, naming the folder and the field: a run
 * without segment identity or snapshot, a different scenario (name or file content), sequence or start-at,
 * a segment given twice, a segment of the sequence missing. Empty when they belong together.
 */
export function mergeProblems(runs: ReadonlyArray<{ dir: string; summary: RunSummary }>): ConfigIssue[] {
  const issues: ConfigIssue[] = [];
  const file = (dir: string) => join(dir, 'summary.json');
  const ok: SegmentRun[] = [];
  for (const r of runs) {
    const meta = r.summary.loadcert.segment;
    if (!meta) { issues.push({ file: file(r.dir), path: 'loadcert.segment', message: 'is missing: this run was not an execution segment', fix: 'merge the folders of runs started with --execution-segment and --execution-segment-sequence' }); continue; }
    if (!existsSync(join(r.dir, meta.snapshot))) { issues.push({ file: join(r.dir, meta.snapshot), path: '', message: 'the per-second snapshot of this segment is missing', fix: 'copy the whole run folder, including segment-seconds.ndjson' }); continue; }
    ok.push({ ...r, meta });
  }
  if (!ok.length) return issues;
  const first = ok[0];
  const same = (what: string, path: string, get: (r: SegmentRun) => unknown, fix: string) => {
    for (const r of ok.slice(1)) {
      const a = get(first), b = get(r);
      if (a !== b) issues.push({ file: file(r.dir), path, message: `different ${what}: ${String(b)} here, ${String(a)} in ${first.dir}`, fix });
    }
  };
  same('scenario', 'loadcert.scenario', (r) => r.summary.loadcert.scenario, 'merge only the segments of one run of one scenario');
  same('scenario file content', 'loadcert.segment.scenarioDigest', (r) => r.meta.scenarioDigest, 'run every segment with the same scenario file');
  same('segment sequence', 'loadcert.segment.sequence', (r) => r.meta.sequence, 'give every segment the same --execution-segment-sequence');
  same('start-at', 'loadcert.segment.startAt', (r) => r.meta.startAt, 'give every segment the same --start-at');
  if (issues.length) return issues;
  const seen = new Map<string, string>();
  for (const r of ok) {
    const other = seen.get(r.meta.segment);
    if (other) issues.push({ file: file(r.dir), path: 'loadcert.segment.segment', message: `segment ${r.meta.segment} overlaps: ${other} holds it too`, fix: 'give each segment once' });
    else seen.set(r.meta.segment, r.dir);
  }
  const missing = allSegments(first.meta.sequence).map((s) => s.segment).filter((s) => !seen.has(s));
  if (missing.length) issues.push({ file: 'command line', path: 'DIR...', message: `segment${missing.length > 1 ? 's' : ''} ${missing.join(', ')} of the sequence ${first.meta.sequence} missing`, fix: 'add the run folder of every segment of the sequence' });
  return issues;
}
