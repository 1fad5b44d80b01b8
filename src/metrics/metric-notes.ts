// Per metric, what the metrics reference (docs/metrics.md, scripts/gen-docs.ts) says beyond its definition:
// the tags its samples carry and how it differs from k6's metric of the same name. Kept next to the
// registry (not in each MetricDef) so the engines' definitions stay one line each.

/** Tags and k6 comparison of one metric. `k6` is undefined when k6 has no metric of that name. */
export interface MetricNote {
  readonly tags: string;
  readonly k6?: string;
}

const HTTP_TAGS = 'scenario, name, method, status, expected_response; error when it failed; the request\'s own tags';
const FROM_INTENDED = 'k6 measures from when the request is actually sent; loadcert from its intended start on the schedule, so queueing behind a late schedule or a full pool counts (no coordinated omission)';

/** Notes by metric name for every built-in, protocol and sampler metric; the docs test fails when one is missing. */
export const METRIC_NOTES: Readonly<Record<string, MetricNote>> = {
  http_reqs: { tags: HTTP_TAGS, k6: 'same meaning (requests sent)' },
  http_req_duration: { tags: HTTP_TAGS, k6: `k6's is sending + waiting + receiving; loadcert's also includes blocked (it starts at the intended start). ${FROM_INTENDED}` },
  http_req_blocked: { tags: HTTP_TAGS, k6: "k6's is the wait for a free TCP connection slot; loadcert's runs from the intended start and includes schedule lateness, the pool queue and connecting" },
  http_req_connecting: { tags: HTTP_TAGS, k6: 'same meaning: TCP connect of a new connection, DNS lookup and TLS not included, 0 on a reused one' },
  http_req_tls_handshaking: { tags: HTTP_TAGS, k6: 'same meaning: TLS handshake of a new connection, 0 on a reused or plain one' },
  http_req_sending: { tags: HTTP_TAGS, k6: 'same meaning' },
  http_req_waiting: { tags: HTTP_TAGS, k6: 'same meaning (time to first byte)' },
  http_req_receiving: { tags: HTTP_TAGS, k6: 'same meaning' },
  http_req_failed: { tags: HTTP_TAGS, k6: 'same meaning (by default a status outside 200-399 or a network error fails)' },
  iteration_duration: { tags: 'scenario', k6: `k6 measures from the iteration's actual start; ${FROM_INTENDED.replace(/^k6 measures from when the request is actually sent; /, '')}` },
  iterations: { tags: 'scenario', k6: 'same meaning' },
  dropped_iterations: { tags: 'scenario', k6: 'same meaning (arrival-rate executors only)' },
  checks: { tags: 'scenario, check; group inside a group()', k6: 'same meaning' },
  vus: { tags: 'none', k6: 'same meaning' },
  vus_max: { tags: 'none', k6: 'same meaning' },
  data_sent: { tags: 'scenario', k6: 'k6 counts every byte the VU wrote; loadcert counts bytes written for HTTP requests (per request socket counter)' },
  data_received: { tags: 'scenario', k6: 'k6 counts every byte the VU read; loadcert counts bytes read for HTTP responses (per request socket counter)' },
  server_timing: { tags: `${HTTP_TAGS}; entry (the Server-Timing entry name)` },
  availability: { tags: 'endpoint' },
  health_check_duration: { tags: 'endpoint' },
  group_duration: { tags: 'scenario, group', k6: 'same meaning (k6 tags it group)' },
  iteration_errors: { tags: 'scenario, error' },
  capacity_headroom: { tags: 'none' },
  interrupted_operations: { tags: 'scenario, protocol, op' },
  ws_connecting: { tags: 'scenario', k6: "k6's k6/ws ws_connecting: same meaning (opening handshake)" },
  ws_sessions: { tags: 'scenario', k6: 'same meaning' },
  ws_msgs_sent: { tags: 'scenario', k6: 'same meaning' },
  ws_msgs_received: { tags: 'scenario', k6: 'same meaning' },
  ws_session_duration: { tags: 'scenario', k6: 'same meaning' },
};

/** Tags of a metric without its own note: sampler gauges carry their sampler's key, protocol metrics the scenario. */
export function defaultTags(name: string): string {
  if (name.startsWith('container_')) return 'container';
  if (name.startsWith('process_')) return 'process';
  if (name.startsWith('host_disk_')) return 'path';
  if (/^(host|generator|postgres|redis)_/.test(name)) return 'none';
  return 'scenario';
}
