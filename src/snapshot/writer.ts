// The per-second snapshot of a segment run: every series' aggregate of every second, exact (encoded HDR
// histograms, counters, gauges), one ndjson line per second in segment-seconds.ndjson. `loadcert merge`
// replays the snapshots of N segments into one store.
import { closeSync, openSync, writeSync } from 'node:fs';
import type { MetricStore } from '../metrics/store.ts';
import type { AggregateState } from '../metrics/aggregates.ts';
import type { Tags } from '../contracts/metric-types.ts';

/** File name of the snapshot inside a run folder. */
export const SNAPSHOT_FILE = 'segment-seconds.ndjson';

/** One series' second: metric name, tags, aggregate state. */
export type SnapshotEntry = [metric: string, tags: Tags, state: AggregateState];

/** One line of the snapshot: the second's start (epoch ms), its length when partial, and every series with data. */
export interface SnapshotSecond {
  t: number;
  partialMs?: number;
  series: SnapshotEntry[];
}

/**
 * Follows `store` and appends one line per folded second to `path` (opened now, truncated). Write errors
 * are kept in `error` and stop the writing; the run goes on. Call close() after the last flush.
 */
export class SnapshotWriter {
  private fd: number | undefined;
  private readonly pending = new Map<number, SnapshotEntry[]>();
  error: Error | undefined;

  constructor(readonly path: string, store: MetricStore) {
    this.fd = openSync(path, 'w');
    store.onSeriesSecond((t, s, second) => {
      let list = this.pending.get(t);
      if (!list) { list = []; this.pending.set(t, list); }
      list.push([s.def.name, s.tags.tags, second.state()]);
    });
    store.onPoint((p) => {
      const series = this.pending.get(p.t) ?? [];
      this.pending.delete(p.t);
      const line: SnapshotSecond = p.partialMs !== undefined ? { t: p.t, partialMs: p.partialMs, series } : { t: p.t, series };
      this.write(JSON.stringify(line) + '\n');
    });
  }

  private write(text: string): void {
    if (this.fd === undefined) return;
    try { writeSync(this.fd, text); } catch (err) { this.error = err as Error; this.close(); }
  }

  /** Closes the file (idempotent). */
  close(): void {
    if (this.fd === undefined) return;
    try { closeSync(this.fd); } catch { /* already reported through error, if any */ }
    this.fd = undefined;
  }
}
