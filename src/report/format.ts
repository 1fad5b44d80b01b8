// Number, unit, time and duration formatting shared by the HTML, JUnit, markdown and console outputs.

const GROUPED = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });

/** A plain number with precision that suits its size: 1234567 -> '1,234,567', 12.345 -> '12.3', 0.01234 -> '0.0123'. */
export function formatNumber(v: number): string {
  if (!Number.isFinite(v)) return String(v);
  const a = Math.abs(v);
  if (a >= 100) return GROUPED.format(v);
  if (a >= 10) return trim(v.toFixed(1));
  if (a >= 1) return trim(v.toFixed(2));
  if (a === 0) return '0';
  return trim(v.toPrecision(3));
}

function trim(s: string): string {
  return s.includes('.') ? s.replace(/\.?0+$/, '') : s;
}

/** Bytes with a binary unit: 1536 -> '1.5 KiB'. */
export function formatBytes(v: number): string {
  const units = ['bytes', 'KiB', 'MiB', 'GiB', 'TiB'];
  let x = v;
  let i = 0;
  while (Math.abs(x) >= 1024 && i < units.length - 1) { x /= 1024; i++; }
  return `${formatNumber(x)} ${units[i]}`;
}

/** A value in a threshold's display unit ('ms', '%' of a fraction, 'bytes', '/s', 'bytes/s', ''). */
export function formatValue(v: number, unit: string): string {
  switch (unit) {
    case 'ms': return `${formatNumber(v)} ms`;
    case '%': return `${formatPercent(v)}`;
    case 'bytes': return formatBytes(v);
    case 'bytes/s': return `${formatBytes(v)}/s`;
    case '/s': return `${formatNumber(v)}/s`;
    case '': return formatNumber(v);
    default: return `${formatNumber(v)} ${unit}`;
  }
}

/** A fraction as a percentage with two decimals: 0.00234 -> '0.23 %'; tiny non-zero values keep 3 significant digits. */
export function formatPercent(fraction: number): string {
  const p = fraction * 100;
  if (p !== 0 && Math.abs(p) < 0.01) return `${trim(p.toPrecision(2))} %`;
  return `${p.toFixed(2)} %`;
}

/** A value already in percent (0-100 scale), e.g. CPU: 71.234 -> '71.2 %'. */
export function formatPct(v: number): string {
  return `${trim(v.toFixed(1))} %`;
}

/** A duration in milliseconds as words a reader scans: 3723000 -> '1 h 2 min 3 s', 850 -> '850 ms'. */
export function formatDuration(ms: number): string {
  if (!Number.isFinite(ms) || ms < 0) return 'unknown';
  if (ms < 1000) return `${Math.round(ms)} ms`;
  let s = Math.round(ms / 1000);
  const h = Math.floor(s / 3600); s -= h * 3600;
  const m = Math.floor(s / 60); s -= m * 60;
  const parts: string[] = [];
  if (h) parts.push(`${h} h`);
  if (m) parts.push(`${m} min`);
  if (s || !parts.length) parts.push(`${s} s`);
  return parts.join(' ');
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
