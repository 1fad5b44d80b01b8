// Small validators shared by the realtime engines: each pushes ConfigIssues, never throws.
import type { ConfigIssue } from '../../errors.ts';
import { parseDuration } from '../../config/duration.ts';

/** Collects issues for one workload file/path; every check returns whether the value was fine. */
export class IssueList {
  readonly issues: ConfigIssue[] = [];
  constructor(readonly file: string, readonly base: string) {}

  /** Adds an issue at `base.key`. */
  add(key: string, message: string, fix: string): false {
    this.issues.push({ file: this.file, path: key ? `${this.base}.${key}` : this.base, message, fix });
    return false;
  }

  /** Rejects keys that are not in `allowed` (no silently ignored options). */
  knownKeys(obj: object, allowed: readonly string[]): void {
    for (const k of Object.keys(obj)) {
      if (!allowed.includes(k)) this.add(k, `unknown option "${k}"`, `remove it; allowed options: ${allowed.join(', ')}`);
    }
  }

  /** An optional duration: number of ms or a k6 string. */
  duration(key: string, v: unknown, required = false): boolean {
    if (v === undefined) return required ? this.add(key, 'is required', "give a duration such as '30s' or '1m'") : true;
    if ((typeof v !== 'number' && typeof v !== 'string') || Number.isNaN(parseDuration(v)))
      return this.add(key, `invalid duration ${JSON.stringify(v)}`, "use milliseconds or a string such as '500ms', '30s', '1m30s'");
    return true;
  }

  /** An optional integer within [min, max]. */
  int(key: string, v: unknown, min: number, max = Number.MAX_SAFE_INTEGER, required = false): boolean {
    if (v === undefined) return required ? this.add(key, 'is required', `give an integer from ${min}`) : true;
    if (typeof v !== 'number' || !Number.isInteger(v) || v < min || v > max)
      return this.add(key, `must be an integer from ${min}${max < Number.MAX_SAFE_INTEGER ? ` to ${max}` : ''}, got ${JSON.stringify(v)}`, `set a whole number >= ${min}`);
    return true;
  }

  /** An optional positive finite number. */
  positive(key: string, v: unknown): boolean {
    if (v === undefined) return true;
    if (typeof v !== 'number' || !Number.isFinite(v) || v <= 0) return this.add(key, `must be a positive number, got ${JSON.stringify(v)}`, 'set a number > 0');
    return true;
  }

  /** An optional value of a fixed set. */
  oneOf(key: string, v: unknown, values: readonly unknown[]): boolean {
    if (v === undefined || values.includes(v)) return true;
    return this.add(key, `must be one of ${values.map((x) => JSON.stringify(x)).join(', ')}, got ${JSON.stringify(v)}`, `pick one of ${values.join(', ')}`);
  }

  /** Tags: string values only. */
  tags(key: string, v: unknown): boolean {
    if (v === undefined) return true;
    if (!v || typeof v !== 'object' || Array.isArray(v) || Object.values(v).some((x) => typeof x !== 'string'))
      return this.add(key, 'must map tag names to strings', "write tags as { name: 'value' }");
    return true;
  }

  /** Stages (ramp) of connection counts. */
  stages(key: string, v: unknown): boolean {
    if (!Array.isArray(v) || v.length === 0) return this.add(key, `must be a non-empty array of { duration, target }`, `e.g. [{ duration: '30s', target: 100 }]`);
    let ok = true;
    v.forEach((s, i) => {
      if (!s || typeof s !== 'object') { ok = this.add(`${key}[${i}]`, 'must be { duration, target }', `e.g. { duration: '30s', target: 100 }`); return; }
      this.knownKeys(s, ['duration', 'target']);
      ok = this.duration(`${key}[${i}].duration`, (s as Record<string, unknown>).duration, true) && ok;
      ok = this.int(`${key}[${i}].target`, (s as Record<string, unknown>).target, 0, 1_000_000, true) && ok;
    });
    return ok;
  }
}

/** True for 127.0.0.0/8, ::1 and localhost: the only hosts a realtime workload's own `url` may name. */
export function isLoopbackHost(hostname: string): boolean {
  const h = hostname.replace(/^\[|\]$/g, '').toLowerCase();
  return h === 'localhost' || h === '::1' || /^127\.\d+\.\d+\.\d+$/.test(h);
}

/** Resolves a workload path or full URL against the base URL; `ws` switches http(s) to ws(s). */
export function resolveTarget(baseUrl: string, pathOrUrl: string, ws: boolean): URL {
  const u = new URL(pathOrUrl, baseUrl);
  if (ws && (u.protocol === 'http:' || u.protocol === 'https:')) u.protocol = u.protocol === 'https:' ? 'wss:' : 'ws:';
  if (!ws && (u.protocol === 'ws:' || u.protocol === 'wss:')) u.protocol = u.protocol === 'wss:' ? 'https:' : 'http:';
  return u;
}

/** Checks a `path` or `url` option: a path below baseUrl, or an absolute loopback URL. */
export function checkTarget(list: IssueList, key: string, v: unknown, schemes: readonly string[]): boolean {
  if (typeof v !== 'string' || !v) return list.add(key, 'must be a non-empty string', "give a path such as '/ws/echo' or a loopback URL");
  if (v.startsWith('/')) return true;
  let u: URL;
  try { u = new URL(v); } catch { return list.add(key, `not a path or URL: ${JSON.stringify(v)}`, "start paths with '/' or give a full URL"); }
  if (!schemes.includes(u.protocol)) return list.add(key, `scheme ${u.protocol} not supported`, `use ${schemes.join(' or ')}`);
  if (!isLoopbackHost(u.hostname)) return list.add(key, `host ${u.hostname} is not loopback`, 'give a path below the scenario baseUrl (the --base-url host) or a 127.0.0.1 URL');
  return true;
}
