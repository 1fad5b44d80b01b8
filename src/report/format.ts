// Time, date, percent-scale and change formatting of the HTML, JUnit and markdown reports (durations: config/duration.ts).

// Numbers, bytes, percentages and values in a unit have one home (thresholds/format-value.ts), shared with the console.
export { formatBytes, formatNumber, formatPercent, formatValue } from '../thresholds/format-value.ts';
import { trim } from '../thresholds/format-value.ts';


/** A value already in percent (0-100 scale), e.g. CPU: 71.234 -> '71.2 %'. */
export function formatPct(v: number): string {
  return `${trim(v.toFixed(1))} %`;
}

/** Elapsed seconds as an axis label: 0 -> '0:00', 75 -> '1:15', 3725 -> '1:02:05'. */
export function formatClock(seconds: number): string {
  const t = Math.max(0, Math.round(seconds));
  const h = Math.floor(t / 3600);
  const m = Math.floor((t % 3600) / 60);
  const s = t % 60;
  const ss = String(s).padStart(2, '0');
  return h ? `${h}:${String(m).padStart(2, '0')}:${ss}` : `${m}:${ss}`;
}

/** An ISO date as 'YYYY-MM-DD HH:MM:SS UTC'; the input unchanged when it does not parse. */
export function formatDate(iso: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return `${d.toISOString().slice(0, 19).replace('T', ' ')} UTC`;
}

/** Signed relative change in percent with one decimal: 12.345 -> '+12.3 %'; null -> 'n/a'. */
export function formatChange(pct: number | null): string {
  if (pct === null || !Number.isFinite(pct)) return 'n/a';
  const r = Math.round(pct * 10) / 10;
  return `${r > 0 ? '+' : r < 0 ? '−' : '±'}${Math.abs(r).toFixed(1)} %`;
}
