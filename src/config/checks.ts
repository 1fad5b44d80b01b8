// The one issue list of every config validator (scenario, executors, HTTP and realtime workloads): checks push ConfigIssues, never throw.
import type { ConfigIssue } from '../contracts/errors.ts';
import { DURATION_FORMS, parseDuration } from '../contracts/duration.ts';
import { closest } from './suggest.ts';

/** Collects the issues of one file; every path is relative to `base` (e.g. `workloads.api`, '' for the file's root). */
export class IssueList {
  readonly issues: ConfigIssue[] = [];
  constructor(readonly file: string, readonly base = '') {}

  /** Adds one issue at `path` (below `base`; '' = `base` itself). */
  add(path: string, message: string, fix: string): void {
    const full = !this.base ? path : !path ? this.base : path.startsWith('[') ? `${this.base}${path}` : `${this.base}.${path}`;
    this.issues.push({ file: this.file, path: full, message, fix });
  }

  /** Adds one issue and returns false, for checks that report whether the value was fine. */
  fail(path: string, message: string, fix: string): false {
    this.add(path, message, fix);
    return false;
  }

  /** Flags keys of `obj` not in `allowed` (no silently ignored option), suggesting the closest allowed key. */
  unknownKeys(obj: object, allowed: readonly string[], path = ''): void {
    for (const k of Object.keys(obj)) {
      if (allowed.includes(k)) continue;
      const near = closest(k, allowed);
      this.add(join(path, k), `unknown option "${k}"`, near ? `did you mean "${near}"?` : `remove it; allowed here: ${allowed.join(', ')}`);
    }
  }

  /** Checks a required or optional number: integer when `int`, at least `min`, above `above`, at most `max`; true when fine. */
  number(value: unknown, path: string, o: { required?: boolean; int?: boolean; min?: number; above?: number; max?: number }): boolean {
    if (value === undefined) {
      if (o.required) return this.fail(path, 'is required', `set ${lastKey(path)} to a number${o.min !== undefined ? ` >= ${o.min}` : o.above !== undefined ? ` > ${o.above}` : ''}`);
      return true;
    }
    const ok = typeof value === 'number' && Number.isFinite(value) && (!o.int || Number.isInteger(value))
      && (o.min === undefined || value >= o.min) && (o.above === undefined || value > o.above) && (o.max === undefined || value <= o.max);
    if (ok) return true;
    const range = [o.min !== undefined ? `>= ${o.min}` : '', o.above !== undefined ? `> ${o.above}` : '', o.max !== undefined ? `<= ${o.max}` : ''].filter(Boolean).join(' and ');
    return this.fail(path, `must be ${o.int ? 'an integer' : 'a number'}${range ? ` ${range}` : ''}, got ${JSON.stringify(value)}`, `set ${lastKey(path)} to ${o.int ? 'an integer' : 'a number'}${range ? ` ${range}` : ''}`);
  }

  /** Checks a duration in the one k6 grammar (contracts/duration.ts), not negative, and > 0 when `positive`; returns ms, or NaN when absent or bad. */
  duration(value: unknown, path: string, required = false, positive = false): number {
    if (value === undefined) {
      if (required) this.add(path, 'is required', `set ${lastKey(path)} to a duration such as '30s' or '2m'`);
      return NaN;
    }
    const ms = parseDuration(value as string | number);
    if (Number.isNaN(ms)) this.add(path, `is not a duration: ${JSON.stringify(value)}`, `write ${DURATION_FORMS}`);
    else if (positive && ms === 0) { this.add(path, `must be longer than 0, got ${JSON.stringify(value)}`, `set ${lastKey(path)} to a positive duration such as '1s'`); return NaN; }
    return ms;
  }

  /** Checks a string-to-string map (headers, tags); true when fine. */
  stringMap(value: unknown, path: string): boolean {
    if (value === undefined) return true;
    if (!isPlainObject(value)) return this.fail(path, 'must be an object of strings', `write ${lastKey(path)}: { key: 'value' }`);
    let ok = true;
    for (const [k, v] of Object.entries(value)) if (typeof v !== 'string') ok = this.fail(join(path, k), `must be a string, got ${typeof v}`, 'quote the value');
    return ok;
  }

  /** Checks an optional array of `{...}` entries (`shape` names one) with keys from `keys`; calls `each` on every object entry with its path. */
  objectList(value: unknown, path: string, keys: readonly string[], shape: string, example: string, each: (entry: Record<string, unknown>, path: string) => void): void {
    if (value === undefined) return;
    if (!Array.isArray(value)) { this.add(path, `must be an array of ${shape}`, `e.g. ${lastKey(path)}: [${example}]`); return; }
    value.forEach((entry: unknown, i) => {
      const p = join(path, i);
      if (!isPlainObject(entry)) { this.add(p, `must be ${shape}`, `e.g. ${example}`); return; }
      this.unknownKeys(entry, keys, p);
      each(entry, p);
    });
  }

  /** Checks an optional value of a fixed set; true when fine. */
  oneOf(value: unknown, path: string, values: readonly unknown[]): boolean {
    if (value === undefined || values.includes(value)) return true;
    return this.fail(path, `must be one of ${values.map((x) => JSON.stringify(x)).join(', ')}, got ${JSON.stringify(value)}`, `pick one of ${values.join(', ')}`);
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
