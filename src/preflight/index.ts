// Public surface of the health probes: preflight before the run, availability polling during it.
export { runPreflight, preflightVerdict, resolveHealthTargets, DEFAULT_HEALTH_ENDPOINTS, DEFAULT_PROBE_TIMEOUT_MS, type HealthTarget } from './preflight.ts';
export { startHealthPoller, DEFAULT_POLL_INTERVAL_MS, type HealthPoller, type HealthPollerOptions } from './poller.ts';
export { probeHealth, type ProbeOptions, type ProbeOutcome } from './probe.ts';
export { durationMs } from './duration.ts';
