// The team's alert rules (MISSION.md), evaluated over the stored per-second time series.
import { AUTH_FAILURES, type SeriesCollector, type SeriesData } from './series-collector.ts';
import { formatNumber, formatPct } from './format.ts';

/** One period during which an alert rule held. */
export interface AlertEpisode {
  severity: 'critical' | 'warning';
  /** The rule in words, e.g. 'Memory > 80 %'. */
  rule: string;
  /** What it fired on, e.g. 'container api' or 'all HTTP requests'. */
  subject: string;
  /** Epoch ms of the first second and seconds it lasted (>= 1). */
  startMs: number;
  durationS: number;
  /** Worst value during the episode, formatted. */
  peak: string;
}

/** Seconds a CPU level must hold to count as sustained. */
export const CPU_SUSTAINED_S = 30;
/** Seconds between points that still count as one continuous episode. */
const MAX_GAP_MS = 2000;

type Test = (i: number) => number | undefined;

/** Episodes of consecutive seconds where `test` returns a value; `worse` picks the peak; shorter than `minS` dropped. */
function episodes(s: SeriesData, test: Test, worse: (a: number, b: number) => boolean, minS = 1): Array<{ startMs: number; durationS: number; peak: number }> {
  const out: Array<{ startMs: number; durationS: number; peak: number }> = [];
  let start = -1;
  let last = -1;
  let peak = NaN;
  const close = () => {
    if (start < 0) return;
    const durationS = Math.round((s.t[last] - s.t[start]) / 1000) + 1;
    if (durationS >= minS) out.push({ startMs: s.t[start], durationS, peak });
    start = -1;
  };
  for (let i = 0; i < s.t.length; i++) {
    const v = test(i);
    if (v === undefined) { close(); continue; }
    if (start >= 0 && s.t[i] - s.t[last] > MAX_GAP_MS) close();
    if (start < 0) { start = i; peak = v; } else if (worse(v, peak)) peak = v;
    last = i;
  }
  close();
  return out;
}

const higher = (a: number, b: number) => a > b;
const lower = (a: number, b: number) => a < b;

function above(s: SeriesData, field: string, limit: number): Test {
  const arr = s.v[field] ?? [];
  return (i) => (arr[i] > limit ? arr[i] : undefined);
}

/** Evaluates every alert rule whose metric has data; episodes sorted by start time, critical first on ties. */
export function evaluateAlerts(c: SeriesCollector): AlertEpisode[] {
  const out: AlertEpisode[] = [];
  const add = (severity: AlertEpisode['severity'], rule: string, subject: string, list: ReturnType<typeof episodes>, fmt: (v: number) => string) => {
    for (const e of list) out.push({ severity, rule, subject, startMs: e.startMs, durationS: e.durationS, peak: fmt(e.peak) });
  };
  const ms = (v: number) => `${formatNumber(v)} ms`;

  const lat = c.get('http_req_duration');
  if (lat) add('critical', 'API response time > 5 s (95th percentile of the second)', 'all HTTP requests', episodes(lat, above(lat, 'p(95)', 5000), higher), ms);

  for (const [name, key] of c.taggedBy('container_memory_percent', 'container'))
    add('critical', 'Memory > 80 %', `container ${name}`, episodes(c.get(key)!, above(c.get(key)!, 'max', 80), higher), formatPct);
  const hostMem = c.get('host_memory_percent');
  if (hostMem) add('critical', 'Memory > 80 %', 'host', episodes(hostMem, above(hostMem, 'max', 80), higher), formatPct);

  for (const [path, key] of c.taggedBy('host_disk_free_percent', 'path')) {
    const s = c.get(key)!;
    const min = s.v.min ?? [];
    add('critical', 'Disk free < 10 %', `disk ${path}`, episodes(s, (i) => (min[i] < 10 ? min[i] : undefined), lower), formatPct);
  }

  const cpuRule = `CPU > 70 % sustained (${CPU_SUSTAINED_S} s or longer)`;
  for (const [name, key] of c.taggedBy('container_cpu_percent', 'container'))
    add('warning', cpuRule, `container ${name}`, episodes(c.get(key)!, above(c.get(key)!, 'value', 70), higher, CPU_SUSTAINED_S), formatPct);
  for (const [name, key] of c.taggedBy('process_cpu_percent', 'process'))
    add('warning', cpuRule, `process ${name}`, episodes(c.get(key)!, above(c.get(key)!, 'value', 70), higher, CPU_SUSTAINED_S), formatPct);
  const hostCpu = c.get('host_cpu_percent');
  if (hostCpu) add('warning', cpuRule, 'host', episodes(hostCpu, above(hostCpu, 'value', 70), higher, CPU_SUSTAINED_S), formatPct);

  for (const [metric, rule, severity] of [
    ['container_restarts', 'Container restarted', 'warning'],
    ['container_oom_kills', 'Container killed: out of memory', 'critical'],
  ] as const) {
    for (const [name, key] of c.taggedBy(metric, 'container')) {
      const s = c.get(key)!;
      const v = s.v.max ?? [];
      const grew: Test = (i) => (v[i] > (i > 0 ? v[i - 1] : 0) ? v[i] : undefined);
      add(severity, rule, `container ${name}`, episodes(s, grew, higher), (n) => `${formatNumber(n)} in total`);
    }
  }

  const auth = c.get(AUTH_FAILURES);
  const reqs = c.get('http_reqs');
  if (auth) {
    const total = new Map<number, number>();
    if (reqs) reqs.t.forEach((t, i) => total.set(t, reqs.v.count[i]));
    const n = auth.v.count;
    const spike: Test = (i) => (n[i] >= 5 && n[i] >= 0.01 * (total.get(auth.t[i]) ?? 0) ? n[i] : undefined);
    add('warning', 'Spike of authentication failures (≥ 5 HTTP 401 per second)', 'all HTTP requests', episodes(auth, spike, higher), (x) => `${formatNumber(x)}/s`);
  }

  return out.sort((a, b) => a.startMs - b.startMs || (a.severity === b.severity ? 0 : a.severity === 'critical' ? -1 : 1));
}
