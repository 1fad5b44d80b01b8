// Wakes a callback at a performance.now() instant closer than Node's millisecond timers do: a timer
// brings the loop to (or just before) the instant, and when it fires early the rest is waited out in
// setImmediate turns (the event loop keeps serving sockets meanwhile). Those turns cost CPU, so they are
// capped at SPIN_SHARE of wall time; past the cap the wake falls back to the timer alone.

/** Longest share of wall time spent waiting in setImmediate turns (per one-second window). */
export const SPIN_SHARE = 0.03;
/** Waits up to this long (ms) are spun out rather than given to a 1 ms timer. */
const SPIN_MAX_MS = 1.5;

/** One-shot wake-ups of `fn` at performance.now() instants; `at` replaces a pending one. */
export class PreciseWake {
  private timer: NodeJS.Timeout | undefined;
  private immediate: NodeJS.Immediate | undefined;
  private windowStart = performance.now();
  private spun = 0;
  private spinFrom = 0;
  private readonly fire = () => {
    this.timer = undefined;
    this.immediate = undefined;
    if (this.spinFrom) { this.spun += performance.now() - this.spinFrom; this.spinFrom = 0; }
    this.fn();
  };

  constructor(private readonly fn: () => void) {}

  /** Milliseconds spent waiting in setImmediate turns in the current one-second window. */
  get spunMs(): number {
    return this.spun;
  }

  /** Calls fn at `when` (performance.now() time base): at once (next turn) when already due. */
  at(when: number): void {
    this.cancel();
    const now = performance.now();
    if (now - this.windowStart >= 1000) { this.windowStart = now; this.spun = 0; }
    const wait = when - now;
    if (wait <= 0) { this.immediate = setImmediate(this.fire); return; }
    if (wait <= SPIN_MAX_MS && this.spun < SPIN_SHARE * 1000) {
      this.spinFrom = now;
      this.immediate = setImmediate(this.fire);
      return;
    }
    // A Node timer fires up to about a millisecond early or late: the callback checks what is due and asks again.
    this.timer = setTimeout(this.fire, Math.floor(wait));
  }

  /** Drops the pending wake-up. */
  cancel(): void {
    if (this.timer) clearTimeout(this.timer);
    if (this.immediate) clearImmediate(this.immediate);
    this.timer = undefined;
    this.immediate = undefined;
    this.spinFrom = 0;
  }
}
