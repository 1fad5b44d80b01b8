// Exact rational numbers for execution segments, read the way k6 reads them: "1/4", "0.25", "25%", "1e-1".

/** A fraction n/d in lowest terms, d > 0 (exact: bigint numerator and denominator). */
export interface Fraction {
  readonly n: bigint;
  readonly d: bigint;
}

function gcd(a: bigint, b: bigint): bigint {
  a = a < 0n ? -a : a; b = b < 0n ? -b : b;
  while (b) [a, b] = [b, a % b];
  return a || 1n;
}

/** Least common multiple of two positive integers. */
export function lcm(a: bigint, b: bigint): bigint {
  return (a / gcd(a, b)) * b;
}

/** The fraction n/d in lowest terms (d must not be 0). */
export function fraction(n: bigint | number, d: bigint | number = 1n): Fraction {
  let N = BigInt(n), D = BigInt(d);
  if (D === 0n) throw new RangeError('fraction with a zero denominator');
  if (D < 0n) { N = -N; D = -D; }
  const g = gcd(N, D);
  return { n: N / g, d: D / g };
}

/** 0 and 1. */
export const ZERO: Fraction = fraction(0n);
export const ONE: Fraction = fraction(1n);

/** a + b, a - b, a * b. */
export const add = (a: Fraction, b: Fraction): Fraction => fraction(a.n * b.d + b.n * a.d, a.d * b.d);
export const sub = (a: Fraction, b: Fraction): Fraction => fraction(a.n * b.d - b.n * a.d, a.d * b.d);
export const mul = (a: Fraction, b: Fraction): Fraction => fraction(a.n * b.n, a.d * b.d);

/** Compares two fractions: -1, 0 or 1. */
export function compareFractions(a: Fraction, b: Fraction): number {
  const x = a.n * b.d, y = b.n * a.d;
  return x < y ? -1 : x > y ? 1 : 0;
}

/** k6's (Go's) RatString: "n" for a whole number, else "n/d". */
export function formatFraction(f: Fraction): string {
  return f.d === 1n ? String(f.n) : `${f.n}/${f.d}`;
}

/** The nearest double. */
export function toNumber(f: Fraction): number {
  return Number(f.n) / Number(f.d);
}

/** Round half up of a non-negative fraction to a whole number (k6's roundUp). */
export function roundHalfUp(f: Fraction): bigint {
  const q = f.n / f.d, r = f.n % f.d;
  return r * 2n >= f.d ? q + 1n : q;
}

/**
 * A non-negative whole number as Go reads it with base 0 (each side of k6's "a/b"): decimal, 0x hex,
 * 0b binary, 0o octal, and a leading 0 is octal ("010" = 8, "08" is refused). Undefined when malformed.
 */
function goInteger(text: string): bigint | undefined {
  const m = /^(?:0[xX][0-9a-fA-F]+|0[bB][01]+|0[oO][0-7]+|[1-9]\d*)$/.exec(text);
  if (m) return BigInt(text.replace(/^0[xXbBoO]/, (p) => p.toLowerCase()));
  if (/^0[0-7]*$/.test(text)) return BigInt(`0o${text.slice(1) || '0'}`);
  return undefined;
}

/** Largest decimal exponent read ("1e-400" is refused rather than building a 400-digit denominator). */
const MAX_EXPONENT = 300;

/**
 * Reads one value as k6's stringToRat does: "N%" (a whole number of percent), "a/b" (with Go's integer
 * forms, see goInteger), or a decimal with an optional sign and exponent ("0.5", ".5", "-1", "1e-1").
 * No range check (the segment does it).
 * Throws an Error with k6's message when the text is none of these.
 */
export function parseRatio(text: string): Fraction {
  if (text.endsWith('%')) {
    const before = text.slice(0, -1);
    if (!/^[+-]?\d+$/.test(before)) throw new Error(`'${text}' is not a valid percentage`);
    return fraction(BigInt(before), 100n);
  }
  const bad = () => new Error(`'${text}' is not a valid percentage, decimal, fraction or interval value`);
  const slash = text.indexOf('/');
  if (slash >= 0) {
    const sign = /^[+-]/.test(text) ? text[0] : '';
    const n = goInteger(text.slice(sign ? 1 : 0, slash)), d = goInteger(text.slice(slash + 1));
    if (n === undefined || d === undefined || d === 0n) throw bad();
    return fraction(sign === '-' ? -n : n, d);
  }
  const dec = /^([+-]?)(\d*)(?:\.(\d*))?(?:[eE]([+-]?\d+))?$/.exec(text);
  if (!dec || (dec[2] === '' && (dec[3] ?? '') === '')) throw bad();
  const [, sign, int, decimals = '', exp = '0'] = dec;
  const e = Number(exp) - decimals.length;
  if (Math.abs(Number(exp)) > MAX_EXPONENT) throw bad();
  const mantissa = BigInt((sign === '-' ? '-' : '') + (int + decimals || '0'));
  return e >= 0 ? fraction(mantissa * 10n ** BigInt(e)) : fraction(mantissa, 10n ** BigInt(-e));
}
