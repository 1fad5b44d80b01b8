import { H1Pool, type PoolOptions } from './h1/pool.ts';
import { LoadcertError } from '../../contracts/errors.ts';

/** A step path resolved: its origin's pool and the path to send. */
export interface Resolved { readonly pool: H1Pool; readonly path: string }

/** Keep-alive pools by origin for one workload; resolves step paths against the base URL. */
export class OriginPools {
  private readonly pools = new Map<string, H1Pool>();
  private readonly base: URL;
  private readonly basePath: string;

  /** `isAllowed(host)` guards absolute URLs computed at run time (loopback or allowed hosts). */
  constructor(baseUrl: string, private readonly opts: PoolOptions, private readonly isAllowed: (host: string) => boolean) {
    this.base = new URL(baseUrl);
    this.basePath = this.base.pathname.replace(/\/$/, '');
  }

  /** Resolutions of paths seen so far (fixed step paths repeat; past the cap, paths are resolved each time). */
  private readonly resolved = new Map<string, Resolved>();

  /** The pool and origin-relative path for a step path ('/api/x', 'api/x' or an absolute URL); the same object for the same path. */
  resolve(path: string): Resolved {
    let r = this.resolved.get(path);
    if (r) return r;
    r = this.resolveNew(path);
    if (this.resolved.size < 1024) this.resolved.set(path, r);
    return r;
  }

  private resolveNew(path: string): Resolved {
    if (/^https?:\/\//i.test(path)) {
      const u = new URL(path);
      if (!this.isAllowed(u.hostname))
        throw new LoadcertError('LC_HOST_NOT_ALLOWED', `request to ${u.host} refused: not loopback and not in allowedHosts`);
      return { pool: this.pool(u.origin), path: u.pathname + u.search };
    }
    return { pool: this.pool(this.base.origin), path: this.basePath + (path.startsWith('/') ? path : `/${path}`) };
  }

  private pool(origin: string): H1Pool {
    let p = this.pools.get(origin);
    if (!p) {
      p = new H1Pool(new URL(origin), this.opts);
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
