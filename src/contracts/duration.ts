// The one duration grammar of loadcert, k6's: scenarios, thresholds, resources and preflight all read it here.

const NS_PER_MS = 1_000_000n;
const MAX_NS = (1n << 63n) - 1n;
const UNIT_NS: Record<string, bigint> = {
  ns: 1n, us: 1_000n, 'µs': 1_000n, 'μs': 1_000n, ms: 1_000_000n, s: 1_000_000_000n, m: 60_000_000_000n, h: 3_600_000_000_000n,
};
const DAY_NS = 24n * UNIT_NS.h;
const MAX_MS = Number(MAX_NS) / 1e6;
/** A bare number as k6 reads it (Go's strconv.ParseFloat, decimal form): milliseconds. */
const PLAIN_NUMBER = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;
/** The forms loadcert accepts, for messages. */
export const DURATION_FORMS = "a number of milliseconds (1500 or '1500'), or a string with units ns, us, ms, s, m, h and an optional leading day count: '500ms', '1.5s', '1m30s', '1d2h'";

/** A parsed duration: signed milliseconds, or why the text is not a duration. */
export type DurationResult = { readonly ok: true; readonly ms: number } | { readonly ok: false; readonly reason: string };

/**
 * Parses a duration exactly as k6 does (types.Duration / ParseExtendedDuration): a JSON number or a string
 * that is a plain number means milliseconds; otherwise Go duration syntax ('1h2m3.5s', units ns us µs ms s m h,
 * optional sign) with an optional leading whole day count ('1d2h', '-1d24h'). Signed; never throws.
 */
export function parseDurationValue(value: unknown): DurationResult {
  if (typeof value === 'number') return inRange(value) ? { ok: true, ms: value } : { ok: false, reason: `${value} is not a duration k6 can hold (at most about 106751 days)` };
  if (typeof value !== 'string') return { ok: false, reason: `a duration must be a string or a number, got ${value === null ? 'null' : typeof value}` };
  if (PLAIN_NUMBER.test(value)) {
    const ms = Number(value);
    return inRange(ms) ? { ok: true, ms } : { ok: false, reason: `"${value}" is not a duration k6 can hold (at most about 106751 days)` };
  }
  const ns = parseExtendedNs(value);
  if (typeof ns === 'string') return { ok: false, reason: ns };
  return { ok: true, ms: Number(ns / NS_PER_MS) + Number(ns % NS_PER_MS) / 1e6 };
}

function inRange(ms: number): boolean {
  return Number.isFinite(ms) && Math.abs(ms) <= MAX_MS;
}

/** Nanoseconds of a k6 duration string that is not a plain number, or the reason it is malformed. */
export function parseExtendedNs(text: string): bigint | string {
  const d = text.indexOf('d');
  if (d < 0) return parseGoNs(text);
  const dayText = text.slice(0, d);
  if (!/^[+-]?\d+$/.test(dayText)) return `"${text}": the day count before "d" must be a whole number`;
  const days = BigInt(dayText);
  let rest = 0n;
  if (d + 1 < text.length) {
    const r = parseGoNs(text.slice(d + 1));
    if (typeof r === 'string') return r;
    if (r < 0n) return `"${text}": the part after the days must not be negative`;
    rest = r;
  }
  const ns = days * DAY_NS + (days < 0n ? -rest : rest);
  return ns > MAX_NS || ns < -MAX_NS ? `"${text}" is too long (at most about 106751 days)` : ns;
}

/** Nanoseconds of a Go duration ('1h2m3.5s', '-1.5h', '0'), or the reason it is malformed. */
function parseGoNs(text: string): bigint | string {
  let s = text;
  let neg = false;
  if (s[0] === '-' || s[0] === '+') { neg = s[0] === '-'; s = s.slice(1); }
  if (s === '0') return 0n;
  if (s === '') return `"${text}" is empty`;
  let total = 0n;
  while (s !== '') {
    const m = /^(\d*)(?:\.(\d*))?/.exec(s)!;
    const [whole, intPart, fracPart] = [m[0], m[1], m[2] ?? ''];
    if (!intPart && !fracPart) return `"${text}": expected a number at "${s}"`;
    s = s.slice(whole.length);
    const unit = /^[^\d.]*/.exec(s)![0];
    if (!unit) return `"${text}": "${whole}" has no unit (ns, us, ms, s, m, h)`;
    const scale = UNIT_NS[unit];
    if (scale === undefined) return `"${text}": unknown unit "${unit}" (use ns, us, ms, s, m, h, or a leading day count like 1d2h)`;
    s = s.slice(unit.length);
    const frac = fracPart ? (BigInt(fracPart) * scale) / 10n ** BigInt(fracPart.length) : 0n;
    total += BigInt(intPart || '0') * scale + frac;
    if (total > MAX_NS + (neg ? 1n : 0n)) return `"${text}" is too long`;
  }
  return neg ? -total : total;
}

/** Milliseconds of a duration that must not be negative (every loadcert option); NaN when malformed, negative or not a duration at all (any value is accepted, so raw input needs no cast). */
export function parseDuration(value: unknown): number {
  const r = parseDurationValue(value);
  return r.ok && r.ms >= 0 ? r.ms : NaN;
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

/** Milliseconds written in the duration grammar itself, so parseDuration reads it back: 60000 -> '1m', 90000 -> '1m30s', 250 -> '250ms'. */
export function formatDurationText(ms: number): string {
  if (ms < 1000 || ms % 1000 !== 0) return `${ms}ms`;
  let s = ms / 1000;
  const h = Math.floor(s / 3600); s -= h * 3600;
  const m = Math.floor(s / 60); s -= m * 60;
  return `${h ? `${h}h` : ''}${m ? `${m}m` : ''}${s || (!h && !m) ? `${s}s` : ''}`;
}
