// The one table of scenario option defaults: code reads its values, and the option reference is generated
// from it (each entry says where it applies and what it means). A default written anywhere else is a bug.

/** One default: its value as a scenario would write it, where it applies, and what it does. */
export interface DefaultEntry {
  readonly value: string | number;
  /** The option path(s) it fills, as a scenario author writes them. */
  readonly applies: string;
  readonly doc: string;
}

/** Every scenario option default, by name. */
export const DEFAULT_TABLE = {
  timeUnit: { value: '1s', applies: 'workloads.*.timeUnit (constant-arrival-rate, ramping-arrival-rate)', doc: 'the period `rate` and stage targets count iterations per' },
  gracefulStop: { value: '10s', applies: 'workloads.*.gracefulStop', doc: 'how long in-flight iterations or sessions may finish after the workload ends before they are cut' },
  maxDuration: { value: '10m', applies: 'workloads.*.maxDuration (per-vu-iterations, shared-iterations)', doc: 'longest an iterations workload runs before it stops' },
  vus: { value: 1, applies: 'workloads.*.vus (constant-vus, per-vu-iterations, shared-iterations)', doc: 'virtual users of a closed-model workload (k6 defaults it to 1)' },
  iterations: { value: 1, applies: 'workloads.*.iterations (per-vu-iterations, shared-iterations)', doc: 'iterations per VU (per-vu-iterations) or in all (shared-iterations); k6 defaults it to 1' },
  httpTimeout: { value: '30s', applies: 'http.timeout', doc: 'HTTP request timeout' },
  healthInterval: { value: '1s', applies: 'health.interval', doc: 'poll interval of the health endpoints during the run' },
  healthTimeout: { value: '2s', applies: 'health.timeout', doc: 'timeout of one health probe' },
  resourcesInterval: { value: '1s', applies: 'resources.interval', doc: 'sampling interval of the resource samplers' },
  signalrConnectRate: { value: 500, applies: 'workloads.*.connectRate (signalr)', doc: 'SignalR connections opened per second at most' },
  signalrInvokeTimeout: { value: '30s', applies: 'workloads.*.invokeTimeout (signalr)', doc: 'an invocation without a Completion after this long counts as failed' },
  signalrConnectTimeout: { value: '30s', applies: 'workloads.*.connectTimeout (signalr)', doc: 'a SignalR connection not established after this long counts as failed' },
  signalrRetryDelay: { value: '1s', applies: 'workloads.*.retryDelay (signalr)', doc: 'wait before a SignalR user connects again after a failure' },
  wsConnectTimeout: { value: '10s', applies: 'workloads.*.connectTimeout (websocket)', doc: 'WebSocket handshake timeout' },
  wsReplyTimeout: { value: '10s', applies: 'workloads.*.replyTimeout, workloads.*.exchanges[].timeout (websocket)', doc: 'how long a reply may take before the message counts as lost' },
  wsReconnectDelay: { value: '1s', applies: 'workloads.*.reconnectDelay (websocket)', doc: 'wait before reopening a WebSocket connection' },
  wsMessagesPerSecond: { value: 1, applies: 'workloads.*.messagesPerSecond (websocket)', doc: 'messages each WebSocket connection sends per second' },
  faultTimeout: { value: '30s', applies: 'faults.*.timeout', doc: 'bound of a fault\'s action and of its undo (an http request, an exec function); past it the fault could not be applied' },
  faultRecoveryWithin: { value: '60s', applies: 'faults.*.recovery.within', doc: 'longest a fault\'s recovery may take (also the recovery phase the steady criteria leave out)' },
  faultStableWindow: { value: '10s', applies: 'faults.*.recovery.stableWindow', doc: 'how long the steady criteria must hold, second by second, for a fault to count as recovered' },
} as const satisfies Record<string, DefaultEntry>;

/** The default values alone, as code reads them: `DEFAULTS.timeUnit` is '1s'. */
export const DEFAULTS = Object.fromEntries(Object.entries(DEFAULT_TABLE).map(([k, e]) => [k, e.value])) as { readonly [K in keyof typeof DEFAULT_TABLE]: (typeof DEFAULT_TABLE)[K]['value'] };
