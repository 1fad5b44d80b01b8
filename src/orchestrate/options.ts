// Options shared by `loadcert k8s` and `loadcert swarm`: segment count, the start barrier, the time bound
// and the run's name. Every problem is collected into one IssueList (exit 104).
import { basename } from 'node:path';
import { parseDuration } from '../contracts/duration.ts';
import type { IssueList } from '../config/checks.ts';
import { START_AT_MAX_AHEAD_MS as MAX_START_AHEAD_MS } from '../plan/index.ts';

/** Parses a segment count option (`--parallelism`, `--replicas`): an integer 1..1000. */
export function parseCount(text: string | undefined, option: string, issues: IssueList): number {
  const n = Number(text);
  if (text === undefined) issues.add(option, 'is required', `pass ${option} N, e.g. ${option} 4`);
  else if (!/^\d+$/.test(text) || n < 1 || n > 1000) issues.add(option, `"${text}" is not a whole number from 1 to 1000`, `pass ${option} 4`);
  return n;
}

/** Parses a duration option; pushes an issue and returns NaN when malformed. */
export function parseDurationOption(text: string | undefined, fallback: string, option: string, issues: IssueList): number {
  const ms = parseDuration(text ?? fallback);
  if (Number.isNaN(ms) || ms <= 0) issues.add(option, `"${text}" is not a positive duration`, `write e.g. ${option} ${fallback}`);
  return ms;
}

/**
 * The common start instant: `--start-at` (epoch ms) when given, else now + `--start-delay`. Either must
 * lie within the 10 minutes ahead that `loadcert run --start-at` accepts.
 */
export function resolveStartAt(startAt: string | undefined, delay: string | undefined, fallbackDelay: string, issues: IssueList, now = Date.now()): number {
  if (startAt !== undefined && delay !== undefined) {
    issues.add('--start-at', 'cannot be combined with --start-delay', 'use one of them');
    return NaN;
  }
  let at: number;
  if (startAt !== undefined) {
    at = Number(startAt);
    if (!/^\d+$/.test(startAt) || at < now) { issues.add('--start-at', `"${startAt}" is not a future epoch time in milliseconds`, 'pass e.g. --start-at $(( $(date +%s%3N) + 120000 ))'); return NaN; }
  } else {
    const ms = parseDurationOption(delay, fallbackDelay, '--start-delay', issues);
    if (Number.isNaN(ms)) return NaN;
    at = now + ms;
  }
  if (at - now > MAX_START_AHEAD_MS)
    issues.add(startAt !== undefined ? '--start-at' : '--start-delay', `the start is more than ${MAX_START_AHEAD_MS / 60_000} minutes ahead, which loadcert run --start-at refuses`, 'start within 10 minutes, e.g. --start-delay 3m');
  return Math.round(at);
}

/** A DNS-1123 name `loadcert-<scenario>-<base36 time>`, at most 40 characters (pod names add suffixes). */
export function runName(scenarioFile: string, now = Date.now()): string {
  const slug = basename(scenarioFile).replace(/\.[cm]?[jt]s$/, '').toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '') || 'run';
  const stamp = now.toString(36);
  return `loadcert-${slug.slice(0, 40 - 'loadcert-'.length - stamp.length - 1).replace(/-+$/, '')}-${stamp}`;
}
