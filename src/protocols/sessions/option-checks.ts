// Target checks shared by the realtime engines: each pushes ConfigIssues, never throws.
import type { IssueList } from '../../config/checks.ts';
import { isLoopback } from '../../contracts/host-guard.ts';

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
