// Replays the per-second snapshots of N segment runs into one MetricStore, second by second, aligned
// by timestamp: the store folds them exactly as a single run's store folds its seconds (HDR histograms
// merged, counters and rates summed), so totals, per-second points and sustained windows are those of
// one run that recorded every sample.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { MetricStore } from '../metrics/store.ts';
import { aggregateFromState, createAggregate, type Aggregate } from '../metrics/aggregates.ts';
import { tagKey, tagSet } from '../metrics/tagset.ts';
import type { TagSet, Tags } from '../contracts/metric-types.ts';
import type { SnapshotEntry, SnapshotSecond } from '../snapshot/writer.ts';
import { LoadcertError, ExitCode } from '../contracts/errors.ts';
import type { SegmentRun } from './check.ts';

/**
 * Gauges that count the load's own units (VUs, connections): each segment holds its part, so the merged
 * reading of a second is the sum of the segments' readings. Every other gauge (resources, health) stays
 * per source: its series gets the tag `segment` of the run that sampled it.
 */
export const SUMMED_GAUGES: ReadonlySet<string> = new Set(['vus', 'vus_max', 'ws_connections', 'signalr_connections']);

/**
 * Adds one second of N segments to a store through `add`: every series' aggregate restored exactly; the
 * SUMMED_GAUGES summed over the segments; other gauges tagged with their segment (per source).
 */
export function feedSecond(store: MetricStore, parts: ReadonlyArray<{ segment: string; series: readonly SnapshotEntry[] }>, add: (metric: string, tags: TagSet, agg: Aggregate) => void): void {
  const summed = new Map<string, { metric: string; tags: Tags; last: number; min: number; max: number }>();
  for (const { segment, series } of parts) for (const [metric, tags, state] of series) {
    const def = store.registry.get(metric);
    if (!def) continue; // recorded by a segment but unknown here: buildSummary would ignore it too
    if (def.type === 'gauge' && SUMMED_GAUGES.has(metric)) {
      const g = state as { last: number; min: number; max: number };
      const key = `${metric}\0${tagKey(tags)}`;
      const s = summed.get(key) ?? { metric, tags, last: 0, min: 0, max: 0 };
      s.last += g.last; s.min += g.min; s.max += g.max;
      summed.set(key, s);
      continue;
    }
    const own = def.type === 'gauge' ? { ...tags, segment } : tags;
    add(metric, tagSet(own), aggregateFromState(def.type, state));
  }
  for (const s of summed.values()) {
    const g = createAggregate('gauge');
    g.add(s.min); g.add(s.max); g.add(s.last); // min, max and the last reading of the summed gauge
    add(s.metric, tagSet(s.tags), g);
  }
}

function readSnapshot(run: SegmentRun): SnapshotSecond[] {
  const path = join(run.dir, run.meta.snapshot);
  const out: SnapshotSecond[] = [];
  const lines = readFileSync(path, 'utf8').split('\n');
  lines.forEach((line, i) => {
    if (!line.trim()) return;
    try { out.push(JSON.parse(line) as SnapshotSecond); } catch {
      // a run killed mid-write leaves a cut last line: everything before it still counts
      if (i < lines.length - 2) throw new LoadcertError('LC_BAD_SNAPSHOT', `cannot read ${path}: line ${i + 1} is not JSON`, ExitCode.INVALID_CONFIG);
    }
  });
  return out;
}

/**
 * Feeds every second of every run into `store` (which has no clock) in time order and flushes each
 * second, so its onPoint listeners (ndjson writer, threshold windows) see the merged seconds. A second
 * is partial only when every run that has it ended within it. Returns the number of seconds.
 */
export function replaySegments(runs: readonly SegmentRun[], store: MetricStore): number {
  const bySecond = new Map<number, Array<{ run: SegmentRun; second: SnapshotSecond }>>();
  for (const run of runs) for (const second of readSnapshot(run)) {
    let list = bySecond.get(second.t);
    if (!list) { list = []; bySecond.set(second.t, list); }
    list.push({ run, second });
  }
  const times = [...bySecond.keys()].sort((a, b) => a - b);
  for (const t of times) {
    const list = bySecond.get(t)!;
    feedSecond(store, list.map((x) => ({ segment: x.run.meta.segment, series: x.second.series })), (m, tags, agg) => store.addAggregate(m, tags, agg));
    const full = list.some((x) => x.second.partialMs === undefined);
    store.flushSecond(t, full ? undefined : Math.max(...list.map((x) => x.second.partialMs!)));
  }
  return times.length;
}
