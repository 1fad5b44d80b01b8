// One followed container: its streaming stats request, its inspected state, and the gauges it emits.
import type { SampleSink, TagSet } from '../contracts/metric-types.ts';
import { tagSet } from '../metrics/tagset.ts';
import type { ContainerState, DockerApi } from './docker-engine.ts';
import { figuresOf, type ContainerFigures, type DockerStatsJson } from './docker-stats.ts';
import { readJsonLines } from './json-lines.ts';

/** Outcome of one inspect: the engine answered, the container no longer exists, or the call failed. */
export type RefreshResult = 'ok' | 'gone' | 'error';

/** Shortest pause between two attempts to open the stats stream of one container (ms). */
const REOPEN_MS = 1000;

/** True for a dockerode error that means "no such container" (or network). */
export function isNotFound(err: unknown): boolean {
  return typeof err === 'object' && err !== null && (err as { statusCode?: number }).statusCode === 404;
}

/**
 * Follows one container for the whole run: keeps one streaming stats request open while it runs (reopened
 * after a restart), inspects it on demand for restarts, OOM kills and health, and emits its gauges.
 */
export class ContainerFollower {
  readonly tags: TagSet;
  private figures: ContainerFigures | undefined;
  private figuresAt = 0;
  private state: ContainerState | undefined;
  private baselineRestarts: number | undefined;
  private baselineOomAt: string | undefined;
  private readonly oomExits = new Set<string>();
  private oomEvents = 0;
  private restartEvents = 0;
  private running = false;
  private gone = false;
  private stream: AbortController | undefined;
  private lastOpen = 0;
  private closed = false;

  /** `fromStart`: the container existed when the run started (its earlier restarts are not counted). */
  constructor(
    private readonly api: DockerApi,
    readonly id: string,
    readonly name: string,
    private readonly fromStart: boolean,
    private readonly onStreamEnd: (f: ContainerFollower) => void = () => {},
  ) {
    this.tags = tagSet({ container: name });
  }

  /** Inspects the container, updates restarts / OOM / health, and opens the stats stream if it runs. */
  async refresh(signal: AbortSignal): Promise<RefreshResult> {
    let st: ContainerState;
    try {
      st = await this.api.inspect(this.id, signal);
    } catch (err) {
      if (isNotFound(err)) { this.markGone(); return 'gone'; }
      return 'error';
    }
    if (this.closed) return 'ok';
    if (this.baselineRestarts === undefined) {
      this.baselineRestarts = this.fromStart ? st.restartCount : 0;
      this.baselineOomAt = this.fromStart && st.oomKilled ? st.finishedAt : undefined;
    }
    if (st.oomKilled && st.finishedAt !== this.baselineOomAt) this.oomExits.add(st.finishedAt);
    this.state = st;
    this.running = st.running;
    if (this.running) this.openStream();
    else this.dropStream();
    return 'ok';
  }

  /** Applies a container event (`start`, `die`, `oom`, `restart`, `destroy`, ...) seen on the engine's event stream. */
  noteEvent(action: string): void {
    if (action === 'oom') this.oomEvents++;
    else if (action === 'restart') this.restartEvents++;
    else if (action === 'die') { this.running = false; this.figures = undefined; }
    else if (action === 'destroy') this.markGone();
  }

  /** True once the container was removed from the engine. */
  get isGone(): boolean {
    return this.gone;
  }

  /** Restarts since the run started: the engine's restart count growth plus explicit restarts (`docker restart`). */
  get restarts(): number {
    const count = this.state?.restartCount ?? 0;
    return Math.max(0, count - (this.baselineRestarts ?? count)) + this.restartEvents;
  }

  /** OOM kills since the run started: the larger of `oom` events seen and OOM-killed exits inspected. */
  get oomKills(): number {
    return Math.max(this.oomEvents, this.oomExits.size);
  }

  /** Emits this container's gauges; figures older than `maxAgeMs` (a stalled stream) are left out. */
  emit(sink: SampleSink, now: number, maxAgeMs: number): void {
    const t = this.tags;
    sink.add('container_up', this.running && !this.gone ? 1 : 0, t, now);
    if (this.baselineRestarts !== undefined) {
      sink.add('container_restarts', this.restarts, t, now);
      sink.add('container_oom_kills', this.oomKills, t, now);
    }
    if (!this.running || this.gone) return;
    const health = this.state?.health;
    if (health) sink.add('container_health', health === 'healthy' ? 1 : 0, t, now);
    const f = this.figures;
    if (!f || now - this.figuresAt > maxAgeMs) return;
    if (f.cpuPercent !== undefined) sink.add('container_cpu_percent', f.cpuPercent, t, now);
    if (f.memoryBytes !== undefined) sink.add('container_memory_bytes', f.memoryBytes, t, now);
    if (f.memoryLimitBytes !== undefined) sink.add('container_memory_limit_bytes', f.memoryLimitBytes, t, now);
    if (f.memoryPercent !== undefined) sink.add('container_memory_percent', f.memoryPercent, t, now);
    if (f.rxBytes !== undefined) sink.add('container_network_rx_bytes', f.rxBytes, t, now);
    if (f.txBytes !== undefined) sink.add('container_network_tx_bytes', f.txBytes, t, now);
    if (f.pids !== undefined) sink.add('container_pids', f.pids, t, now);
  }

  /** Ends the stats stream for good. */
  close(): void {
    this.closed = true;
    this.dropStream();
  }

  private markGone(): void {
    this.gone = true;
    this.running = false;
    this.figures = undefined;
    this.dropStream();
  }

  private dropStream(): void {
    this.stream?.abort();
    this.stream = undefined;
  }

  private openStream(): void {
    if (this.stream || this.closed || this.gone) return;
    const now = Date.now();
    if (now - this.lastOpen < REOPEN_MS) return;
    this.lastOpen = now;
    const ctrl = new AbortController();
    this.stream = ctrl;
    const ended = (): void => {
      if (this.stream !== ctrl) return;
      this.stream = undefined;
      if (!this.closed) this.onStreamEnd(this);
    };
    this.api.statsStream(this.id, ctrl.signal).then(
      (stream) => {
        if (ctrl.signal.aborted) { destroy(stream); return; }
        ctrl.signal.addEventListener('abort', () => destroy(stream), { once: true });
        readJsonLines(stream, {
          onObject: (v) => this.onChunk(v as DockerStatsJson),
          onEnd: ended,
        });
      },
      ended,
    );
  }

  private onChunk(chunk: DockerStatsJson): void {
    const f = figuresOf(chunk);
    if (!f) { this.figures = undefined; return; }
    this.figures = f;
    this.figuresAt = Date.now();
  }
}

/** Destroys a Node stream whatever its flavour. */
function destroy(stream: NodeJS.ReadableStream): void {
  const s = stream as NodeJS.ReadableStream & { destroy?: () => void };
  if (typeof s.destroy === 'function') s.destroy();
}
