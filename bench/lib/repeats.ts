// Repeated measures of one benchmark step: the median decides, the spread shows how noisy the step was.

/** The median of `xs` (the mean of the middle two for an even count); NaN for none. */
export function median(xs: readonly number[]): number {
  if (!xs.length) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

/** Highest minus lowest of `xs` (0 for one value, NaN for none). */
export function spread(xs: readonly number[]): number {
  return xs.length ? Math.max(...xs) - Math.min(...xs) : NaN;
}

/** `median (spread s, values a / b / c)` with `digits` decimals and a unit. */
export function medianText(xs: readonly number[], digits: number, unit = ''): string {
  const f = (x: number) => `${x.toFixed(digits)}${unit}`;
  return `${f(median(xs))} (spread ${f(spread(xs))}: ${xs.map((x) => x.toFixed(digits)).join(' / ')})`;
}
