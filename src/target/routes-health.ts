// Health endpoints of the demo target, shaped like ASP.NET Core health checks; every answer is precomputed.
import type { ServerResponse } from 'node:http';
import type { FaultState } from './types.ts';
import { canned, sendCanned, type Canned } from './respond.ts';

/** The three health paths of the platform, as the real system exposes them. */
export const HEALTH_PATHS: readonly string[] = ['/health', '/health/detailed', '/api/health'];

const COMPONENTS = ['postgresql', 'redis', 'elasticsearch', 'signalr'];

function detailed(status: 'Healthy' | 'Unhealthy'): string {
  const entries: Record<string, { status: string; duration: string; description: string }> = {};
  for (const c of COMPONENTS) {
    const down = status === 'Unhealthy' && c === 'postgresql';
    entries[c] = {
      status: down ? 'Unhealthy' : 'Healthy',
      duration: '00:00:00.0012000',
      description: down ? 'connection refused' : `${c} reachable`,
    };
  }
  return JSON.stringify({ status, totalDuration: '00:00:00.0050000', entries });
}

const UNAUTHORIZED = canned(401, '', 'text/plain', { 'www-authenticate': 'Bearer' });

const HEALTHY: Record<string, Canned> = {
  '/health': canned(200, 'Healthy', 'text/plain; charset=utf-8', { 'cache-control': 'no-store' }),
  '/health/detailed': canned(200, detailed('Healthy'), 'application/json; charset=utf-8', { 'cache-control': 'no-store' }),
  '/api/health': canned(200, '{"status":"Healthy"}', 'application/json; charset=utf-8', { 'cache-control': 'no-store' }),
};

const UNHEALTHY: Record<string, Canned> = {
  '/health': canned(503, 'Unhealthy', 'text/plain; charset=utf-8', { 'cache-control': 'no-store' }),
  '/health/detailed': canned(503, detailed('Unhealthy'), 'application/json; charset=utf-8', { 'cache-control': 'no-store' }),
  '/api/health': canned(503, '{"status":"Unhealthy"}', 'application/json; charset=utf-8', { 'cache-control': 'no-store' }),
};

/** Answers a health path according to the faults (401 beats 503 beats 200); false when `path` is not a health path. */
export function handleHealth(path: string, faults: FaultState, res: ServerResponse): boolean {
  const ok = HEALTHY[path];
  if (!ok) return false;
  if (faults.healthUnauthorized) sendCanned(res, UNAUTHORIZED);
  else if (faults.healthDown) sendCanned(res, UNHEALTHY[path]);
  else sendCanned(res, ok);
  return true;
}
