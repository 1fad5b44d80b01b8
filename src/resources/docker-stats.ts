// Pure arithmetic on one chunk of the Docker stats stream: CPU % as the Docker CLI computes it, memory used.

/** CPU counters of a stats chunk (the subset loadcert reads). */
export interface DockerCpuStats {
  cpu_usage?: { total_usage?: number; percpu_usage?: number[] | null };
  system_cpu_usage?: number;
  online_cpus?: number;
}

/** One JSON object of the `/containers/{id}/stats?stream=1` stream (the subset loadcert reads). */
export interface DockerStatsJson {
  read?: string;
  cpu_stats?: DockerCpuStats;
  precpu_stats?: DockerCpuStats;
  memory_stats?: { usage?: number; limit?: number; stats?: Record<string, number> };
  networks?: Record<string, { rx_bytes?: number; tx_bytes?: number }>;
  pids_stats?: { current?: number };
}

/** Figures of one container at one instant; a field is absent when the engine did not report it. */
export interface ContainerFigures {
  cpuPercent?: number;
  memoryBytes?: number;
  memoryLimitBytes?: number;
  memoryPercent?: number;
  rxBytes?: number;
  txBytes?: number;
  pids?: number;
}

/**
 * CPU % as `docker stats` shows it (100 = one core): (container delta / system delta) x online CPUs x 100,
 * from the chunk's cpu_stats and precpu_stats; 0 when nothing moved; undefined on the first chunk of a stream
 * (no previous reading yet).
 */
export function cpuPercent(s: DockerStatsJson): number | undefined {
  const cur = s.cpu_stats;
  const pre = s.precpu_stats;
  const total = cur?.cpu_usage?.total_usage;
  const system = cur?.system_cpu_usage;
  if (total === undefined || system === undefined) return undefined;
  if (!pre?.system_cpu_usage) return undefined;
  const cpuDelta = total - (pre.cpu_usage?.total_usage ?? 0);
  const systemDelta = system - pre.system_cpu_usage;
  const online = cur?.online_cpus || cur?.cpu_usage?.percpu_usage?.length || 0;
  if (systemDelta <= 0 || cpuDelta <= 0 || online <= 0) return 0;
  return (cpuDelta / systemDelta) * online * 100;
}

/**
 * Memory used in bytes: cgroup v1 (the stats carry `cache`): usage - cache; cgroup v2: usage - inactive_file.
 * The subtraction is skipped when it would not leave a positive figure (as the Docker CLI does).
 */
export function memoryUsed(s: DockerStatsJson): number | undefined {
  const usage = s.memory_stats?.usage;
  if (usage === undefined) return undefined;
  const stats = s.memory_stats?.stats ?? {};
  const reclaimable = stats.cache !== undefined ? stats.cache : stats.inactive_file;
  if (reclaimable !== undefined && reclaimable < usage) return usage - reclaimable;
  return usage;
}

/** Memory used as % of the limit; undefined without a usage or a positive limit. */
export function memoryPercent(s: DockerStatsJson): number | undefined {
  const used = memoryUsed(s);
  const limit = s.memory_stats?.limit;
  if (used === undefined || !limit || limit <= 0) return undefined;
  return (used / limit) * 100;
}

/** Received and sent bytes summed over the container's interfaces; undefined when `networks` is absent (host networking). */
export function networkTotals(s: DockerStatsJson): { rx: number; tx: number } | undefined {
  if (!s.networks) return undefined;
  let rx = 0;
  let tx = 0;
  for (const n of Object.values(s.networks)) { rx += n.rx_bytes ?? 0; tx += n.tx_bytes ?? 0; }
  return { rx, tx };
}

/** True when the chunk describes a running container (a stopped one streams empty stats). */
export function isLiveChunk(s: DockerStatsJson): boolean {
  return s.memory_stats?.usage !== undefined || (s.cpu_stats?.cpu_usage?.total_usage ?? 0) > 0;
}

/** Every figure loadcert emits for one chunk; undefined for a chunk of a stopped container. */
export function figuresOf(s: DockerStatsJson): ContainerFigures | undefined {
  if (!isLiveChunk(s)) return undefined;
  const net = networkTotals(s);
  return {
    cpuPercent: cpuPercent(s),
    memoryBytes: memoryUsed(s),
    memoryLimitBytes: s.memory_stats?.limit || undefined,
    memoryPercent: memoryPercent(s),
    rxBytes: net?.rx,
    txBytes: net?.tx,
    pids: s.pids_stats?.current,
  };
}
