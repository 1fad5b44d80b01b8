// Duration options of the health probes, on top of the shared k6 duration parser.
import type { Duration } from '../contracts/scenario-types.ts';
import { DURATION_FORMS, parseDuration } from '../contracts/duration.ts';
import { LoadcertError, ExitCode } from '../contracts/errors.ts';

/** Milliseconds of `d` (`fallback` when undefined); throws LC_INVALID_DURATION (exit 104) naming `option` when malformed or not positive. */
export function durationMs(d: Duration | undefined, fallback: number, option: string): number {
  if (d === undefined) return fallback;
  const ms = parseDuration(d);
  if (!Number.isFinite(ms) || ms <= 0)
    throw new LoadcertError('LC_INVALID_DURATION', `${option}: "${String(d)}" is not a positive duration (use ${DURATION_FORMS})`, ExitCode.INVALID_CONFIG);
  return ms;
}
