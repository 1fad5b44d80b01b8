// Durations as written in threshold expressions and options, read by the one duration parser.
import { parseDuration } from '../contracts/duration.ts';

/** Milliseconds of a k6 duration string (the one grammar of contracts/duration.ts: '1m30s', '1d2h', '1500' = 1500 ms); undefined when malformed or negative. */
export function parseDurationMs(text: string): number | undefined {
  const ms = parseDuration(text);
  return Number.isNaN(ms) ? undefined : ms;
}

/** Compact rendering of milliseconds for labels and messages: 60000 -> '60s', 90000 -> '1m30s', 250 -> '250ms'. */
export function formatDurationMs(ms: number): string {
  if (ms < 1000 || ms % 1000 !== 0) return `${ms}ms`;
  let s = ms / 1000;
  const h = Math.floor(s / 3600); s -= h * 3600;
  const m = Math.floor(s / 60); s -= m * 60;
  return `${h ? `${h}h` : ''}${m ? `${m}m` : ''}${s || (!h && !m) ? `${s}s` : ''}`;
}
