// A VU's HTTP client above the exchange: URL resolution, cookies, redirects, and the per-host limit of
// requests run in parallel. Decoding happens in the exchange after its last byte is timed.
import type { HttpPool } from '../http-pool.ts';
import type { EndpointSeries, HttpTagCache } from '../http-series.ts';
import { HOST_NOT_ALLOWED, type OriginPools, type Resolved } from '../origin-pools.ts';
import { sendRequest, refuseRequest, STEP_DONE, type InflightRequests, type SendResult } from '../request.ts';
import { fromUrl, type ResolvedUrl } from './url.ts';
import { isRedirect, nextHop, hopHeaders, hopName } from './redirects.ts';
import { findHeader } from './headers.ts';
import type { VuCookieJar } from './cookie-jar.ts';

/** One request as a step or exec asks for it (headers already merged with the defaults). */
export interface ClientRequest {
  method: string;
  /** A path below the base URL or an absolute URL, or one resolved before (a step's fixed path). */
  path: string | Resolved;
  headers: Record<string, string>;
  body: string | Buffer | undefined;
  /** Endpoint of the first request; redirect hops get `<name> (redirect N)`. */
  endpoint: EndpointSeries;
  /** The endpoint of a hop (same extra tags as the first request). */
  hopEndpoint: (name: string, method: string) => EndpointSeries;
  expect: readonly number[] | undefined;
  timeoutMs: number;
  readBody: boolean;
  maxRedirects: number;
  intendedAt: number;
}

/** A result with the URL of the response it came from (the last hop's). */
export interface ClientResult {
  result: SendResult;
  url: string;
}

/** What a request without readBody that needed nothing from these layers resolves with (shared: no allocation). */
export const STEP_RESULT: ClientResult = Object.freeze({ result: STEP_DONE, url: '' });

/** What a VU's client shares with the workload. */
export interface ClientShared {
  readonly pools: OriginPools;
  readonly tags: HttpTagCache;
  readonly warn: (message: string) => void;
  /** Endpoints already warned about a redirect loop (once per endpoint). */
  readonly warnedLoops: Set<string>;
}

/** Requests of one VU in flight per origin, and the ones waiting for a slot. */
interface HostSlots { active: number; waiting: Array<() => void> }

/** The HTTP client of one VU (steps and exec): redirects, cookies, URL credentials, per-host parallelism. */
export class VuClient {
  private readonly slots = new Map<HttpPool, HostSlots>();

  constructor(
    private readonly shared: ClientShared,
    private readonly inflight: InflightRequests,
    /** The VU's jar, or undefined with cookies off. */
    private readonly jar: VuCookieJar | undefined,
    /** Requests of this VU in flight at once per origin (k6's batchPerHost). */
    private readonly perHost: number,
  ) {}

  /** The resolved URL of a path (cached per path string by the pools); throws LoadcertError LC_URL_INVALID / LC_HOST_NOT_ALLOWED. */
  resolve(path: string): Resolved {
    return this.shared.pools.resolve(path);
  }

  /**
   * Sends `req`, following redirects up to `maxRedirects` (each hop its own sample), carrying and
   * storing cookies, and waiting for a free per-host slot when `parallel` (exec). Resolves with STEP_DONE
   * for a request without readBody that needed nothing from these layers. Throws only for a URL that
   * cannot be parsed or whose host the guard refuses (a scenario error).
   */
  send(req: ClientRequest, parallel: boolean): Promise<ClientResult> {
    const resolved = typeof req.path === 'string' ? this.resolve(req.path) : req.path;
    if (!parallel) return this.follow(req, resolved, req.intendedAt);
    return this.sendInSlot(req, resolved);
  }

  private async sendInSlot(req: ClientRequest, resolved: Resolved): Promise<ClientResult> {
    let intended = req.intendedAt;
    const slot = this.slotOf(resolved.pool);
    // A full host's slot passes from a finishing request straight to the oldest waiting one.
    if (slot.active >= this.perHost) { await new Promise<void>((r) => slot.waiting.push(r)); intended = performance.now(); }
    else slot.active++;
    try {
      return await this.follow(req, resolved, intended);
    } finally {
      const next = slot.waiting.shift();
      if (next) next(); else slot.active--;
    }
  }

  private async follow(req: ClientRequest, first: Resolved, intendedAt: number): Promise<ClientResult> {
    let resolved = first;
    let { method, headers, body, endpoint } = req;
    let intended = intendedAt;
    for (let hop = 0; ; hop++) {
      const follow = hop < req.maxRedirects;
      const r = await sendRequest(resolved.pool, {
        method, path: resolved.path, headers: this.withSession(headers, resolved.url), body, endpoint, expect: req.expect,
        readBody: req.readBody, timeoutMs: req.timeoutMs, follow,
      }, intended, this.shared.tags, this.inflight);
      if (r === STEP_DONE) return STEP_RESULT;
      const n = r.notable;
      if (n?.setCookie && this.jar) this.jar.receive(resolved.url.href, n.setCookie);
      if (!n || !isRedirect(r.status, n.location)) return { result: r, url: resolved.url.href };
      if (!follow) {
        if (req.maxRedirects > 0 && !this.shared.warnedLoops.has(req.endpoint.name)) {
          this.shared.warnedLoops.add(req.endpoint.name);
          this.shared.warn(`${req.endpoint.name}: stopped after ${req.maxRedirects} redirects; the last redirect is the response (raise maxRedirects, or check for a redirect loop)`);
        }
        return { result: r, url: resolved.url.href };
      }
      let next: ResolvedUrl;
      try { next = fromUrl(new URL(n.location!, resolved.url.href)); } catch { return { result: r, url: resolved.url.href }; } // a Location that is no http(s) URL ends the chain (k6 reports it as an error)
      const h = nextHop(method, r.status);
      headers = hopHeaders(headers, h.keepBody, next.origin !== resolved.url.origin);
      if (!h.keepBody) body = undefined;
      method = h.method;
      endpoint = req.hopEndpoint(hopName(req.endpoint.name, hop + 1), method);
      intended = performance.now();
      if (!this.shared.pools.allowed(next.hostname)) {
        // Nothing is sent to a host the guard refuses: the hop is a failed sample named for it.
        const refused = refuseRequest({ method, path: next.target, headers, body, endpoint, expect: req.expect, readBody: req.readBody, timeoutMs: req.timeoutMs }, HOST_NOT_ALLOWED, intended, this.shared.tags, this.inflight);
        return { result: refused, url: next.href };
      }
      resolved = this.shared.pools.forUrl(next);
    }
  }

  /** `headers` with the jar's cookies for `url` (after the user's own Cookie header) and the URL's Basic credentials (unless an Authorization header is given); the same object when neither applies. */
  private withSession(headers: Record<string, string>, url: ResolvedUrl): Record<string, string> {
    const jarCookies = this.jar?.header(url.href);
    if (jarCookies === undefined && url.authorization === undefined) return headers;
    const out = { ...headers };
    if (jarCookies !== undefined) {
      const k = findHeader(out, 'cookie');
      if (k === undefined) out.cookie = jarCookies;
      else out[k] = `${out[k]}; ${jarCookies}`;
    }
    if (url.authorization !== undefined && findHeader(out, 'authorization') === undefined) out.authorization = url.authorization;
    return out;
  }

  private slotOf(pool: HttpPool): HostSlots {
    let s = this.slots.get(pool);
    if (!s) { s = { active: 0, waiting: [] }; this.slots.set(pool, s); }
    return s;
  }
}
