// The connections health probes use: one loadcert HTTP/1.1 pool (the load's own client) per origin.
import { H1Pool } from '../protocols/http/h1/pool.ts';
import type { ClientTls } from '../protocols/http/tls-context.ts';

/** Pools of the probes of one preflight or poller, by origin; idle connections never hold the process open. */
export class ProbePools {
  private readonly pools = new Map<string, H1Pool>();
  /** `connections` per origin (one per endpoint probed at once); `timeoutMs` bounds each connect; `tls` as the load's (http.tls). */
  constructor(private readonly connections: number, private readonly timeoutMs: number, private readonly tls?: ClientTls) {}

  /** The pool of `url`'s origin (created on first use). */
  poolFor(url: URL): H1Pool {
    let p = this.pools.get(url.origin);
    if (!p) {
      p = new H1Pool(url, { connections: Math.max(1, this.connections), timeoutMs: this.timeoutMs, tls: this.tls });
      this.pools.set(url.origin, p);
    }
    return p;
  }

  /** Lets the idle connections of `pool` stop holding the process open (until its next request). */
  idle(pool: H1Pool): void {
    pool.park();
  }

  /** Closes every connection; probes still in flight fail with LC_HTTP_POOL_CLOSED. */
  async close(): Promise<void> {
    await Promise.all([...this.pools.values()].map((p) => p.close()));
    this.pools.clear();
  }
}
