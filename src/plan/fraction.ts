// Exact rational numbers for execution segments: "1/4", "0.25", "0", "1".

/** A fraction n/d in lowest terms, d > 0. */
export interface Fraction {
  readonly n: number;
  readonly d: number;
}

function gcd(a: number, b: number): number {
  a = Math.abs(a); b = Math.abs(b);
  while (b) [a, b] = [b, a % b];
  return a || 1;
}

/** Least common multiple of two positive integers. */
export function lcm(a: number, b: number): number {
  return (a / gcd(a, b)) * b;
}

/** The fraction n/d in lowest terms. */
export function fraction(n: number, d: number): Fraction {
  const g = gcd(n, d);
  return { n: n / g, d: d / g };
}

/** Parses "a/b", a decimal ("0.25") or an integer; undefined when it is not a number in [0, 1]. */
export function parseFraction(text: string): Fraction | undefined {
  const s = text.trim();
  let f: Fraction | undefined;
  const m = /^(\d+)\s*\/\s*(\d+)$/.exec(s);
  if (m) {
    const d = Number(m[2]);
    if (d > 0) f = fraction(Number(m[1]), d);
  } else if (/^\d+(\.\d+)?$/.test(s)) {
    const [int, dec = ''] = s.split('.');
    if (dec.length <= 9) f = fraction(Number(int + dec), 10 ** dec.length);
  }
  if (!f || f.n > f.d) return undefined;
  return f;
}

/** Compares two fractions: negative, zero or positive. */
export function compareFractions(a: Fraction, b: Fraction): number {
  return a.n * b.d - b.n * a.d;
}

/** "n/d" ("0" and "1" for the ends). */
export function formatFraction(f: Fraction): string {
  return f.n === 0 ? '0' : f.n === f.d ? '1' : `${f.n}/${f.d}`;
}
