// The `http` fault action: a request to the system's own fault switch (e.g. the reference system's
// /__admin/faults), and `undo`, a second request, when the fault ends. A non-2xx answer, a network error
// or the timeout is a fault that could not be applied (or undone).
import type { FaultDefinition, FaultRequest } from '../../contracts/fault-types.ts';
import { ExitCode, LoadcertError } from '../../contracts/errors.ts';
import { parseDuration } from '../../contracts/duration.ts';
import { DEFAULTS } from '../../config/defaults.ts';
import type { FaultAction, FaultActionContext, FaultActionFactory } from '../action.ts';

/** Bound of each request when the fault sets no `timeout` (the defaults table). */
export const DEFAULT_FAULT_TIMEOUT = DEFAULTS.faultTimeout;

/** The request's URL (relative paths against baseUrl); throws LoadcertError (104) for a host the guard refuses. */
function urlOf(r: FaultRequest, ctx: FaultActionContext, field: string): URL {
  let url: URL;
  try { url = new URL(r.path, ctx.baseUrl); } catch { throw new LoadcertError('LC_FAULT_URL', `${field}.path ${JSON.stringify(r.path)} is not a valid URL or path`, ExitCode.INVALID_CONFIG); }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new LoadcertError('LC_FAULT_URL', `${field}.path must be an http(s) URL or a path, got ${url.protocol}`, ExitCode.INVALID_CONFIG);
  if (!ctx.isAllowed(url.hostname)) throw new LoadcertError('LC_FAULT_HOST', `${field} goes to ${url.hostname}, which is not loopback nor an allowed host`, ExitCode.INVALID_CONFIG);
  return url;
}

async function send(url: URL, r: FaultRequest, timeoutMs: number, signal: AbortSignal): Promise<void> {
  const body = r.body === undefined ? undefined : typeof r.body === 'string' ? r.body : JSON.stringify(r.body);
  const headers: Record<string, string> = { ...(typeof r.body === 'object' ? { 'content-type': 'application/json' } : {}), ...r.headers };
  let res: Response;
  try {
    res = await fetch(url, { method: r.method ?? 'POST', headers, body, signal: AbortSignal.any([signal, AbortSignal.timeout(timeoutMs)]) });
  } catch (err) {
    const e = err as Error;
    throw new Error(`${r.method ?? 'POST'} ${url.href} failed: ${e.name === 'TimeoutError' ? `no answer within ${timeoutMs} ms` : (e.cause as Error | undefined)?.message ?? e.message}`);
  }
  await res.arrayBuffer().catch(() => undefined);
  if (res.status < 200 || res.status > 299) throw new Error(`${r.method ?? 'POST'} ${url.href} answered ${res.status} ${res.statusText}`);
}

/** The http action's factory: checks both URLs against the host guard now (104), sends them when applied and undone. */
export const httpAction: FaultActionFactory = (def: FaultDefinition, ctx: FaultActionContext): FaultAction => {
  const request = def.request!;
  const url = urlOf(request, ctx, 'request');
  const timeoutMs = parseDuration(def.timeout ?? DEFAULT_FAULT_TIMEOUT);
  const undo = def.undo && typeof def.undo === 'object' ? def.undo : undefined;
  const undoUrl = undo ? urlOf(undo, ctx, 'undo') : undefined;
  return {
    target: `${request.method ?? 'POST'} ${url.pathname}`,
    apply: (signal) => send(url, request, timeoutMs, signal),
    ...(undo ? { undo: (signal: AbortSignal) => send(undoUrl!, undo, timeoutMs, signal) } : {}),
  };
};
