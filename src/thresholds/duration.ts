// Durations as written in threshold expressions and options: '500ms', '30s', '1m30s', '2h'.

const PART = /(\d+(?:\.\d+)?)(ms|s|m|h)/gy;
const UNIT_MS: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 };

/** Milliseconds of a k6 duration string (units ms, s, m, h, combinable as '1m30s'); undefined when malformed or not positive-or-zero. */
export function parseDurationMs(text: string): number | undefined {
  const s = text.trim();
  if (!s) return undefined;
  PART.lastIndex = 0;
  let total = 0;
  let pos = 0;
  for (let m = PART.exec(s); m; m = PART.exec(s)) {
    total += Number(m[1]) * UNIT_MS[m[2]];
    pos = PART.lastIndex;
  }
  if (pos !== s.length || !Number.isFinite(total)) return undefined;
  return total;
}

/** Compact rendering of milliseconds for labels and messages: 60000 -> '60s', 90000 -> '1m30s', 250 -> '250ms'. */
export function formatDurationMs(ms: number): string {
  if (ms < 1000 || ms % 1000 !== 0) return `${ms}ms`;
  let s = ms / 1000;
  const h = Math.floor(s / 3600); s -= h * 3600;
  const m = Math.floor(s / 60); s -= m * 60;
  return `${h ? `${h}h` : ''}${m ? `${m}m` : ''}${s || (!h && !m) ? `${s}s` : ''}`;
}
