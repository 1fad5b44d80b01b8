// fast-check generators of loadcert inputs, valid and invalid: durations, workloads of every protocol,
// scenarios, thresholds maps and `loadcert run` argument lists.
import fc from 'fast-check';

/** Duration values: k6 forms, near misses, and anything a hand could type. */
export const duration = (): fc.Arbitrary<unknown> => fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom('1s', '500ms', '300ms', '800', 800, 1000, '1m30s', '1d2h', '10us', '1.5s', '0s', 0, '0') },
  { weight: 2, arbitrary: fc.constantFrom('-1s', '1x', '', ' 1s', '1 s', 's', '1e3', '1d-2h', 'Infinity', 'NaN', '2562048h', 1e300, -5, null, true) },
  { weight: 1, arbitrary: fc.string({ maxLength: 12 }) },
  { weight: 1, arbitrary: fc.double() },
);

/** Short durations only (for workloads that really run). */
export const shortDuration = (): fc.Arbitrary<unknown> => fc.constantFrom('300ms', '500ms', '800', 600, '1s');

/** Values that break an option (none of them a long valid duration, so a mutated run stays short or is refused). */
export const badValue = (): fc.Arbitrary<unknown> => fc.constantFrom(0, -1, 1.5, 1e12, Number.NaN, 'x', '-1s', '1x', '', null, [], {}, true);
/** Anything at all, for the validators (not for runs: a valid '1d' would run for a day). */
export const anyValue = (): fc.Arbitrary<unknown> => fc.oneof(badValue(), duration(), fc.anything({ maxDepth: 1 }));
const MUTABLE_KEYS = ['rate', 'startRate', 'duration', 'timeUnit', 'preAllocatedVUs', 'maxVUs', 'vus', 'startVUs', 'iterations', 'stages', 'steps',
  'startTime', 'gracefulStop', 'connections', 'users', 'path', 'hub', 'executor', 'protocol', 'tags', 'bogus', 'duraton'];

/** `valid` most of the time; otherwise one key set to `bad` or one key removed. */
export function mutated(valid: fc.Arbitrary<Record<string, unknown>>, bad: () => fc.Arbitrary<unknown>): fc.Arbitrary<Record<string, unknown>> {
  return fc.oneof(
    { weight: 4, arbitrary: valid },
    { weight: 1, arbitrary: fc.tuple(valid, fc.constantFrom(...MUTABLE_KEYS), bad()).map(([w, k, v]) => ({ ...w, [k]: v })) },
    { weight: 1, arbitrary: valid.chain((w) => fc.constantFrom(...Object.keys(w)).map((k) => { const c = { ...w }; delete c[k]; return c; })) },
  );
}

const small = (min: number, max: number): fc.Arbitrary<number> => fc.integer({ min, max });
const stages = (d: () => fc.Arbitrary<unknown>, max: number): fc.Arbitrary<unknown> => fc.array(fc.record({ duration: d(), target: small(0, max) }), { minLength: 1, maxLength: 3 });
const steps = fc.constantFrom([{ path: '/api/ping' }], [{ name: 'list', path: '/api/documents' }], [{ path: '/api/ping', method: 'GET', expect: [200] }]);

/** A well-formed HTTP workload of any executor, small enough to run in a test. */
export const httpWorkload = (d: () => fc.Arbitrary<unknown> = duration): fc.Arbitrary<Record<string, unknown>> => fc.oneof(
  fc.record({ executor: fc.constant('constant-arrival-rate'), rate: small(1, 20), timeUnit: fc.constantFrom('1s', '500ms', 1000), duration: d(), preAllocatedVUs: small(1, 5), steps }, { requiredKeys: ['executor', 'rate', 'duration', 'preAllocatedVUs', 'steps'] }),
  fc.record({ executor: fc.constant('ramping-arrival-rate'), startRate: small(0, 5), stages: stages(d, 20), preAllocatedVUs: small(1, 5), maxVUs: small(5, 10), steps }, { requiredKeys: ['executor', 'stages', 'preAllocatedVUs', 'steps'] }),
  fc.record({ executor: fc.constant('constant-vus'), vus: small(1, 3), duration: d(), steps }),
  fc.record({ executor: fc.constant('ramping-vus'), startVUs: small(0, 2), stages: stages(d, 3), steps }, { requiredKeys: ['executor', 'stages', 'steps'] }),
  fc.record({ executor: fc.constant('per-vu-iterations'), vus: small(1, 3), iterations: small(1, 3), maxDuration: d(), steps }),
);

/** A well-formed WebSocket workload on the demo target's echo endpoint. */
export const wsWorkload = (d: () => fc.Arbitrary<unknown> = duration): fc.Arbitrary<Record<string, unknown>> => fc.record({
  protocol: fc.constant('websocket'), path: fc.constantFrom('/ws/echo', 'ws://127.0.0.1:1/ws/echo'), connections: small(1, 3), duration: d(), messagesPerSecond: small(1, 5),
});

/** A well-formed SignalR workload on the demo target's documents hub. */
export const signalrWorkload = (d: () => fc.Arbitrary<unknown> = duration): fc.Arbitrary<Record<string, unknown>> => fc.record({
  protocol: fc.constant('signalr'), hub: fc.constant('/hubs/documents'), users: small(1, 2), duration: d(),
  transport: fc.constantFrom('webSockets', 'longPolling'), loop: fc.constant([{ invoke: 'Echo', args: ['x'], every: '200ms' }]),
}, { requiredKeys: ['protocol', 'hub', 'users', 'duration'] });

