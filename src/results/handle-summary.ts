// k6's handleSummary contract: the scenario's `handleSummary(data)` gets summary.json's data and returns
// an object of path (relative to the working directory), `stdout` or `stderr` to content; each is written.
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import type { HandleSummary } from '../config/load-scenario.ts';

/** Where handleSummary's `stdout` / `stderr` entries go, and the folder its relative paths are resolved from. */
export interface SummaryTargets {
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WritableStream;
  cwd: string;
}

/** Content k6 accepts for one entry: a string or bytes. */
function contentOf(key: string, v: unknown): string | Uint8Array {
  if (typeof v === 'string' || v instanceof Uint8Array) return v;
  if (v instanceof ArrayBuffer) return new Uint8Array(v);
  throw new Error(`handleSummary's entry "${key}" must be a string or bytes (as in k6), got ${v === null ? 'null' : typeof v}`);
}

/**
 * Calls `fn` with a copy of `data` (awaited when it returns a promise) and writes what it returns.
 * Never throws: every failure (an exception, a result that is not an object, an entry that cannot be
 * written) becomes one message in the returned list; the entries that could be written are written.
 */
export async function runHandleSummary(fn: HandleSummary, data: unknown, to: SummaryTargets): Promise<{ written: string[]; errors: string[] }> {
  const written: string[] = [];
  const errors: string[] = [];
  let result: unknown;
  try {
    result = await fn(JSON.parse(JSON.stringify(data)));
  } catch (err) {
    errors.push(`handleSummary threw: ${(err as Error)?.message ?? String(err)}`);
    return { written, errors };
  }
  if (result === undefined || result === null) return { written, errors };
  if (typeof result !== 'object' || Array.isArray(result)) {
    errors.push(`handleSummary must return an object of path, "stdout" or "stderr" to content, got ${Array.isArray(result) ? 'an array' : typeof result}`);
    return { written, errors };
  }
  for (const [key, value] of Object.entries(result)) {
    try {
      const content = contentOf(key, value);
      if (key === 'stdout') to.stdout.write(content);
      else if (key === 'stderr') to.stderr.write(content);
      else {
        const path = resolve(to.cwd, key);
        mkdirSync(dirname(path), { recursive: true });
        writeFileSync(path, content);
      }
      written.push(key);
    } catch (err) {
      errors.push(`handleSummary's "${key}" was not written: ${(err as Error).message}`);
    }
  }
  return { written, errors };
}
