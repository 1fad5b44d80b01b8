/**
 * Calls `onSecond(t)` at each whole second after `startEpoch` (t = epoch ms of the second that just
 * ended began), correcting timer drift so long runs stay aligned. Stop with the returned function.
 */
export function startSecondTicker(startEpoch: number, onSecond: (secondStart: number) => void): () => void {
  let k = 1;
  let timer: NodeJS.Timeout | undefined;
  let stopped = false;
  const schedule = () => {
    const due = startEpoch + k * 1000;
    timer = setTimeout(() => {
      if (stopped) return;
      // Catch up if the event loop was blocked for more than a second.
      while (Date.now() >= startEpoch + k * 1000) {
        onSecond(startEpoch + (k - 1) * 1000);
        k++;
      }
      schedule();
    }, Math.max(0, due - Date.now()));
  };
  schedule();
  return () => {
    stopped = true;
    if (timer) clearTimeout(timer);
  };
}

/** Index of the next second the ticker has not flushed yet, from `startEpoch` and the last flushed second. */
export function nextSecondStart(startEpoch: number, lastFlushed: number): number {
  return lastFlushed ? lastFlushed + 1000 : startEpoch;
}
