// Small validation helpers shared by every config validator; each pushes ConfigIssues, never throws.
import type { ConfigIssue } from '../errors.ts';
import { DURATION_FORMS, parseDuration } from './duration.ts';

/** Collects issues for one file. */
export class IssueList {
  readonly issues: ConfigIssue[] = [];
  constructor(readonly file: string) {}

  /** Adds one issue at `path`. */
  add(path: string, message: string, fix: string): void {
    this.issues.push({ file: this.file, path, message, fix });
  }

  /** Flags keys of `obj` not in `allowed`, suggesting the closest allowed key. */
  unknownKeys(obj: object, allowed: readonly string[], path: string): void {
    for (const k of Object.keys(obj)) {
      if (allowed.includes(k)) continue;
      const near = closest(k, allowed);
      this.add(join(path, k), `unknown option "${k}"`, near ? `did you mean "${near}"?` : `remove it; allowed here: ${allowed.join(', ')}`);
    }
  }

  /** Checks a required or optional number: integer when `int`, at least `min`. */
  number(value: unknown, path: string, o: { required?: boolean; int?: boolean; min?: number; max?: number }): void {
    if (value === undefined) {
      if (o.required) this.add(path, 'is required', `set ${lastKey(path)} to a number${o.min !== undefined ? ` >= ${o.min}` : ''}`);
      return;
    }
    const ok = typeof value === 'number' && Number.isFinite(value) && (!o.int || Number.isInteger(value))
      && (o.min === undefined || value >= o.min) && (o.max === undefined || value <= o.max);
    if (!ok) {
      const range = [o.min !== undefined ? `>= ${o.min}` : '', o.max !== undefined ? `<= ${o.max}` : ''].filter(Boolean).join(' and ');
      this.add(path, `must be ${o.int ? 'an integer' : 'a number'}${range ? ` ${range}` : ''}, got ${JSON.stringify(value)}`, `set ${lastKey(path)} to ${o.int ? 'an integer' : 'a number'}${range ? ` ${range}` : ''}`);
    }
  }

  /** Checks a k6 duration ('30s', '1m', or ms as a number); returns ms or NaN. */
  duration(value: unknown, path: string, required = false): number {
    if (value === undefined) {
      if (required) this.add(path, 'is required', `set ${lastKey(path)} to a duration such as '30s' or '2m'`);
      return NaN;
    }
    const ms = parseDuration(value as string | number);
    if (Number.isNaN(ms)) this.add(path, `is not a duration: ${JSON.stringify(value)}`, `write ${DURATION_FORMS}`);
    return ms;
  }

  /** Checks a string-to-string map (headers, tags). */
  stringMap(value: unknown, path: string): void {
    if (value === undefined) return;
    if (!isPlainObject(value)) return this.add(path, 'must be an object of strings', `write ${lastKey(path)}: { key: 'value' }`);
    for (const [k, v] of Object.entries(value)) if (typeof v !== 'string') this.add(join(path, k), `must be a string, got ${typeof v}`, 'quote the value');
  }
}

/** True for `{...}` objects (not arrays, not null). */
export function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** `a.b` / `a[0]` path joining. */
export function join(path: string, key: string | number): string {
  if (typeof key === 'number') return `${path}[${key}]`;
  return path ? `${path}.${key}` : key;
}

function lastKey(path: string): string {
  const m = /([A-Za-z0-9_]+)\]?$/.exec(path);
  return m ? m[1] : path;
}

/** The allowed word closest to `word` by edit distance, when close enough to be a typo. */
export function closest(word: string, allowed: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestD = Infinity;
  for (const a of allowed) {
    const d = editDistance(word.toLowerCase(), a.toLowerCase());
    if (d < bestD) { bestD = d; best = a; }
  }
  return bestD <= Math.max(2, Math.floor(word.length / 3)) ? best : undefined;
}

function editDistance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let prev = row[0];
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const tmp = row[j];
      row[j] = Math.min(row[j] + 1, row[j - 1] + 1, prev + (a[i - 1] === b[j - 1] ? 0 : 1));
      prev = tmp;
    }
  }
  return row[b.length];
}
