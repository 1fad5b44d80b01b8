import { createPool, type ClientPoolOptions, type HttpPool } from './http-pool.ts';
import { LoadcertError } from '../../contracts/errors.ts';
import { resolveUrl, type ResolvedUrl } from './client/url.ts';

/** A step path resolved: its origin's pool, the path to send, and the URL it came from. */
export interface Resolved { readonly pool: HttpPool; readonly path: string; readonly url: ResolvedUrl }

/** Code of a request to a host the host guard refuses (not loopback, not in allowedHosts). */
export const HOST_NOT_ALLOWED = 'LC_HOST_NOT_ALLOWED';

/** Pools by origin (HTTP/1.1 or HTTP/2, see createPool) for one workload; resolves step paths against the base URL. */
export class OriginPools {
  private readonly pools = new Map<string, HttpPool>();
  private readonly base: URL;
  private readonly basePath: string;

  /** `isAllowed(host)` guards absolute URLs computed at run time (loopback or allowed hosts). */
  constructor(baseUrl: string, private readonly opts: ClientPoolOptions, private readonly isAllowed: (host: string) => boolean) {
    this.base = new URL(baseUrl);
    this.basePath = this.base.pathname.replace(/\/$/, '');
  }

  /** Resolutions of paths seen so far (fixed step paths repeat; past the cap, paths are resolved each time). */
  private readonly resolved = new Map<string, Resolved>();

  /**
   * The pool and origin-relative path for a step path ('/api/x', 'api/x' or an absolute URL, see
   * resolveUrl); the same object for the same path. Throws LoadcertError LC_URL_INVALID or LC_HOST_NOT_ALLOWED.
   */
  resolve(path: string): Resolved {
    let r = this.resolved.get(path);
    if (r) return r;
    r = this.resolveNew(path);
    if (this.resolved.size < 1024) this.resolved.set(path, r);
    return r;
  }

  private resolveNew(path: string): Resolved {
    const url = resolveUrl(path, this.base, this.basePath);
    return this.forUrl(url);
  }

  /** The pool for an already resolved URL (a redirect's target); throws LoadcertError LC_HOST_NOT_ALLOWED. */
  forUrl(url: ResolvedUrl): Resolved {
    if (!this.allowed(url.hostname))
      throw new LoadcertError(HOST_NOT_ALLOWED, `request to ${url.hostname} refused: not loopback and not in allowedHosts`);
    return { pool: this.pool(url.origin), path: url.target, url };
  }

  /** The host guard (loopback or allowedHosts); the base URL's own host is always allowed. */
  allowed(hostname: string): boolean {
    return hostname === this.base.hostname || this.isAllowed(hostname);
  }

  private pool(origin: string): HttpPool {
    let p = this.pools.get(origin);
    if (!p) {
      p = createPool(new URL(origin), this.opts);
      this.pools.set(origin, p);
    }
    return p;
  }

  /** Keeps every pool's connections for a workload starting later; idle ones stop holding the process open. */
  park(): void {
    for (const p of this.pools.values()) p.park();
  }

  /** Closes every pool (in-flight requests are destroyed). */
  async close(): Promise<void> {
    await Promise.all([...this.pools.values()].map((p) => p.close()));
    this.pools.clear();
    this.resolved.clear();
  }
}
