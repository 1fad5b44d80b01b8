import type { MetricDef, MetricType, ValueKind } from '../contracts/metric-types.ts';
import { LoadcertError } from '../contracts/errors.ts';

/** Name of every metric loadcert itself emits, with k6's names and types where k6 has them. */
export const BUILTIN_METRICS: readonly MetricDef[] = [
  def('http_reqs', 'counter', 'default', 'HTTP requests sent (tagged expected_response:true|false like every HTTP sample)', 'http'),
  def('http_req_duration', 'trend', 'time', 'HTTP response time, from the intended start of the request to its last byte (= blocked + sending + waiting + receiving)', 'http'),
  def('http_req_blocked', 'trend', 'time', 'from the intended start to the moment the request is written to a connection: schedule lateness, pool queue and connecting', 'http'),
  def('http_req_connecting', 'trend', 'time', 'TCP connect time of a new connection (DNS lookup and TLS excluded), on the first request it carries (0 on a reused connection)', 'http'),
  def('http_req_tls_handshaking', 'trend', 'time', 'TLS handshake time of a new https connection (TCP connected to handshake done), on the first request it carries (0 on a reused or plain connection)', 'http'),
  def('http_req_sending', 'trend', 'time', 'time to write the request to the socket', 'http'),
  def('http_req_waiting', 'trend', 'time', 'from the end of the write to the first response byte on the socket (time to first byte)', 'http'),
  def('http_req_receiving', 'trend', 'time', 'from the first response byte to the last', 'http'),
  def('http_req_failed', 'rate', 'default', 'share of HTTP requests that failed (network error or unexpected status)', 'http'),
  def('iteration_duration', 'trend', 'time', 'time of one whole iteration, from its intended start'),
  def('iterations', 'counter', 'default', 'iterations completed'),
  def('dropped_iterations', 'counter', 'default', 'iterations the schedule wanted to start but no VU was free', 'open-model'),
  def('checks', 'rate', 'default', 'share of checks that passed'),
  def('vus', 'gauge', 'default', 'active virtual users'),
  def('vus_max', 'gauge', 'default', 'allocated virtual users'),
  def('data_sent', 'counter', 'data', 'bytes written to the socket for HTTP requests (socket byte counter per request)'),
  def('data_received', 'counter', 'data', 'bytes read from the socket for HTTP responses (socket byte counter per request)'),
  def('server_timing', 'trend', 'time', 'durations the server reported in Server-Timing headers, tagged by entry name', 'http'),
  def('availability', 'rate', 'default', 'share of health probes during the run that answered 2xx', 'health'),
  def('health_check_duration', 'trend', 'time', 'response time of the health probes during the run', 'health'),
  def('group_duration', 'trend', 'time', 'time of one group() of exec, tagged by its group path (::a::b)'),
  def('iteration_errors', 'counter', 'default', 'exceptions thrown by scenario code (exec, path/body functions, realtime callbacks), tagged by error name'),
  def('capacity_headroom', 'gauge', 'default', "highest rate that held every criterion / the searched workloads' configured rate (loadcert capacity only)", 'capacity'),
  def('interrupted_operations', 'counter', 'default', "operations cut by loadcert's own stop (graceful-stop cut or hard stop), by scenario, protocol and op; never counted as failures or latencies"),
];

function def(name: string, type: MetricType, contains: ValueKind, description: string, source = 'workload'): MetricDef {
  return Object.freeze({ name, type, contains, description, source });
}

/** Valid metric names: k6's rule (metrics/registry.go): a letter or _, then 1 to 128 ASCII letters, digits or _. */
export const METRIC_NAME = /^[A-Za-z_][A-Za-z0-9_]{1,128}$/;

/** Map of metric name to definition; engines and samplers register theirs before the run starts. */
export class MetricRegistry {
  private readonly defs = new Map<string, MetricDef>();

  /** A registry holding the built-in metrics plus `extra`. */
  constructor(extra: readonly MetricDef[] = []) {
    for (const d of BUILTIN_METRICS) this.defs.set(d.name, d);
    for (const d of extra) this.define(d);
  }

  /** Adds a metric; redefining a name with another type or kind throws LC_METRIC_CONFLICT. */
  define(d: MetricDef): MetricDef {
    if (!METRIC_NAME.test(d.name)) throw new LoadcertError('LC_METRIC_NAME', `invalid metric name "${d.name}": use letters, digits and _`);
    const prev = this.defs.get(d.name);
    if (prev) {
      if (prev.type !== d.type || prev.contains !== d.contains)
        throw new LoadcertError('LC_METRIC_CONFLICT', `metric "${d.name}" is already a ${prev.type} of ${prev.contains}, cannot redefine as ${d.type} of ${d.contains}`);
      return prev;
    }
    const frozen = Object.freeze({ ...d });
    this.defs.set(d.name, frozen);
    return frozen;
  }

  /** The definition of `name`, or undefined. */
  get(name: string): MetricDef | undefined {
    return this.defs.get(name);
  }

  /** Number of definitions (grows as metrics are defined). */
  get size(): number {
    return this.defs.size;
  }

  /** Every definition, in registration order. */
  all(): MetricDef[] {
    return [...this.defs.values()];
  }
}
