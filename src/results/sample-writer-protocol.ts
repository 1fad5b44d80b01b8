// Messages between the run's thread and the thread that formats and writes k6's per-sample files. The
// samples themselves travel through a shared ring (sample-ring.ts), not through messages.
import type { MetricDef, TagSet } from '../contracts/metric-types.ts';

/** What the writer thread is given when it starts. */
export interface WriterStart {
  /** Absolute path of the file (created or replaced when the run's clock starts). */
  path: string;
  kind: 'json' | 'csv';
  /** Threshold expressions by metric name (JSON's Metric lines). */
  thresholds: Array<[string, string[]]>;
  /** The ring's memory (sample-ring.ts), shared with the run's thread. */
  ring: SharedArrayBuffer;
  /** How often the writer looks for new samples, ms. */
  pollMs: number;
}

/** A series the writer has not seen: its number in the ring's records, its definition and tags. */
export interface SeriesDeclaration {
  id: number;
  def: MetricDef;
  tags: TagSet;
}

/** Run -> writer: open the file (epoch ms = perf + toEpoch), new series (sent before any of their records are published), the end (write every published record, close). */
export type ToWriter =
  | { type: 'open'; toEpoch: number }
  | { type: 'series'; list: SeriesDeclaration[] }
  | { type: 'stop' };

/** Writer -> run: its CPU scheduling (once, at start), the file closed (records written, the first write error if any). */
export type FromWriter =
  | { type: 'priority'; policy: WriterPriority }
  | { type: 'stopped'; written: number; error?: string };

/** How the writer thread is scheduled: SCHED_IDLE (runs only when the core is otherwise idle), nice 19, or unchanged (not Linux, not allowed). */
export type WriterPriority = 'SCHED_IDLE' | 'nice 19' | 'normal';
