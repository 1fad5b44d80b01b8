// Metric definitions of every resource sampler: all gauges, registered before thresholds are validated.
import type { MetricDef, ValueKind } from '../contracts/metric-types.ts';

function gauge(name: string, contains: ValueKind, description: string): MetricDef {
  // the sampler that emits it is the metric's prefix: container -> docker, process, host, generator, postgres, redis
  const prefix = name.slice(0, name.indexOf('_'));
  return Object.freeze({ name, type: 'gauge' as const, contains, description, source: prefix === 'container' ? 'docker' : prefix });
}

/** Gauges of the Docker sampler, each tagged `{container}`. */
export const CONTAINER_METRICS: readonly MetricDef[] = [
  gauge('container_cpu_percent', 'default', 'container CPU as the Docker CLI shows it (100 = one full core)'),
  gauge('container_memory_percent', 'default', 'container memory used as % of its limit'),
  gauge('container_memory_bytes', 'data', 'container memory used (cgroup v1: usage - cache; v2: usage - inactive_file)'),
  gauge('container_memory_limit_bytes', 'data', 'container memory limit (the host memory when unlimited)'),
  gauge('container_network_rx_bytes', 'data', 'bytes received by the container since it started (absent with host networking)'),
  gauge('container_network_tx_bytes', 'data', 'bytes sent by the container since it started (absent with host networking)'),
  gauge('container_pids', 'default', 'processes and threads in the container'),
  gauge('container_restarts', 'default', 'container restarts since the run started'),
  gauge('container_oom_kills', 'default', 'container OOM kills since the run started'),
  gauge('container_health', 'default', 'container health check: 1 healthy, 0 starting or unhealthy (only when the image defines one)'),
  gauge('container_up', 'default', 'container running: 1 up, 0 stopped, restarting or gone'),
];

/** Gauges of the process sampler, each tagged `{process}` (all matching PIDs summed). */
export const PROCESS_METRICS: readonly MetricDef[] = [
  gauge('process_cpu_percent', 'default', 'process CPU (100 = one full core), from /proc'),
  gauge('process_rss_bytes', 'data', 'process resident memory, from /proc'),
  gauge('process_open_fds', 'default', 'open file descriptors of the process'),
  gauge('process_threads', 'default', 'threads of the process'),
];

/** Gauges of the host sampler; the disk ones are tagged `{path}`. */
export const HOST_METRICS: readonly MetricDef[] = [
  gauge('host_cpu_percent', 'default', 'host CPU busy, % of all cores'),
  gauge('host_memory_percent', 'default', 'host memory in use (total - available), % of total'),
  gauge('host_load1', 'default', 'host load average over one minute'),
  gauge('host_disk_free_percent', 'default', 'free space available to users on the filesystem of path, %'),
  gauge('host_disk_free_bytes', 'data', 'free space available to users on the filesystem of path'),
];

/** Gauges of the load generator's own health. */
export const GENERATOR_METRICS: readonly MetricDef[] = [
  gauge('generator_cpu_percent', 'default', 'CPU of the load generator process (100 = one full core)'),
  gauge('generator_event_loop_delay_ms', 'time', 'p99 event loop delay of the load generator over the sampling interval'),
];

/** Gauges of the PostgreSQL probe (`resources.postgres`), for the database the connection string names. */
export const POSTGRES_METRICS: readonly MetricDef[] = [
  gauge('postgres_transactions_per_second', 'default', 'transactions (commits + rollbacks) per second over the interval, from pg_stat_database'),
  gauge('postgres_statements_per_second', 'default', "statements executed per second over the interval, from pg_stat_statements (the probe's own excluded)"),
  gauge('postgres_statement_mean_ms', 'time', "mean execution time of the statements run in the interval, from pg_stat_statements (the probe's own excluded)"),
  gauge('postgres_statement_run_mean_ms', 'time', 'mean execution time of the statements run since the run started (its last value is the whole run\'s mean)'),
  gauge('postgres_connections_active', 'default', 'client connections running a statement (the probe excluded)'),
  gauge('postgres_connections_waiting', 'default', 'client connections waiting for a lock'),
  gauge('postgres_connections_total', 'default', 'client connections to the server (the probe excluded)'),
  gauge('postgres_connections_percent', 'default', 'client connections (the probe included) as % of max_connections'),
  gauge('postgres_max_connections', 'default', 'the server setting max_connections'),
  gauge('postgres_deadlocks', 'default', 'deadlocks detected in the database since the run started'),
  gauge('postgres_cache_hit_percent', 'default', 'buffer cache hit ratio over the interval: blocks found in shared buffers / blocks read, %'),
  gauge('postgres_connection_failures', 'default', "the probe's own failed connections or queries since the run started"),
];

/** Gauges of the Redis probe (`resources.redis`), from INFO deltas between two readings. */
export const REDIS_METRICS: readonly MetricDef[] = [
  gauge('redis_keyspace_hit_percent', 'default', 'keyspace hits / (hits + misses) over the interval, %; absent when no key was looked up'),
  gauge('redis_keyspace_hit_run_percent', 'default', 'keyspace hits / (hits + misses) since the run started, % (its last value is the whole run\'s ratio)'),
  gauge('redis_ops_per_second', 'default', "commands processed per second over the interval (the probe's own INFO excluded)"),
  gauge('redis_used_memory_bytes', 'data', 'memory used by Redis (used_memory)'),
  gauge('redis_maxmemory_bytes', 'data', 'the maxmemory setting (0: no limit)'),
  gauge('redis_memory_percent', 'default', 'used_memory as % of maxmemory (only when maxmemory is set)'),
  gauge('redis_evictions', 'default', 'keys evicted for lack of memory since the run started'),
  gauge('redis_connected_clients', 'default', 'connected clients (the probe excluded)'),
  gauge('redis_connection_failures', 'default', "the probe's own failed connections or commands since the run started"),
];

/** Every metric a resource sampler can emit. */
export const RESOURCE_METRICS: readonly MetricDef[] = [
  ...CONTAINER_METRICS,
  ...PROCESS_METRICS,
  ...HOST_METRICS,
  ...GENERATOR_METRICS,
  ...POSTGRES_METRICS,
  ...REDIS_METRICS,
];
