// Preflight: probe every health endpoint before load starts, and summarise the outcome for exit code 111.
import type { HealthOptions } from '../contracts/scenario-types.ts';
import type { PreflightResult } from '../contracts/summary-types.ts';
import { LoadcertError, ExitCode } from '../contracts/errors.ts';
import { durationMs } from './duration.ts';
import { probeHealth } from './probe.ts';
import { ProbePools } from './probe-pools.ts';
import type { ClientTls } from '../protocols/http/tls-context.ts';
import type { HttpProtocolChoice } from '../protocols/http/http-pool.ts';
import { DEFAULTS } from '../config/defaults.ts';
import { parseDuration } from '../contracts/duration.ts';

/** Health paths probed when the scenario names none (those of the platform the mission describes). */
export const DEFAULT_HEALTH_ENDPOINTS: readonly string[] = ['/health', '/health/detailed', '/api/health'];
/** Per-probe timeout when the scenario sets none, ms. */
export const DEFAULT_PROBE_TIMEOUT_MS = parseDuration(DEFAULTS.healthTimeout);
/** Most endpoints probed (a bound on the work of one preflight or poll round). */
export const MAX_ENDPOINTS = 32;

/** One endpoint to probe: the path or URL as configured (the `endpoint` tag) and the absolute URL. */
export interface HealthTarget {
  readonly endpoint: string;
  readonly url: string;
}

/**
 * Absolute URLs of the health endpoints: a full http(s) URL is used as is, a path is appended to
 * baseUrl's path (so a base of http://h/app probes http://h/app/health). Throws LC_HEALTH_URL (exit 104).
 */
export function resolveHealthTargets(baseUrl: string, endpoints: readonly string[] = DEFAULT_HEALTH_ENDPOINTS): HealthTarget[] {
  let base: URL;
  try {
    base = new URL(baseUrl);
  } catch {
    throw new LoadcertError('LC_HEALTH_URL', `baseUrl "${baseUrl}" is not a valid URL (e.g. http://127.0.0.1:8080)`, ExitCode.INVALID_CONFIG);
  }
  if (endpoints.length > MAX_ENDPOINTS)
    throw new LoadcertError('LC_HEALTH_URL', `health.endpoints lists ${endpoints.length} endpoints; at most ${MAX_ENDPOINTS} are probed`, ExitCode.INVALID_CONFIG);
  const prefix = base.origin + base.pathname.replace(/\/+$/, '');
  return endpoints.map((endpoint) => {
    if (/^https?:\/\//i.test(endpoint)) {
      try {
        return { endpoint, url: new URL(endpoint).href };
      } catch {
        throw new LoadcertError('LC_HEALTH_URL', `health endpoint "${endpoint}" is not a valid URL`, ExitCode.INVALID_CONFIG);
      }
    }
    return { endpoint, url: prefix + (endpoint.startsWith('/') ? endpoint : `/${endpoint}`) };
  });
}

/** Probes every health endpoint of `health` (default the three platform paths) concurrently, over `tls` (http.tls) for https, negotiating the HTTP version as the load (`protocol`, http.protocol); never rejects for an unhealthy target. */
export async function runPreflight(baseUrl: string, health: HealthOptions = {}, tls?: ClientTls, protocol?: HttpProtocolChoice): Promise<PreflightResult[]> {
  const targets = resolveHealthTargets(baseUrl, health.endpoints ?? DEFAULT_HEALTH_ENDPOINTS);
  const timeoutMs = durationMs(health.timeout, DEFAULT_PROBE_TIMEOUT_MS, 'health.timeout');
  const pools = new ProbePools(targets.length, timeoutMs, tls, protocol);
  try {
    const outcomes = await Promise.all(targets.map((t) => probeHealth(t.url, { timeoutMs, headers: health.headers, pools })));
    return outcomes.map(({ aborted: _aborted, ...result }) => result);
  } finally {
    await pools.close();
  }
}

/** Verdict of a preflight: ok when every probe passed; otherwise a message listing each failing URL and each distinct diagnosis once. */
export function preflightVerdict(results: readonly PreflightResult[]): { ok: boolean; message: string } {
  const failed = results.filter((r) => !r.ok);
  if (!results.length) return { ok: true, message: 'preflight: no health endpoints configured' };
  if (!failed.length) {
    const slowest = Math.max(...results.map((r) => r.durationMs));
    return { ok: true, message: `preflight ok: ${results.length} health endpoint${results.length === 1 ? '' : 's'} healthy (slowest ${slowest.toFixed(1)} ms)` };
  }
  const lines = [`preflight failed: ${failed.length} of ${results.length} health endpoints are not healthy, so load was not started`];
  for (const r of failed) lines.push(`  GET ${r.url} -> ${r.status ?? r.error ?? 'no answer'}${r.status !== null && r.error ? ` ${r.error.replace(/^HTTP \d+\s*/, '')}` : ''}`.trimEnd());
  // The same problem on several endpoints is told once: the URL in a diagnosis is shortened to its origin.
  const diagnoses = [...new Set(failed.filter((r) => r.diagnosis).map((r) => r.diagnosis!.split(r.url).join(originOf(r.url))))];
  for (const d of diagnoses) lines.push(`  diagnosis: ${d}`);
  return { ok: false, message: lines.join('\n') };
}

function originOf(url: string): string {
  try {
    return new URL(url).origin;
  } catch {
    return url;
  }
}
