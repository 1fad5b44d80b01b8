// The sampler contract: resource samplers emit gauges into the same metric stream as the load.
import type { MetricDef, SampleSink } from '../metrics/types.ts';

/** What a scenario asks to sample (filled in by the resource samplers issue; all optional). */
export interface ResourceOptions {
  /** Docker containers of the system under test. */
  docker?: {
    /** Engine socket path (default: DOCKER_HOST or /var/run/docker.sock). */
    socket?: string;
    /** Container names to follow. */
    containers?: string[];
    /** Labels `key=value` a container must carry to be followed. */
    labels?: string[];
    /** Compose project (`com.docker.compose.project` label). */
    composeProject?: string;
  };
  /** Processes on this machine, by PID or by a substring / regex of the command line. */
  processes?: Array<{ pid?: number; match?: string; name?: string }>;
  /** Host CPU, memory, load and the free space of these filesystem paths. */
  host?: { disks?: string[] } | boolean;
  /** Sampling interval (default '1s'). */
  interval?: number | string;
}

/** Context handed to a sampler when the run starts. */
export interface SamplerContext {
  readonly sink: SampleSink;
  /** Adds a warning to the run's results (shown in console and report). */
  warn(message: string): void;
  /** Aborted when the run ends. */
  readonly signal: AbortSignal;
}

/** A resource sampler: emits gauges through `ctx.sink` until stopped; never throws into the run. */
export interface Sampler {
  readonly name: string;
  /** Metrics it emits; registered before thresholds are validated. */
  readonly metrics: readonly MetricDef[];
  start(ctx: SamplerContext): Promise<void> | void;
  stop(): Promise<void>;
}
