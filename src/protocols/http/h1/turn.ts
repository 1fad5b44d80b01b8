// A counter of event-loop turns, so a pool can tell whether a connection was released in the turn now
// running (before the I/O phase that would read the server's close of it).

let turn = 0;
let scheduled = false;

function next(): void {
  turn++;
  scheduled = false;
}

/** The number of the turn now running; it changes at this turn's check phase (one setImmediate per turn, only while someone asks). */
export function currentTurn(): number {
  if (!scheduled) {
    scheduled = true;
    setImmediate(next);
  }
  return turn;
}

/** The number of the turn now running, without asking for the next one to be counted (to compare with a recorded turn). */
export function turnNow(): number {
  return turn;
}

/** Calls `fn` after the next I/O (poll) phase of the event loop: a socket's end that has arrived is read by then. */
export function afterNextIo(fn: () => void): void {
  setImmediate(() => setImmediate(fn));
}
