import type { RunSummary } from '../contracts/summary-types.ts';
import { writeReports, loadRunSummary } from '../report/index.ts';

/** Renders the report files of a run folder (report.html, junit.xml, summary.md); a failure becomes a warning, never a lost run. */
export async function writeRunReports(outDir: string, summary: RunSummary, baselineDir: string | undefined, warn: (m: string) => void): Promise<void> {
  try {
    const baseline = baselineDir ? await loadRunSummary(baselineDir) : undefined;
    await writeReports(outDir, summary, { baseline });
  } catch (err) {
    warn(`the report could not be written: ${(err as Error).message}`);
  }
}
