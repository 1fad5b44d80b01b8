// The Docker sampler: finds the containers of the system under test, follows them through starts, stops
// and restarts, and emits their gauges every interval. An unreachable or lost engine, or a named container
// never found, is a measurement failure (the run goes on, but cannot be CERTIFIED).
import type { Sampler, SamplerContext } from '../contracts/sampler.ts';
import { CONTAINER_METRICS } from './metrics.ts';
import { createDockerApi, resolveEngine, type ContainerSummary, type DockerApi } from './docker-engine.ts';
import { ContainerFollower } from './docker-container.ts';
import { readJsonLines } from './json-lines.ts';
import { startTicker, type Ticker } from './interval.ts';

/** What the Docker sampler follows and how often it looks. */
export interface DockerSamplerOptions {
  /** Engine address (socket path, unix:// or tcp://); default DOCKER_HOST, then /var/run/docker.sock. */
  socket?: string;
  /** Container names. */
  containers?: string[];
  /** `key=value` (or `key`) labels a container must all carry. */
  labels?: string[];
  /** Compose project (`com.docker.compose.project` label). */
  composeProject?: string;
  /** Emission interval in ms. */
  intervalMs: number;
  /** Inspect (restarts, OOM kills, health) every this many ms (default 3000). */
  inspectEveryMs?: number;
  /** List containers (finds new ones, notices a lost engine) every this many ms (default 5000). */
  discoverEveryMs?: number;
  /** Engine access; default dockerode on the resolved address (tests pass a fake). */
  api?: DockerApi;
}

/** Time a single list or inspect call may take before it is abandoned (ms). */
const CALL_TIMEOUT_MS = 4000;

/** Samples Docker containers; see CONTAINER_METRICS for what it emits. */
export class DockerSampler implements Sampler {
  readonly name = 'docker';
  readonly metrics = CONTAINER_METRICS;
  private api: DockerApi | undefined;
  private ctx: SamplerContext | undefined;
  private readonly followers = new Map<string, ContainerFollower>();
  private readonly tickers: Ticker[] = [];
  private readonly ctrl = new AbortController();
  private readonly inflight = new Set<AbortController>();
  private events: AbortController | undefined;
  private engineUp: boolean | undefined;
  /** True once the engine answered a list: only then can a named container be missing from it. */
  private reached = false;
  private readonly seenAtStart = new Set<string>();
  private stopped = false;
  private readonly labelSelector: Array<[string, string | undefined]>;

  constructor(private readonly opts: DockerSamplerOptions) {
    this.labelSelector = (opts.labels ?? []).map((l) => {
      const eq = l.indexOf('=');
      return eq < 0 ? [l, undefined] : [l.slice(0, eq), l.slice(eq + 1)];
    });
    if (opts.composeProject) this.labelSelector.push(['com.docker.compose.project', opts.composeProject]);
  }

  /** Connects, finds the containers (waiting at most a few seconds) and starts following them. */
  async start(ctx: SamplerContext): Promise<void> {
    this.ctx = ctx;
    try {
      this.api = this.opts.api ?? createDockerApi(resolveEngine(this.opts.socket));
    } catch (err) {
      this.fail(`the Docker engine cannot be used: ${(err as Error).message}`);
      return;
    }
    ctx.signal.addEventListener('abort', () => void this.stop(), { once: true, signal: this.ctrl.signal });
    await this.discover(true);
    if (this.stopped) return;
    this.warnMissingNames();
    const onError = (): void => {};
    this.tickers.push(startTicker(this.opts.intervalMs, () => this.emit(), onError));
    this.tickers.push(startTicker(this.opts.inspectEveryMs ?? 3000, () => this.refreshAll(), onError));
    this.tickers.push(startTicker(this.opts.discoverEveryMs ?? 5000, () => this.discover(false), onError));
  }

  /** Stops every ticker, stream and connection; safe to call twice. A named container never found is a measurement failure. */
  async stop(): Promise<void> {
    if (this.stopped) return;
    this.stopped = true;
    if (this.reached) {
      const seen = new Set([...this.followers.values()].map((f) => f.name));
      for (const n of this.opts.containers ?? [])
        if (!seen.has(n)) this.fail(`container "${n}" was never found on the Docker engine at ${this.api!.address.label}: its container_* metrics are missing`);
    }
    for (const t of this.tickers) t.stop();
    this.tickers.length = 0;
    this.ctrl.abort();
    for (const c of this.inflight) c.abort();
    this.events?.abort();
    for (const f of this.followers.values()) f.close();
    this.api?.close();
  }

  /** Names of the containers being followed (for tests and the run summary). */
  followed(): string[] {
    return [...this.followers.values()].filter((f) => !f.isGone).map((f) => f.name);
  }

  private emit(): void {
    if (!this.ctx || this.stopped || this.engineUp === false) return;
    const now = Date.now();
    const maxAge = Math.max(2500, this.opts.intervalMs * 2.5);
    for (const f of this.followers.values()) f.emit(this.ctx.sink, now, maxAge);
  }

