// One bounded GET of a health endpoint with loadcert's own HTTP client (the load's: HTTP/1.1 or HTTP/2 as negotiated), classified into
// a PreflightResult with a diagnosis.
import { performance } from 'node:perf_hooks';
import type { PreflightResult } from '../contracts/summary-types.ts';
import { CLIENT_ERRORS } from '../protocols/http/h1/exchange.ts';
import { H2_ERRORS } from '../protocols/http/h2/errors.ts';
import { singleRequest } from '../protocols/http/h1/single-request.ts';
import { authRequired, timedOut, unexpectedStatus, unhealthy, unreachable } from './diagnose.ts';
import { ProbePools } from './probe-pools.ts';

/** Most body bytes read from a failing health endpoint (for its component statuses). */
export const MAX_PROBE_BODY = 16 * 1024;

/** Settings of one probe. */
export interface ProbeOptions {
  timeoutMs: number;
  headers?: Record<string, string>;
  /** Connections shared by the probes of one preflight or poller; without it the probe opens and closes its own. */
  pools?: ProbePools;
  /** Aborts the probe from outside (e.g. the poller stopping); the result then has `aborted: true`. */
  signal?: AbortSignal;
}

/** A probe result plus whether it was cut by the outside signal (such results are not measurements). */
export interface ProbeOutcome extends PreflightResult {
  aborted: boolean;
}

/** What a client error code means, for a probe's `error` (the code first, as the load's samples are tagged). */
const MEANING: Readonly<Record<string, string>> = {
  [CLIENT_ERRORS.parse]: 'the answer is not HTTP/1.x (is another protocol served on this port?)',
  [CLIENT_ERRORS.closed]: 'the server closed the connection before answering',
  [CLIENT_ERRORS.headTooLarge]: 'the response head is too large',
  [CLIENT_ERRORS.upgrade]: 'the server switched protocols (101)',
  [CLIENT_ERRORS.invalidRequest]: 'a health header cannot be sent (a control character or a character past latin1)',
  [H2_ERRORS.goaway]: 'the server closed the HTTP/2 session (GOAWAY) before answering',
  [H2_ERRORS.notNegotiated]: "the server did not choose h2 by ALPN (http.protocol is 'h2'; try 'auto')",
  [H2_ERRORS.protocol]: 'the server broke the HTTP/2 protocol',
  [H2_ERRORS.flowControl]: 'the server broke HTTP/2 flow control',
  ERR_SSL_TLSV1_ALERT_NO_APPLICATION_PROTOCOL: "the server accepts none of the offered protocols by ALPN (http.protocol 'http1' or 'h2' may not match it)",
  ECONNREFUSED: 'connection refused',
  ECONNRESET: 'connection reset by the server',
  ENOTFOUND: 'host name not found',
  EAI_AGAIN: 'host name lookup failed',
};

/** The error text of a client code, e.g. "ECONNREFUSED: connection refused". */
export function describeError(code: string): string {
  const meaning = MEANING[code];
  return meaning ? `${code}: ${meaning}` : code;
}

/** Rounds a duration to µs. */
const round = (ms: number): number => Math.round(ms * 1000) / 1000;

/** GETs `url` within `timeoutMs`; never throws: failures become a result with `ok: false`, `error` and `diagnosis`. */
export async function probeHealth(url: string, opts: ProbeOptions): Promise<ProbeOutcome> {
  const u = new URL(url);
  const pools = opts.pools ?? new ProbePools(1, opts.timeoutMs);
  const pool = pools.poolFor(u);
  const start = performance.now();
  try {
    const res = await singleRequest(pool, {
      method: 'GET',
      path: u.pathname + u.search,
      headers: { accept: 'application/json, text/plain, */*', ...opts.headers },
      timeoutMs: opts.timeoutMs,
      maxBodyBytes: MAX_PROBE_BODY,
      signal: opts.signal,
    });
    const durationMs = round(performance.now() - start);
    if (res.error !== undefined) {
      if (res.timedOut) {
        return { url, ok: false, status: null, durationMs, error: `timeout after ${opts.timeoutMs} ms`, diagnosis: timedOut(url, opts.timeoutMs), aborted: false };
      }
      const aborted = res.aborted || opts.signal?.aborted === true;
      const error = aborted ? 'aborted' : describeError(res.error);
      return { url, ok: false, status: null, durationMs, error, diagnosis: aborted ? `probe of ${url} was stopped` : unreachable(url, error), aborted };
    }
    const status = res.status;
    if (status >= 200 && status < 300) return { url, ok: true, status, durationMs, aborted: false };
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
    } else if (status >= 500) diagnosis = unhealthy(url, status, res.body);
    else diagnosis = unexpectedStatus(url, status, header('location'));
    return { url, ok: false, status, durationMs, error, diagnosis, aborted: false };
  } finally {
    if (opts.pools) pools.idle(pool);
    else await pools.close();
  }
}
