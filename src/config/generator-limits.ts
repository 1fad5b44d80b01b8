// Bounds a scenario must fit in before any load starts: what one generator process can hold (memory,
// open files, timers, schedule rate). A scenario past them is refused with a fix instead of hanging.
import { readFileSync } from 'node:fs';
import { totalmem } from 'node:os';
import { getHeapStatistics } from 'node:v8';
import type { ConfigIssue } from '../contracts/errors.ts';
import { IssueList, isPlainObject, join } from './checks.ts';
import { parseDuration } from '../contracts/duration.ts';
import { DEFAULTS } from './defaults.ts';

/** Memory of one busy HTTP VU with its socket: 2,000 closed-model VUs on /api/ping added 48.7 MB of RSS here (24 KB each). */
export const BYTES_PER_HTTP_VU = 25_000;
/** Client memory of one WebSocket connection (measured on this project's 2-core machines: 7.6-13 KB of RSS per connection at 18,000 connections). */
export const BYTES_PER_WS_CONNECTION = 13_000;
/** Client memory of one SignalR user (@microsoft/signalr connection with its transport, about 30 KB). */
export const BYTES_PER_SIGNALR_USER = 30_000;
/** Highest iteration start rate one process schedules (measured: 10,000/s held, 15,000/s dropped 3.2 %). */
export const MAX_ARRIVAL_RATE_PER_S = 100_000;
/** Longest time a Node timer can wait (2^31-1 ms, about 24.8 days): a longer workload would end at once. */
export const MAX_TIMER_MS = 2_147_483_647;

/** What this machine can hold: memory for the generator and the open-files limit (undefined when unknown). */
export interface MachineLimits {
  readonly memoryBytes: number;
  readonly openFiles?: number;
}

/** Limits of this process: the smaller of V8's heap limit and physical memory, and the soft open-files limit. */
export function machineLimits(): MachineLimits {
  return { memoryBytes: Math.min(getHeapStatistics().heap_size_limit, totalmem()), openFiles: openFilesLimit() };
}

function openFilesLimit(): number | undefined {
  try {
    const m = /^Max open files\s+(\d+)/m.exec(readFileSync('/proc/self/limits', 'utf8'));
    return m ? Number(m[1]) : undefined;
  } catch { return undefined; }
}

/** A workload as written (validated elsewhere): only well-formed values are judged here. */
type W = Readonly<Record<string, unknown>>;
const num = (v: unknown): number => (typeof v === 'number' && Number.isFinite(v) ? v : 0);
const stageTargets = (w: W): number[] => (Array.isArray(w.stages) ? w.stages.map((s) => num(isPlainObject(s) ? s.target : undefined)) : []);
const peak = (...xs: number[]): number => Math.max(0, ...xs);
const mb = (bytes: number): string => `${Math.round(bytes / 1e6).toLocaleString('en-US')} MB`;

/** Planned length of a workload in ms (startTime + duration or stages + gracefulStop); NaN when a part is malformed. */
function plannedEndMs(w: W): number {
  const stagesMs = Array.isArray(w.stages) ? w.stages.reduce((t: number, s) => t + parseDuration(isPlainObject(s) ? s.duration : NaN), 0) : 0;
  const body = w.duration !== undefined ? parseDuration(w.duration) : w.maxDuration !== undefined ? parseDuration(w.maxDuration) : stagesMs;
  return parseDuration(w.startTime ?? 0) + body + parseDuration(w.gracefulStop ?? DEFAULTS.gracefulStop);
}

/**
 * Every bound the scenario's workloads exceed on this machine: timeUnit > 0, the peak arrival rate, the
 * planned length of each workload, and the total memory and sockets of all workloads at their peak.
 * Only values that are otherwise well-formed are judged (the other validators report the rest).
 */
