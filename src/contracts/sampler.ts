// The sampler contract: resource samplers emit gauges into the same metric stream as the load.
import type { MetricDef, SampleSink } from './metric-types.ts';

/**
 * What a scenario asks to sample (all optional; checked by validateResourceOptions, unknown keys rejected).
 * The generator and the host are always sampled (`host: false` turns the host off); see metrics.ts for names.
 */
export interface ResourceOptions {
  /**
   * Docker containers of the system under test, tagged `{container: name}`. Named containers are followed in
   * any state; `labels` and `composeProject` together select the others (all must match); with no selector
   * every running container is followed. Containers started during the run are picked up.
   */
  docker?: {
    /** Engine socket path (default: DOCKER_HOST or /var/run/docker.sock). */
    socket?: string;
    /** Container names to follow. */
    containers?: string[];
    /** Labels `key=value` (or just `key`) a container must all carry to be followed. */
    labels?: string[];
    /** Compose project (`com.docker.compose.project` label). */
    composeProject?: string;
  };
  /**
   * Processes on this machine, by PID or by a command-line substring (or `/regex/flags`), tagged
   * `{process: name ?? match ?? pid}`; all PIDs a match finds are summed. Exactly one of pid / match.
   */
  processes?: Array<{ pid?: number; match?: string; name?: string }>;
  /** Host CPU, memory, load and the free space of these absolute paths (default ['/']); false turns it off. */
  host?: { disks?: string[] } | boolean;
  /**
   * PostgreSQL probe: reads pg_stat_database, pg_stat_activity and (when the extension is installed)
   * pg_stat_statements of the database the connection string names, once per interval.
   */
  postgres?: {
    /** e.g. 'postgresql://user:password@127.0.0.1:5432/db' (the password is never printed). */
    connectionString: string;
  };
  /** Redis probe: reads INFO once per interval (rates and the hit ratio from deltas between readings). */
  redis?: {
    /** e.g. 'redis://127.0.0.1:6379' or 'redis://:password@host:6379/0' (the password is never printed). */
    url: string;
  };
  /** Sampling interval: ms or '500ms' / '1s' / '1m', between 100 ms and 60 s (default '1s'). */
  interval?: number | string;
}

/** Context handed to a sampler when the run starts. */
export interface SamplerContext {
  readonly sink: SampleSink;
  /** Adds a warning to the run's results (shown in console and report). */
  warn(message: string): void;
  /** Aborted when the run ends. */
  readonly signal: AbortSignal;
  /**
   * Records a measurement failure (the sampler could not start, lost its source, never found what it
   * follows, or the generator saturated): the run cannot be CERTIFIED. Also shown as a warning.
   */
  fail?(failure: { source: string; kind: 'sampler' | 'saturation'; cause: string }): void;
  /** Epoch ms the load starts at when the run waits for it (--start-at); the generator's saturation is judged from then on. */
  readonly loadStartsAt?: number;
  /** Threads of this process that drive load (--workers N: N + 1 with the main thread); the CPU line scales with them (default 1). */
  readonly generatorThreads?: number;
}

/** A resource sampler: emits gauges through `ctx.sink` until stopped; never throws into the run. */
export interface Sampler {
  readonly name: string;
  /** Metrics it emits; registered before thresholds are validated. */
  readonly metrics: readonly MetricDef[];
  start(ctx: SamplerContext): Promise<void> | void;
  stop(): Promise<void>;
}
