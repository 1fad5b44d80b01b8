// Option checks shared by the realtime engines (target URL, load shape): each pushes ConfigIssues, never throws.
import type { IssueList } from '../../config/checks.ts';
import { isLoopback } from '../../contracts/host-guard.ts';
import { validateStages } from '../../executors/stages.ts';

/** Resolves a workload path or full URL against the base URL; `ws` switches http(s) to ws(s). */
export function resolveTarget(baseUrl: string, pathOrUrl: string, ws: boolean): URL {
  const u = new URL(pathOrUrl, baseUrl);
  if (ws && (u.protocol === 'http:' || u.protocol === 'https:')) u.protocol = u.protocol === 'https:' ? 'wss:' : 'ws:';
  if (!ws && (u.protocol === 'ws:' || u.protocol === 'wss:')) u.protocol = u.protocol === 'wss:' ? 'https:' : 'http:';
  return u;
}

/** Checks a `path` or `url` option: a path below baseUrl, or an absolute URL whose host the run's host guard allows (loopback by default). */
export function checkTarget(list: IssueList, key: string, v: unknown, schemes: readonly string[], isAllowedHost: (host: string) => boolean = isLoopback): boolean {
  if (typeof v !== 'string' || !v) return list.fail(key, 'must be a non-empty string', "give a path such as '/ws/echo' or a loopback URL");
  if (v.startsWith('/')) return true;
  let u: URL;
  try { u = new URL(v); } catch { return list.fail(key, `not a path or URL: ${JSON.stringify(v)}`, "start paths with '/' or give a full URL"); }
  if (!schemes.includes(u.protocol)) return list.fail(key, `scheme ${u.protocol} not supported`, `use ${schemes.join(' or ')}`);
  if (!isAllowedHost(u.hostname)) return list.fail(key, `host ${u.hostname} is not loopback`, `give a path below the scenario baseUrl, or if you mean it pass --allow-host ${u.hostname.replace(/^\[|\]$/g, '')} (or list it in allowedHosts)`);
  return true;
}

/**
 * Checks the load shape of a pooled workload: `stages` (with `startKey`, whole targets up to a million),
 * or `countKey` with `duration`, never both; `example` is the count the fix suggests.
 */
export function checkSessionShape(l: IssueList, w: object, countKey: string, startKey: string, example: number): void {
  const o = w as Record<string, unknown>;
  if (o.stages !== undefined) {
    if (o[countKey] !== undefined || o.duration !== undefined) l.add('stages', `give \`stages\`, or \`${countKey}\` with \`duration\`, not both`, 'keep one way of shaping the load');
    validateStages(o.stages, l, 'stages', { int: true, max: 1_000_000 });
    l.number(o[startKey], startKey, { int: true, min: 0, max: 1_000_000 });
    return;
  }
  if (o[startKey] !== undefined) l.add(startKey, 'only applies with `stages`', 'remove it or use stages');
  if (o[countKey] === undefined && o.duration === undefined) {
    l.add('stages', 'the load shape is missing', `give stages: [{ duration: '1m', target: ${example} }] or ${countKey}: ${example} with duration: '1m'`);
    return;
  }
  l.number(o[countKey], countKey, { required: true, int: true, min: 1, max: 1_000_000 });
  l.duration(o.duration, 'duration', true);
}
