// The one value formatter: a number in its threshold display unit, for reports, the console and messages ('0.42 %', '1,834 ms').

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

/** Drops trailing decimal zeros of a fixed-point text: '12.50' -> '12.5', '3.00' -> '3'. */
export function trim(s: string): string {
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