  /**
   * Runs one engine call with a signal that aborts after CALL_TIMEOUT_MS or when the sampler stops.
   * (A plain controller per call: AbortSignal.any on a long-lived signal piles up dependents and costs CPU.)
   */
  private async guarded<T>(call: (signal: AbortSignal) => Promise<T>): Promise<T> {
    const ctrl = new AbortController();
    this.inflight.add(ctrl);
    const timer = setTimeout(() => ctrl.abort(new Error(`no answer within ${CALL_TIMEOUT_MS} ms`)), CALL_TIMEOUT_MS);
    timer.unref();
    try {
      return await call(ctrl.signal);
    } finally {
      clearTimeout(timer);
      this.inflight.delete(ctrl);
    }
  }

  private async discover(initial: boolean): Promise<void> {
    if (!this.api || this.stopped) return;
    let rows: ContainerSummary[];
    try {
      rows = await this.guarded((signal) => this.api!.list(signal));
    } catch (err) {
      if (this.stopped) return;
      if (this.engineUp !== false) {
        const when = initial ? 'is unreachable' : `went away at ${new Date().toISOString()}`;
        this.fail(`Docker engine at ${this.api.address.label} ${when} (${(err as Error).message}): container metrics are missing from then on`);
      }
      this.engineUp = false;
      return;
    }
    if (this.stopped) return;
    if (this.engineUp === false) this.ctx?.warn(`Docker engine at ${this.api.address.label} is reachable again at ${new Date().toISOString()}`);
    this.engineUp = true;
    this.reached = true;
    for (const r of rows) {
      if (initial) this.seenAtStart.add(r.id);
      if (this.followers.has(r.id) || !this.wanted(r, !this.seenAtStart.has(r.id))) continue;
      this.follow(r.id, r.name, initial);
    }
    if (!this.events) this.openEvents();
    await this.refreshAll();
  }

  /** Named containers are followed in any state; others while they run, or when created during the run (`isNew`) and started since. */
  private wanted(r: { name: string; labels: Readonly<Record<string, string>>; state: string }, isNew: boolean): boolean {
    const names = this.opts.containers ?? [];
    if (names.includes(r.name)) return true;
    const live = r.state === 'running' || r.state === 'restarting' || isNew && r.state !== 'created';
    if (!live) return false;
    if (this.labelSelector.length) return this.labelSelector.every(([k, v]) => k in r.labels && (v === undefined || r.labels[k] === v));
    return names.length === 0;
  }

  private follow(id: string, name: string, fromStart: boolean): ContainerFollower {
    for (const [oldId, f] of this.followers) if (f.name === name && f.isGone) { f.close(); this.followers.delete(oldId); }
    const f = new ContainerFollower(this.api!, id, name, fromStart, (x) => { void this.refreshOne(x); });
    this.followers.set(id, f);
    return f;
  }

  private async refreshOne(f: ContainerFollower): Promise<void> {
    if (!this.stopped && this.engineUp !== false) await this.guarded((signal) => f.refresh(signal));
  }

  private async refreshAll(): Promise<void> {
    if (this.stopped || this.engineUp === false) return;
    await Promise.all([...this.followers.values()].filter((f) => !f.isGone).map((f) => this.guarded((signal) => f.refresh(signal))));
  }

  private fail(cause: string): void {
    if (this.ctx?.fail) this.ctx.fail({ source: 'docker', kind: 'sampler', cause });
    else this.ctx?.warn(cause);
  }

  private warnMissingNames(): void {
    const seen = new Set([...this.followers.values()].map((f) => f.name));
    for (const n of this.opts.containers ?? [])
      if (!seen.has(n) && this.engineUp) this.ctx?.warn(`container "${n}" not found on the Docker engine at ${this.api!.address.label}: it is followed if it appears`);
  }

  private openEvents(): void {
    if (!this.api || this.stopped) return;
    const ctrl = new AbortController();
    this.events = ctrl;
    const signal = ctrl.signal;
    const ended = (): void => { if (this.events === ctrl) this.events = undefined; };
    this.api.events(signal).then((stream) => {
      if (signal.aborted) { (stream as unknown as { destroy(): void }).destroy(); return; }
      signal.addEventListener('abort', () => (stream as unknown as { destroy(): void }).destroy(), { once: true });
      readJsonLines(stream, { onObject: (v) => this.onEvent(v), onEnd: ended });
    }, ended);
  }

  private onEvent(v: unknown): void {
    const e = v as { Type?: string; Action?: string; Actor?: { ID?: string; Attributes?: Record<string, string> } };
    if (e.Type !== 'container' || !e.Actor?.ID || !e.Action || this.stopped) return;
    const action = e.Action.split(':')[0];
    const id = e.Actor.ID;
    let f = this.followers.get(id);
    if (!f && (action === 'start' || action === 'restart')) {
      const attrs = e.Actor.Attributes ?? {};
      const name = attrs.name ?? id.slice(0, 12);
      if (this.wanted({ name, labels: attrs, state: 'running' }, true)) f = this.follow(id, name, false);
    }
    if (!f) return;
    f.noteEvent(action);
    if (action === 'start' || action === 'die' || action === 'health_status' || action === 'restart') void this.refreshOne(f);
  }
}
