// A published history of runs (loadcert run --publish DIR): DIR/history.json, DIR/runs/<id>/, DIR/index.html.
import { copyFile, mkdir, readFile, readdir, rename, writeFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { ExitCode, LoadcertError } from '../contracts/errors.ts';
import type { RunSummary, Verdict } from '../contracts/summary-types.ts';
import { loadRunSummary, RUN_FILES } from '../report/load-run.ts';
import { renderHistoryPage } from './index-page.ts';

/** One published run: where its files are (relative to the history folder) and its headline figures. */
export interface HistoryEntry {
  /** Folder name under runs/, unique. */
  id: string;
  scenario: string;
  /** ISO start time of the run. */
  date: string;
  commit: string | null;
  verdict: Verdict;
  exitCode: number;
  p95Ms: number | null;
  p99Ms: number | null;
  errorRate: number | null;
  requestsPerSecond: number | null;
}

/** Names of the files inside a history folder. */
export const HISTORY_FILES = { index: 'index.html', data: 'history.json', runs: 'runs' } as const;

/** A history folder that cannot be read (exit 104), naming the file and the fix. */
export class HistoryError extends LoadcertError {
  constructor(message: string) {
    super('LC_HISTORY', message, ExitCode.INVALID_CONFIG);
    this.name = 'HistoryError';
  }
}

function figure(s: RunSummary, metric: string, field: string): number | null {
  const v = s.metrics?.[metric]?.values?.[field];
  return typeof v === 'number' && Number.isFinite(v) ? v : null;
}

/** The entry of a run summary (its verdict as src/verdict decides it from the stored evidence). */
export function entryOf(id: string, s: RunSummary): HistoryEntry {
  return {
    id, scenario: s.loadcert.scenario, date: s.loadcert.startTime, commit: s.loadcert.gitCommit ?? null,
    verdict: s.loadcert.verdict, exitCode: s.loadcert.exitCode,
    p95Ms: figure(s, 'http_req_duration', 'p(95)'), p99Ms: figure(s, 'http_req_duration', 'p(99)'),
    errorRate: figure(s, 'http_req_failed', 'rate'), requestsPerSecond: figure(s, 'http_reqs', 'rate'),
  };
}

/** Reads DIR/history.json (oldest first); [] when the folder or file does not exist yet; HistoryError when it is damaged. */
export async function readHistory(dir: string): Promise<HistoryEntry[]> {
  const path = join(dir, HISTORY_FILES.data);
  let text: string;
  try { text = await readFile(path, 'utf8'); } catch { return []; }
  let parsed: unknown;
  try { parsed = JSON.parse(text); } catch (err) {
    throw new HistoryError(`${path}: not valid JSON (${(err as Error).message}); fix: restore it, or delete it and the runs/ folder to start a new history`);
  }
  if (!Array.isArray(parsed) || !parsed.every((e) => e && typeof e === 'object' && typeof e.id === 'string' && typeof e.verdict === 'string'))
    throw new HistoryError(`${path}: not a loadcert history (a list of runs with id and verdict); fix: give the folder written by loadcert run --publish`);
  return parsed as HistoryEntry[];
}

async function writeAtomic(path: string, text: string): Promise<void> {
  const tmp = `${path}.${process.pid}.tmp`;
  await writeFile(tmp, text);
  await rename(tmp, path);
}

/**
 * Publishes the run in `runDir` into the history folder `dir`: copies its reports to runs/<id>/, adds its
 * entry to history.json and rewrites index.html. Returns the entry. Every verdict is listed; the baseline
 * for `compare --baseline-from` is the last CERTIFIED one.
 */
export async function publishRun(runDir: string, dir: string): Promise<HistoryEntry> {
  const summary = await loadRunSummary(runDir);
  const entries = await readHistory(dir);
  const stamp = summary.loadcert.startTime.replace(/[-:]/g, '').replace(/\.\d+Z$/, 'Z').replace('T', '-');
  const base = `${stamp}-${summary.loadcert.scenario}`.replace(/[^A-Za-z0-9._-]/g, '_').slice(0, 100);
  let id = base;
  for (let i = 2; entries.some((e) => e.id === id); i++) id = `${base}-${i}`;
  const target = join(dir, HISTORY_FILES.runs, id);
  await mkdir(target, { recursive: true });
  const present = new Set(await readdir(runDir));
  for (const f of [RUN_FILES.summary, RUN_FILES.html, RUN_FILES.junit, RUN_FILES.markdown])
    if (present.has(f)) await copyFile(join(runDir, f), join(target, basename(f)));
  const entry = entryOf(id, summary);
  entries.push(entry);
  await writeAtomic(join(dir, HISTORY_FILES.data), `${JSON.stringify(entries, null, 2)}\n`);
  await writeAtomic(join(dir, HISTORY_FILES.index), renderHistoryPage(entries));
  return entry;
}

/** Folder of the last CERTIFIED run in history `dir` (by date), or undefined when there is none. */
export async function lastCertifiedRun(dir: string): Promise<string | undefined> {
  const certified = (await readHistory(dir)).filter((e) => e.verdict === 'CERTIFIED').sort((a, b) => a.date.localeCompare(b.date));
  const last = certified.at(-1);
  return last ? join(dir, HISTORY_FILES.runs, last.id) : undefined;
}
