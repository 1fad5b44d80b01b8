// The capacity search as a pure state machine: geometric steps up, then bisection between the last rate that held and the first that broke.

/** How one step ended for the search: the system held, broke, or the step proved nothing (invalid). */
export type StepOutcome = 'held' | 'broke' | 'invalid';

/** Bounds of a search. */
export interface SearchBounds {
  /** First rate tried, per second. */
  startRps: number;
  /** Highest rate tried, per second. */
  maxRps: number;
  /** Lowest rate tried when even the start breaks, per second. */
  minRps: number;
  /** Factor between rates while going up (and down), > 1. */
  growth: number;
  /** Stop once (firstBroke - highestHeld) / highestHeld is at most this fraction. */
  resolution: number;
}

/** Why a search stopped. */
export type SearchEnd = 'resolved' | 'max-rate-held' | 'generator-limit' | 'nothing-held' | 'budget' | 'stopped' | 'unrecovered';

/**
 * Proposes the next rate from the outcomes so far. Up: rate x growth while steps hold (capped at maxRps).
 * Once one breaks: the midpoint of [highest held, lowest broke] until the interval is within the
 * resolution. When even the first rate breaks: rate / growth until one holds (down to minRps).
 * An invalid step (the generator could not drive it) is tried once more (a busy machine may be
 * transient); invalid again, it bounds the search like a break but counts as neither: bisection goes on
 * between the highest rate held and it, and when that interval closes without a break the search ends
 * as 'generator-limit' (the system's limit is above what the generator could drive). Invalid with
 * nothing held ends the search at once.
 */
export class CapacitySearch {
  private readonly heldRates: number[] = [];
  private broke: number | undefined;
  private invalid: number | undefined;
  private last: number | undefined;
  private ended: SearchEnd | undefined;
  private readonly retried = new Set<number>();
  private retry: number | undefined;

  constructor(readonly bounds: SearchBounds) {}

  /**
   * Highest rate that held below the lowest rate that broke (a rate that held above a break, e.g. on a
   * quieter second, is not counted: one break caps the capacity, the conservative reading).
   */
  get highestHeld(): number | undefined { return this.held; }

  private get held(): number | undefined {
    const below = this.heldRates.filter((r) => r < (this.broke ?? Infinity));
    return below.length ? Math.max(...below) : undefined;
  }
  /** Lowest rate that broke so far. */
  get lowestBroke(): number | undefined { return this.broke; }
  /** Lowest rate the generator could not drive. */
  get generatorLimit(): number | undefined { return this.invalid; }
  /** Why it stopped, once it has. */
  get end(): SearchEnd | undefined { return this.ended; }

  /** Records the outcome of the step at `rps`. */
  record(rps: number, outcome: StepOutcome): void {
    this.last = rps;
    if (outcome === 'held') this.heldRates.push(rps);
    else if (outcome === 'broke') this.broke = Math.min(this.broke ?? Infinity, rps);
    else if (!this.retried.has(rps)) { this.retried.add(rps); this.retry = rps; }
    else this.invalid = Math.min(this.invalid ?? Infinity, rps);
  }

  /** Ends the search from outside (time budget spent, interrupted, the system did not recover before the next step). */
  stop(why: 'budget' | 'stopped' | 'unrecovered'): void { this.ended ??= why; }

  /** The next rate to try, or undefined when the search is over (see `end`). */
  next(): number | undefined {
    if (this.ended) return undefined;
    const b = this.bounds;
    const round = (x: number): number => Math.max(1, Math.round(x));
    if (this.last === undefined) return round(Math.min(b.startRps, b.maxRps));
    if (this.retry !== undefined) { const r = this.retry; this.retry = undefined; return r; }
    // Nothing held and the generator could not drive the start: no rate to search from.
    if (this.invalid !== undefined && this.held === undefined && this.broke === undefined) return this.finish('generator-limit');
    const upper = Math.min(this.broke ?? Infinity, this.invalid ?? Infinity);
    if (upper === Infinity) {
      if ((this.held ?? 0) >= b.maxRps) return this.finish('max-rate-held');
      return round(Math.min(this.held! * b.growth, b.maxRps));
    }
    if (this.held === undefined) {
      const down = round(upper / b.growth);
      if (down < b.minRps || down >= upper) return this.finish('nothing-held');
      return down;
    }
    const why: SearchEnd = this.broke !== undefined && this.broke <= upper ? 'resolved' : 'generator-limit';
    if ((upper - this.held) / this.held <= b.resolution) return this.finish(why);
    const mid = round((this.held + upper) / 2);
    if (mid <= this.held || mid >= upper) return this.finish(why);
    return mid;
  }

  private finish(why: SearchEnd): undefined {
    this.ended = why;
    return undefined;
  }
}
