/**
 * Calls `onSecond(t)` at each whole second after the start (t = epoch ms at which the second that just
 * ended began: `startEpoch + k * 1000`). Scheduling follows the monotonic clock, so wall-clock jumps
 * (NTP, a resumed VM) neither skip nor merge seconds. Stop with the returned function.
 */
export function startSecondTicker(startEpoch: number, onSecond: (secondStart: number) => void): () => void {
  const t0 = performance.now();
  let k = 1;
  let timer: NodeJS.Timeout | undefined;
  let stopped = false;
  const schedule = () => {
    timer = setTimeout(() => {
      if (stopped) return;
      // Catch up if the event loop was blocked for more than a second.
      while (performance.now() - t0 >= k * 1000) {
        onSecond(startEpoch + (k - 1) * 1000);
        k++;
      }
      schedule();
    }, Math.max(0, t0 + k * 1000 - performance.now()));
  };
  schedule();
  return () => {
    stopped = true;
    if (timer) clearTimeout(timer);
  };
}
