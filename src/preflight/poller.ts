// Availability during the run: probes the health endpoints on an interval and records `availability`
// and `health_check_duration` into the sample stream. Bounded and silent: it never throws into the run.
import type { HealthOptions } from '../contracts/scenario-types.ts';
import type { SampleSink, TagSet, Tags } from '../contracts/metric-types.ts';
import { tagSet } from '../metrics/tagset.ts';
import { durationMs } from './duration.ts';
import { probeHealth, type ProbeOutcome } from './probe.ts';
import { ProbePools } from './probe-pools.ts';
import type { ClientTls } from '../protocols/http/tls-context.ts';
import type { HttpProtocolChoice } from '../protocols/http/http-pool.ts';
import { DEFAULT_HEALTH_ENDPOINTS, DEFAULT_PROBE_TIMEOUT_MS, resolveHealthTargets, type HealthTarget } from './preflight.ts';
import { DEFAULTS } from '../config/defaults.ts';
import { parseDuration } from '../contracts/duration.ts';

/** Poll interval when the scenario sets none, ms. */
export const DEFAULT_POLL_INTERVAL_MS = parseDuration(DEFAULTS.healthInterval);

/** Options of startHealthPoller. */
export interface HealthPollerOptions {
  baseUrl: string;
  health?: HealthOptions;
  /** TLS options of https probes (the load's http.tls). */
  tls?: ClientTls;
  /** HTTP version as the load negotiates it (the load's http.protocol). */
  protocol?: HttpProtocolChoice;
  sink: SampleSink;
  /** Tags added to every sample (e.g. { scenario: 'capacity' }); `endpoint` is set per probe. */
  tags?: Tags;
  /** Called with each finished probe (for live displays); errors it throws are swallowed. */
  onProbe?: (endpoint: string, result: ProbeOutcome) => void;
}

/** A running poller. */
export interface HealthPoller {
  /** Probes recorded so far. */
  readonly probes: number;
  /** Stops polling, aborts probes in flight (they are not recorded) and resolves once none is left. */
  stop(): Promise<void>;
}

/**
 * Starts probing every endpoint now and then every interval (default 1 s). At most one probe per
 * endpoint is in flight: a probe still waiting when its next turn comes is left to finish or time out,
 * and that turn is skipped. Throws LC_HEALTH_URL / LC_INVALID_DURATION (exit 104) only for bad options.
 */
export function startHealthPoller(opts: HealthPollerOptions): HealthPoller {
  const health = opts.health ?? {};
  const targets = resolveHealthTargets(opts.baseUrl, health.endpoints ?? DEFAULT_HEALTH_ENDPOINTS);
  const intervalMs = durationMs(health.interval, DEFAULT_POLL_INTERVAL_MS, 'health.interval');
  const timeoutMs = durationMs(health.timeout, DEFAULT_PROBE_TIMEOUT_MS, 'health.timeout');
  const pools = new ProbePools(targets.length, timeoutMs, opts.tls, opts.protocol);
  const stopCtrl = new AbortController();
  const inFlight = new Map<string, Promise<void>>();
  const tagsOf = new Map<string, TagSet>(targets.map((t) => [t.endpoint, tagSet({ ...opts.tags, endpoint: t.endpoint })]));
  let probes = 0;
  let stopped = false;

  const record = (t: HealthTarget, r: ProbeOutcome): void => {
    if (r.aborted || stopped) return;
    const tags = tagsOf.get(t.endpoint)!;
    const now = Date.now();
    try {
      opts.sink.add('availability', r.ok ? 1 : 0, tags, now);
      opts.sink.add('health_check_duration', r.durationMs, tags, now);
      probes++;
      opts.onProbe?.(t.endpoint, r);
    } catch {
      /* a sink or listener failure must not break the run */
    }
  };

  const round = (): void => {
    if (stopped) return;
    for (const t of targets) {
      if (inFlight.has(t.endpoint)) continue;
      const p = probeHealth(t.url, { timeoutMs, headers: health.headers, pools, signal: stopCtrl.signal })
        .then((r) => record(t, r), () => undefined)
        .finally(() => inFlight.delete(t.endpoint));
      inFlight.set(t.endpoint, p);
    }
  };

  const timer = setInterval(round, intervalMs);
  timer.unref();
  round();

  let stopping: Promise<void> | null = null;
  return {
    get probes() {
      return probes;
    },
    stop(): Promise<void> {
      stopping ??= (async () => {
        stopped = true;
        clearInterval(timer);
        stopCtrl.abort();
        await Promise.allSettled([...inFlight.values()]);
        await pools.close();
      })();
      return stopping;
    },
  };
}
