// Capacity figures as text, shared by the console lines of a search and the report's capacity view.
import type { CapacitySection } from '../contracts/summary-types.ts';

/** A rate or duration for a progress line: integer as is, else one decimal; '-' for null, undefined or non-finite. */
export function fmtNum(x: number | null | undefined): string {
  if (typeof x !== 'number' || !Number.isFinite(x)) return '-';
  return Number.isInteger(x) ? String(x) : x.toFixed(1);
}

/** The unrecovered finding in one sentence: "did not recover within N s after R/s (why)". */
export function unrecoveredText(c: CapacitySection): string {
  const u = c.unrecovered!;
  if (u.afterRps === 0) return u.reason;
  return `the system did not recover within ${fmtNum((c.baseline?.limitMs ?? u.waitedMs) / 1000)} s after ${fmtNum(u.afterRps)}/s (${u.reason}); the steps after it were not run`;
}
