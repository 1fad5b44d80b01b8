// The connections health probes use: one pool of the load's own client per origin, negotiating the HTTP
// version as the load does (http.protocol).
import { createPool, type HttpPool, type HttpProtocolChoice } from '../protocols/http/http-pool.ts';
import type { ClientTls } from '../protocols/http/tls-context.ts';

/** Pools of the probes of one preflight or poller, by origin; idle connections never hold the process open. */
export class ProbePools {
  private readonly pools = new Map<string, HttpPool>();
  /** `connections` per origin (one per endpoint probed at once); `timeoutMs` bounds each connect; `tls` and `protocol` as the load's (http.tls, http.protocol). */
  constructor(private readonly connections: number, private readonly timeoutMs: number, private readonly tls?: ClientTls, private readonly protocol?: HttpProtocolChoice) {}

  /** The pool of `url`'s origin (created on first use). */
  poolFor(url: URL): HttpPool {
    let p = this.pools.get(url.origin);
    if (!p) {
      p = createPool(url, { connections: Math.max(1, this.connections), timeoutMs: this.timeoutMs, tls: this.tls, protocol: this.protocol });
      this.pools.set(url.origin, p);
    }
    return p;
  }

  /** Lets the idle connections of `pool` stop holding the process open (until its next request). */
  idle(pool: HttpPool): void {
    pool.park();
  }

  /** Closes every connection; probes still in flight fail with LC_HTTP_POOL_CLOSED. */
  async close(): Promise<void> {
    await Promise.all([...this.pools.values()].map((p) => p.close()));
    this.pools.clear();
  }
}
