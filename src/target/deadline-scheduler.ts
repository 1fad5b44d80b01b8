// One shared scheduler that runs the demo target's delayed responses at their deadline on performance.now()'s clock.
//
// Node timers have whole-millisecond granularity and fire up to ~1.5 ms early or ~1 ms+ late against
// performance.now(). A fixed-delay route answered from a bare setTimeout therefore adds that error to every
// latency a load generator measures. This scheduler arms ONE timer for LEAD_MS before the earliest deadline,
// then finishes with a setImmediate loop until the deadline is reached: each turn of that loop goes back
// through the event loop, so sockets keep being served (a spin never starves other requests), and however
// many responses are pending there is only one loop. CPU cost: the process spins only while some deadline
// is less than LEAD_MS away (at most one core, and only for that fraction of the time), never per request.

/** How long before a deadline the timer hands over to the setImmediate loop, ms (covers early timers). */
export const LEAD_MS = 2;

interface Entry {
  readonly deadline: number;
  readonly seq: number;
  readonly fn: () => void;
}

/** Runs callbacks at their deadline (performance.now() ms), in deadline order, never before it. */
export class DeadlineScheduler {
  private readonly heap: Entry[] = [];
  private seq = 0;
  private timer: NodeJS.Timeout | null = null;
  private timerFor = Infinity;
  private immediate: NodeJS.Immediate | null = null;

  /** Calls `fn` once performance.now() >= `deadline` (as soon after as the event loop allows). */
  at(deadline: number, fn: () => void): void {
    this.push({ deadline, seq: this.seq++, fn });
    if (this.immediate) return; // the loop is running and will see it
    if (this.timer && deadline >= this.timerFor) return; // the armed timer comes first
    this.arm();
  }

  /** Callbacks waiting for their deadline. */
  get pending(): number {
    return this.heap.length;
  }

  /** Drops every waiting callback and stops the timer (the target is closing). */
  clear(): void {
    this.heap.length = 0;
    this.disarm();
  }

  private readonly tick = (): void => {
    this.timer = null;
    this.timerFor = Infinity;
    this.immediate = null;
    try {
      while (this.heap.length > 0 && this.heap[0].deadline <= performance.now()) this.pop().fn();
    } finally {
      this.arm();
    }
  };

  private arm(): void {
    this.disarm();
    if (this.heap.length === 0) return;
    const next = this.heap[0].deadline;
    const wait = next - performance.now();
    if (wait > LEAD_MS) {
      this.timerFor = next;
      this.timer = setTimeout(this.tick, wait - LEAD_MS).unref();
    } else {
      // ref'd on purpose: an unref'd immediate does not stop the event loop from blocking in poll, so it
      // would wait for unrelated I/O; the loop lasts at most LEAD_MS and clear() stops it
      this.immediate = setImmediate(this.tick);
    }
  }

  private disarm(): void {
    if (this.timer) clearTimeout(this.timer);
    if (this.immediate) clearImmediate(this.immediate);
    this.timer = null;
    this.timerFor = Infinity;
    this.immediate = null;
  }

  private before(a: Entry, b: Entry): boolean {
    return a.deadline < b.deadline || (a.deadline === b.deadline && a.seq < b.seq);
  }

  private push(e: Entry): void {
    const h = this.heap;
    let i = h.push(e) - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!this.before(h[i], h[parent])) break;
      [h[i], h[parent]] = [h[parent], h[i]];
      i = parent;
    }
  }

  private pop(): Entry {
    const h = this.heap;
    const top = h[0];
    const last = h.pop()!;
    if (h.length > 0) {
      h[0] = last;
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        const r = l + 1;
        let m = i;
        if (l < h.length && this.before(h[l], h[m])) m = l;
        if (r < h.length && this.before(h[r], h[m])) m = r;
        if (m === i) break;
        [h[i], h[m]] = [h[m], h[i]];
        i = m;
      }
    }
    return top;
  }
}
