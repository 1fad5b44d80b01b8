// The one shell command every orchestrated segment runs (Kubernetes pod, Swarm task): it picks its
// execution segment from an environment variable, then runs exactly `loadcert run --execution-segment ...`.
import { ConfigError } from '../contracts/errors.ts';

/** `0,1/N,2/N,...,(N-1)/N,1`: N equal segments, in the syntax of `--execution-segment-sequence`. */
export function equalSequence(n: number): string[] {
  if (!Number.isSafeInteger(n) || n < 1) throw new RangeError(`segment count must be a positive integer, got ${n}`);
  return Array.from({ length: n + 1 }, (_, i) => (i === 0 ? '0' : i === n ? '1' : `${i}/${n}`));
}

/** What the segment command needs. */
export interface SegmentCommandOptions {
  /** Number of segments (pods, replicas). */
  readonly count: number;
  /** Environment variable that holds the segment's number. */
  readonly indexVar: string;
  /** Value of `indexVar` for the first segment: 0 for JOB_COMPLETION_INDEX, 1 for a Swarm task slot. */
  readonly firstIndex: 0 | 1;
  /** Scenario file as seen inside the container. */
  readonly scenario: string;
  /** Thresholds file inside the container, when one is passed. */
  readonly thresholds?: string;
  /** Results folder of the whole run inside the container; each segment writes to `<dir>/segment-<index>`. */
  readonly resultsDir: string;
  /** The common start instant (epoch ms). */
  readonly startAt: number;
  /** --base-url for every segment, when given. */
  readonly baseUrl?: string;
  /** --allow-host values for every segment. */
  readonly allowHosts?: readonly string[];
  /** Program that runs loadcert (default `loadcert`, on the image's PATH). */
  readonly program?: string;
}

/** Exit codes of `loadcert run` after which the segment's results are written: the merge decides the verdict. */
export const RESULT_WRITTEN_CODES = [0, 99, 112, 113] as const;

/** Single-quotes a word for POSIX sh. */
export function shellQuote(word: string): string {
  return /^[A-Za-z0-9_@%+=:,./-]+$/.test(word) ? word : `'${word.replace(/'/g, `'\\''`)}'`;
}

/** Folder of segment `index` (as numbered by the orchestrator: 0.. for Kubernetes, 1.. for Swarm). */
export function segmentDir(resultsDir: string, index: number): string {
  return `${resultsDir.replace(/\/+$/, '')}/segment-${index}`;
}

/**
 * A POSIX sh script (for `sh -c`) that maps `$indexVar` to its segment with a `case`, then runs
 * `loadcert run SCENARIO --execution-segment A:B --execution-segment-sequence S --start-at T --out DIR`.
 * Verdict exit codes (0, 99, 112, 113) become 0, so the orchestrator never treats a judged slice as a
 * crashed one (the verdict is the merge's); any other code (104, 105, 111, 1) fails the pod/task.
 * An unknown index exits 104.
 */
export function segmentScript(o: SegmentCommandOptions): string {
  const seq = equalSequence(o.count);
  const v = o.indexVar;
  if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(v)) throw new ConfigError([{ file: 'command line', path: 'indexVar', message: `"${v}" is not an environment variable name`, fix: 'use letters, digits and _' }]);
  const cases = seq.slice(0, -1).map((from, i) => `${i + o.firstIndex}) SEGMENT_RANGE=${from}:${seq[i + 1]} ;;`).join(' ');
  const run = [
    o.program ?? 'loadcert', 'run', o.scenario,
    '--execution-segment', '"$SEGMENT_RANGE"',
    '--execution-segment-sequence', seq.join(','),
    '--start-at', String(o.startAt),
    '--out', `${shellQuote(o.resultsDir.replace(/\/+$/, ''))}/segment-"$${v}"`,
    ...(o.thresholds ? ['--thresholds', o.thresholds] : []),
    ...(o.baseUrl ? ['--base-url', o.baseUrl] : []),
    ...(o.allowHosts ?? []).flatMap((h) => ['--allow-host', h]),
  ].map((w) => (w.includes('"$') ? w : shellQuote(w))).join(' ');
  return [
    `case "$${v}" in ${cases} *) echo "loadcert: ${v}=$${v} is not a segment index (${o.firstIndex}..${o.count - 1 + o.firstIndex})" >&2; exit 104 ;; esac`,
    `echo "loadcert: ${v}=$${v} runs execution segment $SEGMENT_RANGE of ${seq.join(',')}" >&2`,
    run,
    'code=$?',
    `echo "loadcert: segment $SEGMENT_RANGE exited $code" >&2`,
    `case $code in ${RESULT_WRITTEN_CODES.join('|')}) exit 0 ;; esac`,
    'exit $code',
  ].join('\n');
}