export function generatorLimitIssues(workloads: unknown, file: string, limits: MachineLimits = machineLimits()): ConfigIssue[] {
  const list = new IssueList(file);
  if (!isPlainObject(workloads)) return list.issues;
  const add = list.add.bind(list);
  let bytes = 0;
  let sockets = 0;
  const parts: string[] = [];
  for (const [name, raw] of Object.entries(workloads)) {
    if (!isPlainObject(raw)) continue;
    const w: W = raw;
    const path = join('workloads', name);
    const protocol = typeof w.protocol === 'string' ? w.protocol : 'http';
    if (protocol === 'http') {
      if (w.timeUnit !== undefined && parseDuration(w.timeUnit) === 0)
        add(join(path, 'timeUnit'), `must be longer than 0, got ${JSON.stringify(w.timeUnit)}`, `set timeUnit to '${DEFAULTS.timeUnit}' (the default) or another positive duration`);
      const unitMs = parseDuration(w.timeUnit ?? DEFAULTS.timeUnit);
      const open = w.executor === 'constant-arrival-rate' || w.executor === 'ramping-arrival-rate';
      if (open && unitMs > 0) {
        const perS = (peak(num(w.rate), num(w.startRate), ...stageTargets(w)) * 1000) / unitMs;
        if (perS > MAX_ARRIVAL_RATE_PER_S)
          add(join(path, w.executor === 'constant-arrival-rate' ? 'rate' : 'stages'), `asks for ${fmt(perS)} iterations per second; one loadcert process schedules at most ${fmt(MAX_ARRIVAL_RATE_PER_S)}/s`, `lower the rate (per timeUnit ${JSON.stringify(w.timeUnit ?? DEFAULTS.timeUnit)}), or split the load over several generator machines`);
      }
      const vus = open ? peak(num(w.preAllocatedVUs), num(w.maxVUs)) : peak(num(w.vus), num(w.startVUs), ...(w.executor === 'ramping-vus' ? stageTargets(w) : []));
      bytes += vus * BYTES_PER_HTTP_VU;
      if (vus) parts.push(`${name}: ${fmt(vus)} VUs x ${BYTES_PER_HTTP_VU / 1000} KB`);
    } else if (protocol === 'websocket' || protocol === 'signalr') {
      const n = protocol === 'websocket' ? peak(num(w.connections), num(w.startConnections), ...stageTargets(w)) : peak(num(w.users), num(w.startUsers), ...stageTargets(w));
      const per = protocol === 'websocket' ? BYTES_PER_WS_CONNECTION : BYTES_PER_SIGNALR_USER;
      bytes += n * per;
      sockets += n;
      if (n) parts.push(`${name}: ${fmt(n)} ${protocol === 'websocket' ? 'connections' : 'users'} x ${per / 1000} KB`);
    }
    const end = plannedEndMs(w);
    if (end > MAX_TIMER_MS)
      add(path, `lasts ${fmt(end / 86_400_000)} days with startTime and gracefulStop; a Node timer holds at most 24.8 days`, 'shorten the workload (a capacity test longer than a few hours rarely needs one process)');
  }
  if (bytes > limits.memoryBytes)
    add('workloads', `needs about ${mb(bytes)} of generator memory at its peak (${parts.join('; ')}); this process can hold ${mb(limits.memoryBytes)}`, 'lower the VUs, connections or users (an open model needs about rate x response time VUs), or split the load over several generator machines');
  if (limits.openFiles !== undefined && sockets > limits.openFiles - 256)
    add('workloads', `opens ${fmt(sockets)} WebSocket/SignalR connections at its peak; this process may open ${fmt(limits.openFiles)} files (ulimit -n) and keeps 256 for itself`, `lower the connections/users below ${fmt(Math.max(0, limits.openFiles - 256))}, raise ulimit -n, or split the load over several generator machines`);
  return list.issues;
}

function fmt(n: number): string {
  return n >= 1e15 ? n.toExponential(1) : Math.round(n).toLocaleString('en-US');
}
