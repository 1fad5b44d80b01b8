// Helpers shared by the realtime benchmark's child processes: RSS after GC, result line, argv numbers.

/** Heap-collected resident set size in bytes (runs gc twice when node was started with --expose-gc). */
export function settledRss(): number {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (gc) { gc(); gc(); }
  return process.memoryUsage().rss;
}

/** V8 heap in use, in bytes, after GC (same conditions as settledRss). */
export function settledHeap(): number {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (gc) gc();
  return process.memoryUsage().heapUsed;
}

/** Writes the child's result as one `RESULT {json}` line on stdout. */
export function report(result: Record<string, unknown>): void {
  process.stdout.write(`RESULT ${JSON.stringify(result)}\n`);
}

/** A numeric option from argv (`--name=value`) or the default. */
export function arg(name: string, fallback: number): number {
  const hit = process.argv.find((a) => a.startsWith(`--${name}=`));
  const v = hit ? Number(hit.slice(name.length + 3)) : NaN;
  return Number.isFinite(v) ? v : fallback;
}

/** A string option from argv (`--name=value`) or the default. */
export function argText(name: string, fallback: string): string {
  const hit = process.argv.find((a) => a.startsWith(`--${name}=`));
  return hit ? hit.slice(name.length + 3) : fallback;
}

/** Promise of a pause. */
export function sleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}

/** Polls `cond` every 100 ms until true or `timeoutMs` passed; returns the final value. */
export async function until(cond: () => boolean, timeoutMs: number): Promise<boolean> {
  const end = Date.now() + timeoutMs;
  while (!cond() && Date.now() < end) await sleep(100);
  return cond();
}

/** The open-files limit of this process (soft), read from /proc. */
export async function openFilesLimit(): Promise<number> {
  const { readFile } = await import('node:fs/promises');
  const text = await readFile('/proc/self/limits', 'utf8').catch(() => '');
  const m = /Max open files\s+(\d+|unlimited)/.exec(text);
  return !m ? NaN : m[1] === 'unlimited' ? Infinity : Number(m[1]);
}