/** Threshold expressions k6 and loadcert accept, and ones they refuse. */
export const expression = (): fc.Arbitrary<unknown> => fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom('p(95) < 2000', 'rate < 0.5', 'count > 0', 'p(0) >= 0', 'avg<1e9', 'sustained(1s) >= 0', 'max <= 100000') },
  { weight: 2, arbitrary: fc.constantFrom('p95 < 1', 'p(101) < 1', 'rate < 5%', 'avg < 2s', 'sustained(60) > 1', 'count = 1', '', 'p( < 1') },
  { weight: 1, arbitrary: fc.record({ threshold: fc.constantFrom('p(95) < 2000', 'nope', 5), abortOnFail: fc.constantFrom(true, false, 'yes'), delayAbortEval: fc.oneof(duration(), fc.constant(null)) }, { requiredKeys: ['threshold'] }) },
  { weight: 1, arbitrary: fc.string({ maxLength: 16 }) },
);

/** A thresholds map: metric keys (with selectors, typos) to lists (possibly empty) or wrong values. */
export const thresholds = (): fc.Arbitrary<unknown> => fc.oneof(
  { weight: 6, arbitrary: fc.dictionary(
    fc.constantFrom('http_req_duration', 'http_req_failed', 'http_reqs', 'http_req_duration{name:list}', 'iterations', 'ws_msg_rtt', 'signalr_invoke_duration', 'http_req_duraton', 'x{', 'vus{scenario:api}'),
    fc.oneof({ weight: 5, arbitrary: fc.array(expression(), { maxLength: 3 }) }, { weight: 1, arbitrary: fc.constantFrom('p(95) < 1', 5, null, {}) }),
    { maxKeys: 4 },
  ) },
  { weight: 1, arbitrary: fc.constantFrom(null, [], 'x', 5) },
);


/** A scenario object: mostly well-formed workloads of every protocol, each possibly mutated by `bad`. */
export const scenario = (d: () => fc.Arbitrary<unknown> = duration, bad: () => fc.Arbitrary<unknown> = anyValue, workloadCount = 3): fc.Arbitrary<Record<string, unknown>> => fc.record({
  baseUrl: fc.oneof({ weight: 8, arbitrary: fc.constant('http://127.0.0.1:1') }, { weight: 1, arbitrary: fc.constantFrom('ftp://x', 'http://example.test', 42) }),
  thresholdsFile: fc.constant(false),
  thresholds: fc.option(thresholds(), { nil: undefined }),
  workloads: fc.dictionary(
    fc.oneof({ weight: 8, arbitrary: fc.constantFrom('api', 'ws', 'hub', 'w2') }, { weight: 1, arbitrary: fc.constantFrom('bad name', '') }),
    fc.oneof(
      { weight: 4, arbitrary: mutated(httpWorkload(d), bad) }, { weight: 1, arbitrary: mutated(wsWorkload(d), bad) },
      { weight: 1, arbitrary: mutated(signalrWorkload(d), bad) }, { weight: 1, arbitrary: bad() },
    ),
    { minKeys: 1, maxKeys: workloadCount },
  ),
  http: fc.constantFrom(undefined, undefined, { timeout: '2s' }, { timeout: 'soon' }, { connections: 0 }),
  resources: fc.constantFrom(undefined, undefined, { interval: '500ms' }, { interval: '1m30s' }, { interval: 0 }),
  health: fc.constantFrom(undefined, undefined, { endpoints: ['/health'], timeout: '1000' }, { endpoints: ['http://example.test/health'] }, { interval: '0s' }),
}, { requiredKeys: ['baseUrl', 'workloads', 'thresholdsFile'] });

/** Thresholds every run can be judged by (metrics the HTTP engine always emits, aggregations of their type). */
export const validThresholds = (): fc.Arbitrary<Record<string, unknown>> => fc.uniqueArray(fc.constantFrom<[string, unknown[]]>(
  ['http_req_duration', ['p(95) < 60000', 'p(0) >= 0', { threshold: 'avg < 1e9', delayAbortEval: null }]],
  ['http_req_duration{name:list}', []],
  ['http_req_failed', ['rate <= 1']],
  ['http_reqs', ['count >= 0', { threshold: 'rate >= 0', abortOnFail: true, delayAbortEval: 500 }]],
  ['iterations', ['count >= 0']],
), { minLength: 1, maxLength: 3, selector: ([k]) => k }).map((pairs) => Object.fromEntries(pairs));

/** A scenario that should run: well-formed short workloads (1-2), valid thresholds, no broken option. */
export const cleanScenario = (d: () => fc.Arbitrary<unknown>): fc.Arbitrary<Record<string, unknown>> => fc.record({
  baseUrl: fc.constant('http://127.0.0.1:1'),
  thresholdsFile: fc.constant(false),
  thresholds: validThresholds(),
  workloads: fc.dictionary(fc.constantFrom('api', 'ws', 'hub'), fc.oneof({ weight: 3, arbitrary: httpWorkload(d) }, wsWorkload(d), signalrWorkload(d)), { minKeys: 1, maxKeys: 2 }),
});

/** Extra `loadcert run` arguments: none, good ones, and every kind of wrong one. */
export const runArgs = (): fc.Arbitrary<string[]> => fc.array(fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(['--skip-preflight'], ['--thresholds', 'THR'], ['--allow-host', 'example.test'], ['--help']) },
  { weight: 2, arbitrary: fc.constantFrom(['--out', '/proc/loadcert-nope'], ['--baseline', '/nonexistent-run'], ['--bogus'], ['--base-url', 'not a url'], ['--thresholds'], ['extra-positional'], ['--thresholds', '/nonexistent.json']) },
  { weight: 1, arbitrary: fc.string({ maxLength: 10 }).map((s) => [s]) },
), { maxLength: 3 }).map((parts) => parts.flat());
