// The Redis probe: keyspace hit ratio and ops/s from INFO deltas, memory, evictions and clients.
import { Redis } from 'ioredis';
import { NO_TAGS } from '../metrics/tagset.ts';
import type { SamplerContext } from '../contracts/sampler.ts';
import { REDIS_METRICS } from './metrics.ts';
import { counterDelta, redactUrl, ServiceProbe } from './service-probe.ts';

const TIMEOUT_MS = 5000;

/** The INFO fields the probe reads (counters are lifetime totals of the server). */
export interface RedisReading {
  hits: number;
  misses: number;
  commands: number;
  evicted: number;
  usedMemory: number;
  maxMemory: number;
  clients: number;
}

/** Parses `INFO` text (`key:value` lines, `#` sections) into a map. */
export function parseInfo(text: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const line of text.split(/\r?\n/)) {
    if (!line || line.startsWith('#')) continue;
    const i = line.indexOf(':');
    if (i > 0) out.set(line.slice(0, i), line.slice(i + 1));
  }
  return out;
}

/** The reading of an INFO answer; throws naming a missing field. */
export function redisReading(info: Map<string, string>): RedisReading {
  const num = (k: string): number => {
    const v = Number(info.get(k));
    if (!info.has(k) || !Number.isFinite(v)) throw new Error(`INFO has no numeric ${k}`);
    return v;
  };
  return {
    hits: num('keyspace_hits'), misses: num('keyspace_misses'), commands: num('total_commands_processed'),
    evicted: num('evicted_keys'), usedMemory: num('used_memory'), maxMemory: num('maxmemory'), clients: num('connected_clients'),
  };
}

/**
 * Keyspace hit ratio (%) between two readings: Δhits / (Δhits + Δmisses); undefined when no key was looked up
 * in between or the counters went backwards (a restart or CONFIG RESETSTAT).
 */
export function hitPercent(prev: RedisReading, cur: RedisReading): number | undefined {
  const h = counterDelta(prev.hits, cur.hits);
  const m = counterDelta(prev.misses, cur.misses);
  if (h === undefined || m === undefined || h + m === 0) return undefined;
  return (h / (h + m)) * 100;
}

/** Samples one Redis server through one connection; see REDIS_METRICS and ServiceProbe. */
export class RedisProbe extends ServiceProbe<RedisReading> {
  readonly name = 'redis';
  readonly metrics = REDIS_METRICS;
  private client: Redis | undefined;
  private atStart: RedisReading | undefined;

  constructor(private readonly url: string, intervalMs: number) {
    super(intervalMs, `Redis at ${redactUrl(url)}`);
  }

  protected async connect(): Promise<void> {
    const client = new Redis(this.url, {
      lazyConnect: true, connectTimeout: TIMEOUT_MS, commandTimeout: TIMEOUT_MS, maxRetriesPerRequest: 0,
      enableOfflineQueue: false, retryStrategy: () => null, connectionName: 'loadcert-probe',
    });
    let lastError: Error | undefined;
    client.on('error', (err: Error) => { lastError = err; }); // a server that goes away fails the next reading instead
    this.client = client;
    // without retries ioredis rejects with "Connection is closed."; the error event holds the cause
    await client.connect().catch((err: Error) => { throw lastError ?? err; });
  }

  protected async close(): Promise<void> {
    const c = this.client;
    this.client = undefined;
    c?.disconnect();
  }

  protected async read(): Promise<RedisReading> {
    if (!this.client) throw new Error('not connected');
    return redisReading(parseInfo(await this.client.info()));
  }

  protected override afterBaseline(first: RedisReading): void {
    this.atStart ??= first;
  }

  protected emit(prev: RedisReading, cur: RedisReading, seconds: number, t: number, ctx: SamplerContext): void {
    const sink = ctx.sink;
    if (seconds <= 0) return;
    const hit = hitPercent(prev, cur);
    if (hit !== undefined) sink.add('redis_keyspace_hit_percent', hit, NO_TAGS, t);
    const runHit = this.atStart && hitPercent(this.atStart, cur);
    if (runHit !== undefined) sink.add('redis_keyspace_hit_run_percent', runHit, NO_TAGS, t);
    const cmds = counterDelta(prev.commands, cur.commands);
    // the probe's own INFO of this reading is counted by the server: leave it out
    if (cmds !== undefined) sink.add('redis_ops_per_second', Math.max(0, cmds - 1) / seconds, NO_TAGS, t);
    sink.add('redis_used_memory_bytes', cur.usedMemory, NO_TAGS, t);
    sink.add('redis_maxmemory_bytes', cur.maxMemory, NO_TAGS, t);
    if (cur.maxMemory > 0) sink.add('redis_memory_percent', (cur.usedMemory / cur.maxMemory) * 100, NO_TAGS, t);
    sink.add('redis_evictions', Math.max(0, cur.evicted - (this.atStart?.evicted ?? cur.evicted)), NO_TAGS, t);
    sink.add('redis_connected_clients', Math.max(0, cur.clients - 1), NO_TAGS, t);
  }
}
