// Messages between the run's thread and the thread that formats and writes k6's per-sample files.
import type { MetricDef, TagSet } from '../contracts/metric-types.ts';

/** What the writer thread is given when it starts. */
export interface WriterStart {
  /** Absolute path of the file (created or replaced when the run's clock starts). */
  path: string;
  kind: 'json' | 'csv';
  /** Threshold expressions by metric name (JSON's Metric lines). */
  thresholds: Array<[string, string[]]>;
}

/** A series the writer has not seen: its number in the batches, its definition and tags. */
export interface SeriesDeclaration {
  id: number;
  def: MetricDef;
  tags: TagSet;
}

/** Run -> writer: open the file (epoch ms = perf + toEpoch), new series, a batch of samples (arrays transferred), the end. */
export type ToWriter =
  | { type: 'open'; toEpoch: number }
  | { type: 'series'; list: SeriesDeclaration[] }
  | { type: 'batch'; batch: number; n: number; ids: Int32Array; values: Float64Array; times: Float64Array }
  | { type: 'stop' };

/** Writer -> run: a batch written (its arrays transferred back for reuse), the file closed (with the first write error, if any). */
export type FromWriter =
  | { type: 'free'; batch: number; ids: Int32Array; values: Float64Array; times: Float64Array }
  | { type: 'stopped'; error?: string };
