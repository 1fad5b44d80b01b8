import { setMaxListeners } from 'node:events';
import { HARD_STOP_GRACE_MS } from './types.ts';

/** What an executor tells its StopControl. */
export interface StopHooks {
  /** Graceful stop begins: stop scheduling (clear the executor's timers). */
  onStop(): void;
  /** True when no VU is in an iteration. */
  idle(): boolean;
}

/**
 * The stop protocol every executor shares: `stop()` ends scheduling and lets in-flight iterations
 * finish; after gracefulStop the workload's `hard` signal aborts them; an abort of the whole run
 * aborts it at once; and HARD_STOP_GRACE_MS after a hard stop `done` resolves even if a VU ignores
 * its signal, so a run can never hang on a stuck iteration.
 */
export class StopControl {
  /** Aborted at the hard stop; handed to every VU of the workload. */
  readonly hard = new AbortController();
  /** Resolves once, when the workload is over. */
  readonly done: Promise<void>;
  private stoppedFlag = false;
  private finished = false;
  private graceTimer: NodeJS.Timeout | undefined;
  private resolveDone!: () => void;
  private readonly onRunAbort = (): void => this.hard.abort();

  constructor(private readonly runSignal: AbortSignal, private readonly gracefulStopMs: number, private readonly hooks: StopHooks) {
    setMaxListeners(0, this.hard.signal); // one listener per VU (bounded by maxVUs), not a leak
    this.done = new Promise<void>((r) => (this.resolveDone = r));
    if (runSignal.aborted) queueMicrotask(this.onRunAbort);
    else runSignal.addEventListener('abort', this.onRunAbort, { once: true });
    this.hard.signal.addEventListener('abort', () => {
      this.stop();
      setTimeout(() => this.finish(), HARD_STOP_GRACE_MS).unref();
    }, { once: true });
  }

  /** True once stop() was called. */
  get stopped(): boolean {
    return this.stoppedFlag;
  }

  /** Graceful stop (idempotent): no new iterations; a hard stop follows after gracefulStop. */
  stop(): void {
    if (this.stoppedFlag) return;
    this.stoppedFlag = true;
    this.hooks.onStop();
    if (this.hooks.idle()) return this.finish();
    this.graceTimer = setTimeout(() => this.hard.abort(), this.gracefulStopMs);
    this.graceTimer.unref();
  }

  /** Call when a VU went idle: ends the workload if it was stopping and nothing runs any more. */
  vuIdle(): void {
    if (this.stoppedFlag && this.hooks.idle()) this.finish();
  }

  private finish(): void {
    if (this.finished) return;
    this.finished = true;
    if (this.graceTimer) clearTimeout(this.graceTimer);
    this.runSignal.removeEventListener('abort', this.onRunAbort);
    this.resolveDone();
  }
}
