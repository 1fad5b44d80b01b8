// Readers of Linux /proc: per-process CPU ticks, RSS, threads and fds; host CPU and memory; command-line search.
import { readFile, readdir } from 'node:fs/promises';

/** Clock ticks per second of /proc CPU times (USER_HZ, 100 on every Linux ABI Node runs on). */
export const CLK_TCK = 100;

/** CPU time and threads of one process. */
export interface PidStat {
  /** User + system CPU time in seconds. */
  cpuSeconds: number;
  threads: number;
  /** Start time in ticks since boot: tells a reused PID from the original. */
  startTicks: number;
}

/** Reads /proc/PID/stat; undefined when the process is gone. */
export async function readPidStat(pid: number): Promise<PidStat | undefined> {
  let text: string;
  try { text = await readFile(`/proc/${pid}/stat`, 'utf8'); } catch { return undefined; }
  // The command name (field 2) may hold spaces and parentheses: split after the last ')'.
  const rest = text.slice(text.lastIndexOf(')') + 2).split(' ');
  // rest[0] is field 3 (state): field N is rest[N - 3].
  const utime = Number(rest[11]);
  const stime = Number(rest[12]);
  return { cpuSeconds: (utime + stime) / CLK_TCK, threads: Number(rest[17]), startTicks: Number(rest[19]) };
}

/** Resident set size in bytes from /proc/PID/status (VmRSS); undefined when the process is gone. */
export async function readRssBytes(pid: number): Promise<number | undefined> {
  let text: string;
  try { text = await readFile(`/proc/${pid}/status`, 'utf8'); } catch { return undefined; }
  const m = /^VmRSS:\s+(\d+)\s+kB/m.exec(text);
  return m ? Number(m[1]) * 1024 : 0;
}

/** Number of open file descriptors (entries of /proc/PID/fd); undefined when unreadable. */
export async function countFds(pid: number): Promise<number | undefined> {
  try { return (await readdir(`/proc/${pid}/fd`)).length; } catch { return undefined; }
}

/** PIDs (other than this process) whose command line matches; bounded by the number of /proc entries. */
export async function findPids(match: (cmdline: string) => boolean): Promise<number[]> {
  let entries: string[];
  try { entries = await readdir('/proc'); } catch { return []; }
  const out: number[] = [];
  for (const e of entries) {
    if (!/^\d+$/.test(e)) continue;
    const pid = Number(e);
    if (pid === process.pid) continue;
    let cmd: string;
    try { cmd = (await readFile(`/proc/${pid}/cmdline`, 'utf8')).replace(/\0/g, ' ').trim(); } catch { continue; }
    if (cmd && match(cmd)) out.push(pid);
  }
  return out;
}

/** Builds a command-line matcher: `/re/flags` is a regular expression, anything else a substring. */
export function cmdlineMatcher(match: string): (cmdline: string) => boolean {
  const re = /^\/(.+)\/([a-z]*)$/.exec(match);
  if (re) {
    const rx = new RegExp(re[1], re[2]);
    return (c) => rx.test(c);
  }
  return (c) => c.includes(match);
}

/** Cumulative host CPU ticks from the first line of /proc/stat. */
export interface HostCpuTimes {
  idle: number;
  total: number;
}

/** Reads the aggregate `cpu` line of /proc/stat (idle includes iowait); undefined when unreadable. */
export async function readHostCpu(): Promise<HostCpuTimes | undefined> {
  let text: string;
  try { text = await readFile('/proc/stat', 'utf8'); } catch { return undefined; }
  const line = text.slice(0, text.indexOf('\n')).trim().split(/\s+/);
  if (line[0] !== 'cpu') return undefined;
  // user nice system idle iowait irq softirq steal (guest times are already inside user and nice)
  const v = line.slice(1, 9).map(Number);
  const total = v.reduce((a, b) => a + b, 0);
  return { idle: v[3] + (v[4] ?? 0), total };
}

/** Host memory in use (MemTotal - MemAvailable) as % of MemTotal, from /proc/meminfo. */
export async function readHostMemoryPercent(): Promise<number | undefined> {
  let text: string;
  try { text = await readFile('/proc/meminfo', 'utf8'); } catch { return undefined; }
  const total = Number(/^MemTotal:\s+(\d+)/m.exec(text)?.[1]);
  const avail = Number(/^MemAvailable:\s+(\d+)/m.exec(text)?.[1]);
  if (!total || !Number.isFinite(avail)) return undefined;
  return ((total - avail) / total) * 100;
}
