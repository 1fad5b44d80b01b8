// Messages between the main thread and its segment workers (worker_threads).
import type { HandedSecond } from '../metrics/second-handoff.ts';
import type { SampleFile } from '../run/outputs.ts';

/** What a segment worker is given. */
export interface WorkerStart {
  scenarioFile: string;
  baseUrl: string;
  allowHosts: string[];
  thresholdsFile?: string;
  /** The sequence and this worker's segment index in it. */
  sequence: string;
  segment: string;
  /** k6's per-sample files of this worker (absolute part paths the main thread joins at the end). */
  sampleFiles?: SampleFile[];
}

/** Main -> worker. */
export type ToWorker = { type: 'go'; startEpoch: number } | { type: 'stop' } | { type: 'hard' };

/** Worker -> main: a closed second (unfolded entries), a warning, current activity, the end. */
export type FromWorker =
  | { type: 'second'; second: HandedSecond; active: number; allocated: number }
  | { type: 'warn'; message: string }
  | { type: 'ready' }
  | { type: 'done' }
  | { type: 'error'; message: string };
