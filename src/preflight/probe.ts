// One bounded GET of a health endpoint with undici, classified into a PreflightResult with a diagnosis.
import { performance } from 'node:perf_hooks';
import { request, type Dispatcher } from 'undici';
import type { PreflightResult } from '../contracts/summary-types.ts';
import { authRequired, timedOut, unexpectedStatus, unhealthy, unreachable } from './diagnose.ts';

/** Most body bytes read from a failing health endpoint (for its component statuses). */
export const MAX_PROBE_BODY = 16 * 1024;

/** Settings of one probe. */
export interface ProbeOptions {
  timeoutMs: number;
  headers?: Record<string, string>;
  dispatcher?: Dispatcher;
  /** Aborts the probe from outside (e.g. the poller stopping); the result then has `aborted: true`. */
  signal?: AbortSignal;
}

/** A probe result plus whether it was cut by the outside signal (such results are not measurements). */
export interface ProbeOutcome extends PreflightResult {
  aborted: boolean;
}

/** Reads at most MAX_PROBE_BODY bytes of a body as text and discards the rest. */
async function readCapped(body: Dispatcher.ResponseData['body']): Promise<string> {
  let text = '';
  for await (const chunk of body) {
    text += (chunk as Buffer).toString('utf8');
    if (text.length >= MAX_PROBE_BODY) {
      body.destroy();
      break;
    }
  }
  return text.slice(0, MAX_PROBE_BODY);
}

/** Innermost error code and message of an undici/network error, e.g. "ECONNREFUSED (connect ECONNREFUSED 127.0.0.1:9)". */
export function describeError(err: unknown): string {
  let e = err as { code?: string; message?: string; cause?: unknown } | undefined;
  // Bounded: follow at most 5 `cause` links.
  for (let i = 0; i < 5 && e && e.cause && typeof e.cause === 'object'; i++) e = e.cause as typeof e;
  if (!e) return String(err);
  const agg = (e as { errors?: Array<{ code?: string; message?: string }> }).errors;
  if (!e.code && Array.isArray(agg) && agg.length) e = agg[0];
  if (e.code && e.message) return e.message.includes(e.code) ? e.message : `${e.code}: ${e.message}`;
  return e.code ?? e.message ?? String(err);
}

/** GETs `url` within `timeoutMs`; never throws: failures become a result with `ok: false`, `error` and `diagnosis`. */
export async function probeHealth(url: string, opts: ProbeOptions): Promise<ProbeOutcome> {
  const ctrl = new AbortController();
  let timeout = false;
  const timer = setTimeout(() => {
    timeout = true;
    ctrl.abort();
  }, opts.timeoutMs);
  const onOuter = (): void => ctrl.abort();
  opts.signal?.addEventListener('abort', onOuter, { once: true });
  const start = performance.now();
  const elapsed = (): number => Math.round((performance.now() - start) * 1000) / 1000;
  try {
    if (opts.signal?.aborted) throw new Error('aborted');
    const res = await request(url, {
      method: 'GET',
      headers: { accept: 'application/json, text/plain, */*', ...opts.headers },
      signal: ctrl.signal,
      dispatcher: opts.dispatcher,
    });
    const status = res.statusCode;
    if (status >= 200 && status < 300) {
      await res.body.dump();
      return { url, ok: true, status, durationMs: elapsed(), aborted: false };
    }
    const body = status >= 500 ? await readCapped(res.body) : (await res.body.dump(), '');
    const durationMs = elapsed();
    const header = (name: string): string | undefined => {
      const v = res.headers[name];
      return Array.isArray(v) ? v.join(', ') : v;
    };
    let diagnosis: string;
    let error = `HTTP ${status}`;
    if (status === 401 || status === 403) {
      const scheme = header('www-authenticate');
      if (scheme) error += ` (WWW-Authenticate: ${scheme})`;
      diagnosis = authRequired(status);
    } else if (status >= 500) diagnosis = unhealthy(url, status, body);
    else diagnosis = unexpectedStatus(url, status, header('location'));
    return { url, ok: false, status, durationMs, error, diagnosis, aborted: false };
  } catch (err) {
    const durationMs = elapsed();
    if (timeout) {
      return { url, ok: false, status: null, durationMs, error: `timeout after ${opts.timeoutMs} ms`, diagnosis: timedOut(url, opts.timeoutMs), aborted: false };
    }
    const aborted = opts.signal?.aborted === true;
    const error = aborted ? 'aborted' : describeError(err);
    return { url, ok: false, status: null, durationMs, error, diagnosis: aborted ? `probe of ${url} was stopped` : unreachable(url, error), aborted };
  } finally {
    clearTimeout(timer);
    opts.signal?.removeEventListener('abort', onOuter);
  }
}
