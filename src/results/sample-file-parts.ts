// `--out json=FILE` / `--out csv=FILE` with `--workers N`: each segment worker writes its own samples to a
// part file beside FILE (`FILE.part-<k>`, through the same sample output as a run in one thread), the
// main thread writes its own (vus, vus_max, health, resources) to FILE, and when the run ends the parts
// are appended to FILE and removed: one file, as k6 writes it. k6's JSON declares each metric once, so a
// part's Metric line that FILE already holds is left out; a CSV part's header row is left out.
// Call order: the workers finish (their part files closed) before the main output's stop joins them.
import { createReadStream, createWriteStream, existsSync, rmSync } from 'node:fs';
import { createInterface } from 'node:readline';
import type { OutputOutcome, RunOutput } from '../contracts/output.ts';

/** The part file worker `index` (0-based) writes for the sample file at absolute `path`. */
export function partPath(path: string, index: number): string {
  return `${path}.part-${index + 1}`;
}

/** The sample files of worker `index`: the same kinds, at their part paths (`files` resolved to absolute paths). */
export function workerSampleFiles(files: readonly SampleFilePath[], index: number): SampleFilePath[] {
  return files.map((f) => ({ kind: f.kind, path: partPath(f.path, index) }));
}

/** One of k6's per-sample files: its format and absolute path (run/outputs.ts's SampleFile has the same shape). */
export interface SampleFilePath {
  readonly kind: 'json' | 'csv';
  readonly path: string;
}

const METRIC_LINE = '{"type":"Metric"';

/** Calls `onLine` with each line of `path`, streamed; resolves when the file was read. */
async function eachLine(path: string, onLine: (line: string) => void): Promise<void> {
  const lines = createInterface({ input: createReadStream(path), crlfDelay: Infinity });
  for await (const line of lines) onLine(line);
}

/**
 * Appends the part files `parts` to the sample file `path` of `kind` (written and closed), then removes
 * them. JSON: Metric lines already present are skipped; CSV: each part's header row is skipped. Returns
 * warnings (a missing part, a failed read or write); never throws.
 */
export async function joinSampleParts(kind: SampleFilePath['kind'], path: string, parts: readonly string[]): Promise<string[]> {
  const warnings: string[] = [];
  const declared = new Set<string>();
  try {
    if (kind === 'json') await eachLine(path, (line) => { if (line.startsWith(METRIC_LINE)) declared.add(line); });
  } catch (err) {
    return [`${kind} output (${path}) could not be read to join the workers' samples: ${(err as Error).message}`];
  }
  const out = createWriteStream(path, { flags: 'a' });
  let writeError: Error | undefined;
  out.on('error', (err) => { writeError ??= err; });
  for (const part of parts) {
    if (!existsSync(part)) { warnings.push(`${kind} output: the samples of one worker are missing (${part} was not written)`); continue; }
    try {
      const pending: string[] = [];
      let size = 0;
      const flush = async () => {
        if (!pending.length) return;
        const text = pending.join('\n') + '\n';
        pending.length = 0;
        size = 0;
        if (!out.write(text)) await new Promise<void>((r) => { out.once('drain', r); out.once('error', () => r()); });
      };
      const lines = createInterface({ input: createReadStream(part), crlfDelay: Infinity });
      let i = 0;
      for await (const line of lines) {
        const first = i++ === 0;
        if (kind === 'csv' && first) continue;
        if (!line) continue;
        if (kind === 'json' && line.startsWith(METRIC_LINE)) {
          if (declared.has(line)) continue;
          declared.add(line);
        }
        pending.push(line);
        size += line.length;
        if (size > 1 << 20) await flush();
        if (writeError) break;
      }
      await flush();
      rmSync(part, { force: true });
    } catch (err) {
      warnings.push(`${kind} output: the samples in ${part} could not be joined: ${(err as Error).message}`);
    }
    if (writeError) break;
  }
  await new Promise<void>((r) => out.end(() => r()));
  if (writeError) warnings.push(`${kind} output (${path}) could not be written while joining the workers' samples: ${writeError.message}`);
  return warnings;
}

/** `inner` (the main thread's sample output to `file`), whose stop then joins the workers' part files into it. */
export function joinedSampleOutput(inner: RunOutput, file: SampleFilePath, workers: number): RunOutput {
  const parts = Array.from({ length: workers }, (_, i) => partPath(file.path, i));
  return {
    name: inner.name,
    samples: inner.samples,
    start: inner.start?.bind(inner),
    second: inner.second?.bind(inner),
    async stop(outcome: OutputOutcome) {
      await inner.stop?.(outcome);
      if (outcome.status === 'preflight-failed') { for (const p of parts) rmSync(p, { force: true }); return; }
      for (const w of await joinSampleParts(file.kind, file.path, parts)) outcome.warn(w);
    },
  };
}
