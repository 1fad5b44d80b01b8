// Splits a byte stream of newline-delimited JSON (Docker stats and events) into parsed objects.

/** Largest partial line kept while waiting for its end (a stats object is a few KB). */
const MAX_PENDING = 1 << 20;

/** What `readJsonLines` reports: each parsed object, and once, how the stream ended. */
export interface JsonLineHandlers {
  onObject(value: unknown): void;
  /** Called once when the stream ends, errors or is destroyed; `err` is set on an error. */
  onEnd(err?: Error): void;
}

/** Feeds `stream` into `handlers`; malformed lines are skipped, a runaway line is dropped. */
export function readJsonLines(stream: NodeJS.ReadableStream, handlers: JsonLineHandlers): void {
  let pending = '';
  let ended = false;
  const end = (err?: Error): void => {
    if (ended) return;
    ended = true;
    handlers.onEnd(err);
  };
  stream.on('data', (chunk: Buffer | string) => {
    pending += typeof chunk === 'string' ? chunk : chunk.toString('utf8');
    let nl = pending.indexOf('\n');
    while (nl >= 0) {
      const line = pending.slice(0, nl).trim();
      pending = pending.slice(nl + 1);
      if (line) {
        let value: unknown;
        let ok = true;
        try { value = JSON.parse(line); } catch { ok = false; }
        if (ok) try { handlers.onObject(value); } catch { /* a handler bug must not break the stream */ }
      }
      nl = pending.indexOf('\n');
    }
    if (pending.length > MAX_PENDING) pending = '';
  });
  stream.on('end', () => end());
  stream.on('close', () => end());
  stream.on('error', (err: Error) => end(err));
}
