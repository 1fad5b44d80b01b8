// Messages between the main thread and its segment workers (worker_threads).
import type { SnapshotEntry } from '../snapshot/writer.ts';

/** What a segment worker is given. */
export interface WorkerStart {
  scenarioFile: string;
  baseUrl: string;
  allowHosts: string[];
  thresholdsFile?: string;
  /** The sequence and this worker's segment index in it. */
  sequence: string;
  segment: string;
}

/** Main -> worker. */
export type ToWorker = { type: 'go'; startEpoch: number } | { type: 'stop' } | { type: 'hard' };

/** Worker -> main: a folded second, a warning, current activity, the end. */
export type FromWorker =
  | { type: 'second'; t: number; partialMs?: number; series: SnapshotEntry[]; active: number; allocated: number }
  | { type: 'warn'; message: string }
  | { type: 'ready' }
  | { type: 'done' }
  | { type: 'error'; message: string };
