// An in-memory Docker engine behind the DockerApi interface: containers that run, stop, restart and
// OOM on command, stats streams fed every 100 ms, an event stream, and an engine that can go away.
import { PassThrough } from 'node:stream';
import type { ContainerState, ContainerSummary, DockerApi } from '../../../src/resources/docker-engine.ts';

interface FakeContainer {
  id: string;
  name: string;
  labels: Record<string, string>;
  running: boolean;
  restartCount: number;
  oomKilled: boolean;
  finishedAt: string;
  health?: string;
  cpuNs: number;
  memory: number;
}

/** Options for a new fake container. */
export interface FakeContainerSpec { name: string; labels?: Record<string, string>; running?: boolean; memory?: number; health?: string; restartCount?: number }

/** A fake engine: mutate containers with the methods below, the streams follow. */
export class FakeDocker implements DockerApi {
  readonly address = { socketPath: '/fake.sock', label: 'unix:///fake.sock' };
  readonly containers = new Map<string, FakeContainer>();
  readonly statsStreams = new Set<PassThrough>();
  readonly eventStreams = new Set<PassThrough>();
  down = false;
  closed = false;
  private nextId = 1;
  private readonly timer: NodeJS.Timeout;
  private systemNs = 1e12;

  constructor() {
    this.timer = setInterval(() => this.pump(), 100);
  }

  add(spec: FakeContainerSpec): string {
    const id = `c${this.nextId++}`.padEnd(64, '0');
    this.containers.set(id, {
      id, name: spec.name, labels: spec.labels ?? {}, running: spec.running ?? true, restartCount: spec.restartCount ?? 0,
      oomKilled: false, finishedAt: '0001-01-01T00:00:00Z', health: spec.health, cpuNs: 0, memory: spec.memory ?? 50 * 2 ** 20,
    });
    if (spec.running ?? true) this.event(id, 'start');
    return id;
  }

  stopContainer(id: string, oom = false): void {
    const c = this.containers.get(id)!;
    c.running = false;
    c.oomKilled = oom;
    c.finishedAt = new Date().toISOString();
    if (oom) this.event(id, 'oom');
    this.event(id, 'die');
  }

  /** A restart by the restart policy: die, then start with RestartCount + 1. */
  crashAndRestart(id: string): void {
    this.stopContainer(id);
    const c = this.containers.get(id)!;
    c.restartCount++;
    c.running = true;
    this.event(id, 'start');
  }

  /** The engine goes away: every call fails and every stream ends. */
  goAway(): void {
    this.down = true;
    for (const s of [...this.statsStreams, ...this.eventStreams]) s.destroy();
  }

  dispose(): void {
    clearInterval(this.timer);
    for (const s of [...this.statsStreams, ...this.eventStreams]) s.destroy();
  }

  async list(signal: AbortSignal): Promise<ContainerSummary[]> {
    this.check(signal);
    return [...this.containers.values()].map((c) => ({ id: c.id, name: c.name, labels: c.labels, state: c.running ? 'running' : 'exited' }));
  }

  async inspect(id: string, signal: AbortSignal): Promise<ContainerState> {
    this.check(signal);
    const c = this.containers.get(id);
    if (!c) throw Object.assign(new Error('no such container'), { statusCode: 404 });
    return { id, name: c.name, running: c.running, restarting: false, restartCount: c.restartCount, oomKilled: c.oomKilled, finishedAt: c.finishedAt, health: c.health };
  }

  async statsStream(id: string, signal: AbortSignal): Promise<NodeJS.ReadableStream> {
    this.check(signal);
    if (!this.containers.has(id)) throw Object.assign(new Error('no such container'), { statusCode: 404 });
    const s = Object.assign(new PassThrough(), { containerId: id, prev: undefined as undefined | { cpu: number; sys: number } });
    this.statsStreams.add(s);
    s.on('close', () => this.statsStreams.delete(s));
    return s;
  }

  async events(signal: AbortSignal): Promise<NodeJS.ReadableStream> {
    this.check(signal);
    const s = new PassThrough();
    this.eventStreams.add(s);
    s.on('close', () => this.eventStreams.delete(s));
    return s;
  }

  close(): void {
    this.closed = true;
  }

  private check(signal: AbortSignal): void {
    if (signal.aborted) throw new Error('aborted');
    if (this.down) throw new Error('connect ENOENT /fake.sock');
  }

  private event(id: string, action: string): void {
    const c = this.containers.get(id)!;
    const line = JSON.stringify({ Type: 'container', Action: action, Actor: { ID: id, Attributes: { name: c.name, ...c.labels } } }) + '\n';
    for (const s of this.eventStreams) s.write(line);
  }

  /** Every 100 ms: each running container used half a core of a 2-core machine. */
  private pump(): void {
    this.systemNs += 2 * 100e6;
    for (const s of this.statsStreams as Set<PassThrough & { containerId: string; prev?: { cpu: number; sys: number } }>) {
      const c = this.containers.get(s.containerId);
      if (!c) continue;
      if (!c.running) { s.write(JSON.stringify({ read: '0001-01-01T00:00:00Z', memory_stats: {}, cpu_stats: { cpu_usage: { total_usage: 0 } } }) + '\n'); continue; }
      c.cpuNs += 50e6;
      const chunk = {
        cpu_stats: { cpu_usage: { total_usage: c.cpuNs }, system_cpu_usage: this.systemNs, online_cpus: 2 },
        precpu_stats: s.prev ? { cpu_usage: { total_usage: s.prev.cpu }, system_cpu_usage: s.prev.sys, online_cpus: 2 } : { cpu_usage: { total_usage: 0 } },
        memory_stats: { usage: c.memory + 4096, limit: 256 * 2 ** 20, stats: { cache: 4096 } },
        pids_stats: { current: 7 },
      };
      s.prev = { cpu: c.cpuNs, sys: this.systemNs };
      s.write(JSON.stringify(chunk) + '\n');
    }
  }
}
