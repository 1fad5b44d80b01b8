// Shared helpers of the report tests: fixture copies in temp folders and captured command output.
import { cpSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Handlebars from 'handlebars';
import type { RunSummary } from '../../../src/contracts/summary-types.ts';
import type { CommandIO } from '../../../src/report/index.ts';
import { normalizeSummary } from '../../../src/report/load-run.ts';
import { rejudgeSummary } from '../../../src/verdict/summary.ts';

// Reports rendered by tests must never land in a real CI job summary.
delete process.env.GITHUB_STEP_SUMMARY;

/** Folder of the stored run fixtures. */
export const RUNS = fileURLToPath(new URL('../../fixtures/runs/', import.meta.url));

/** A fresh temp copy of fixture `name` (tests never write into the fixtures). */
export function copyFixture(name: string): string {
  const dir = mkdtempSync(join(tmpdir(), `loadcert-${name}-`));
  cpSync(join(RUNS, name), dir, { recursive: true });
  return dir;
}

/** The stored summary.json of fixture `name`. */
export function fixtureSummary(name: string): RunSummary {
  return rejudgeSummary(normalizeSummary(JSON.parse(readFileSync(join(RUNS, name, 'summary.json'), 'utf8')) as RunSummary));
}

/** A CommandIO that keeps what was printed. */
export function captureIO(): CommandIO & { stdout: string; stderr: string } {
  const io = { stdout: '', stderr: '', out: (t: string) => { io.stdout += `${t}\n`; }, err: (t: string) => { io.stderr += `${t}\n`; } };
  return io;
}

/** Text as it appears in the HTML after Handlebars escaping. */
export const html = (text: string): string => Handlebars.Utils.escapeExpression(text);

/** The rows (<tr>…</tr>) of the table inside `<section id="ID">`. */
export function sectionRows(page: string, id: string): string[] {
  const start = page.indexOf(`<section id="${id}">`);
  if (start < 0) return [];
  const end = page.indexOf('</section>', start);
  const body = page.slice(page.indexOf('<tbody>', start), end);
  return body.split('<tr').slice(1).map((r) => `<tr${r.slice(0, r.indexOf('</tr>'))}</tr>`);
}
