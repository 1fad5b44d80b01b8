// Certifies the enterprise-docs reference stack (targets/enterprise-docs, npm run stack:up) for the
// release: 500 req/s over the API mix, 200 SignalR users editing documents, and browser sessions that
// sign in with the cookie (302 to the login page, form login, compressed JSON). Over HTTPS, as the
// platform is served in production: the stack's TLS port (HTTPS_URL in .stack/env; HTTP/1.1 and HTTP/2
// by ALPN) with its private CA trusted through http.tls.ca (TLS_CA). enterprise-docs-http1.ts is the same
// run forced to HTTP/1.1.
import { defineScenario } from 'loadcert';
import type { HttpResponse, HttpWorkload, RequestParams, ThresholdMap } from 'loadcert';

// Defaults are the release targets; ED_RATE, ED_USERS, ED_RAMP and ED_HOLD shorten the run (CI uses a short one).
const rate = Number(process.env.ED_RATE ?? 500);
const users = Number(process.env.ED_USERS ?? 200);
const ramp = process.env.ED_RAMP ?? '20s';
const hold = process.env.ED_HOLD ?? '40s';
const holdSeconds = Number.parseInt(hold, 10);
const token = process.env.API_TOKEN ?? '';
const auth = { authorization: `Bearer ${token}` };
let reads = 0; // document reads so far (the hot/cold choice below)
const pgUrl = process.env.PG_URL ?? 'postgresql://docs@127.0.0.1:55432/docs';
const redisUrl = process.env.REDIS_URL ?? 'redis://127.0.0.1:56379';
// The stack's HTTPS origin and private CA (scripts/stack/up.sh writes both to .stack/env): the API, the
// sessions and the SignalR hub (negotiate and its WebSocket) are all reached over it, trusting the CA
// through http.tls.ca.
const httpsUrl = process.env.HTTPS_URL ?? 'https://127.0.0.1:5443';
const tlsCa = process.env.TLS_CA ?? '/tmp/loadcert-stack/tls/ca.crt';
const dockerSocket = (process.env.DOCKER_HOST ?? 'unix:///tmp/loadcert-stack/docker/docker.sock').replace(/^unix:\/\//, '');

// The cookie session area: the demo account (the API's SESSION_USER / SESSION_PASSWORD) and
// ED_SESSION_RATE sign-ins per second (default 1 % of the API rate, at least 2).
const sessionUser = process.env.SESSION_USER ?? 'a.martin';
const sessionPassword = process.env.SESSION_PASSWORD ?? 'enterprise-docs-demo';
const sessionRate = Number(process.env.ED_SESSION_RATE ?? Math.max(2, Math.round(rate / 100)));
// Switches that show the session criteria fail for the right reason: ED_MAX_REDIRECTS=0 measures each
// 302 itself instead of following it (k6's `redirects` param); ED_COOKIE_JAR=off runs the VUs without
// their cookie jar.
const redirects = process.env.ED_MAX_REDIRECTS === undefined ? {} : { redirects: Number(process.env.ED_MAX_REDIRECTS) };
const cookieJar = process.env.ED_COOKIE_JAR === 'off' ? { cookies: 'off' as const } : {};

/** Request params of one session request: its endpoint name and the redirect switch. */
function session(name: string): RequestParams {
  return { tags: { name }, ...redirects };
}

/** The JSON of GET /session/documents. */
interface RecentDocuments { user: string; count: number; items: { id: number; owner: string }[] }

/** True when the response is /session/documents' JSON for the demo user, with documents of that user only. */
function isUsersDocuments(r: HttpResponse): boolean {
  if (r.status !== 200 || !/^application\/json/.test(String(r.headers['content-type']))) return false;
  const body = r.json<RecentDocuments>();
  return body.user === sessionUser && body.items.length > 0 && body.items.every((d) => d.owner === sessionUser);
}

/**
 * A browser session per iteration (the VU's cookie jar starts empty each iteration, as in k6): the
 * documents page asked anonymously is redirected (302) to the login page; the form login sets the
 * cookie and redirects back to the documents (302), read as compressed JSON; a second read with the
 * cookie. Each stage's checks carry a `step` tag, judged by its own criterion below.
 */
export const sessionWorkload: HttpWorkload = {
  executor: 'ramping-arrival-rate',
  startRate: sessionRate,
  timeUnit: '1s',
  stages: [
    { duration: ramp, target: sessionRate },
    { duration: hold, target: sessionRate },
  ],
  preAllocatedVUs: 10,
  maxVUs: 100,
  ...cookieJar,
  exec: async ({ http, check }) => {
    const anonymous = await http.get('/session/documents', session('documents (anonymous)'));
    check(anonymous, {
      'anonymous documents request lands on the login page': (r) => r.status === 200 && r.body.includes('name="password"'),
    }, { step: 'redirect' });
    const login = await http.post('/account/login?ReturnUrl=%2Fsession%2Fdocuments',
      new URLSearchParams({ username: sessionUser, password: sessionPassword }), session('login'));
    check(login, {
      'login returns to the documents, signed in': isUsersDocuments,
    }, { step: 'login' });
    const documents = await http.get('/session/documents?limit=50', session('documents (signed in)'));
    check(documents, {
      'documents read with the session cookie': isUsersDocuments,
      'documents served compressed': (r) => /^(br|gzip)$/.test(String(r.headers['content-encoding'])),
    }, { step: 'documents' });
  },
};

/** The session area's criteria: each stage's checks, and its requests' error rate (as the API's). */
export const sessionThresholds: ThresholdMap = {
  'checks{scenario:session,step:redirect}': [{ threshold: 'rate>0.995', label: 'Session: an anonymous page request is redirected to the login page' }],
  'checks{scenario:session,step:login}': [{ threshold: 'rate>0.995', label: 'Session: the form login sets the cookie and returns to the page' }],
  'checks{scenario:session,step:documents}': [{ threshold: 'rate>0.995', label: 'Session: documents read with the cookie, as compressed JSON' }],
  'http_req_failed{scenario:session}': [{ threshold: 'rate<0.005', label: 'Session: error rate' }],
};

export default defineScenario({
  name: 'enterprise-docs',
  description: 'Release certification of the enterprise-docs stack over HTTPS: 500 req/s API mix, 200 SignalR users, cookie sessions',
  baseUrl: httpsUrl,
  // the bearer token goes with the API mix only: the session workload is a browser, signed in by its cookie
  http: { timeout: '10s', tls: { ca: tlsCa } },
  // Health endpoints are anonymous; the health-401 fault (HEALTH_REQUIRE_AUTH=true) must stop the run with 111.
  health: { endpoints: ['/health', '/health/detailed', '/api/health'], interval: '1s' },
  resources: {
    docker: { socket: dockerSocket, composeProject: 'enterprise-docs' },
    processes: [
      { name: 'postgresql', match: '/loadcert-stack\\/pg\\/data|^postgres: /' },
      { name: 'redis', match: `redis-server 127.0.0.1:${new URL(redisUrl).port}` },
    ],
    host: { disks: ['/'] },
    // the stack's PostgreSQL and Redis (scripts/stack/lib.sh ports; .stack/env PG_URL / REDIS_URL)
    postgres: { connectionString: pgUrl },
    redis: { url: redisUrl },
    interval: '1s',
  },
  workloads: {
    api: {
      executor: 'ramping-arrival-rate',
      startRate: 50,
      timeUnit: '1s',
      stages: [
        { duration: ramp, target: rate },
        { duration: hold, target: rate },
      ],
      preAllocatedVUs: 100,
      maxVUs: 1000,
      mix: [
        { weight: 35, name: 'list documents', headers: auth, path: ({ vu }) => `/api/documents?page=${1 + (vu.iteration % 50)}&pageSize=20` },
        // reads are skewed as on a real document platform: 9 of 10 go to the 20 most-read documents (which the
        // API's Redis cache then serves), 1 of 10 to any of the 10,000; uniform reads would never hit the cache
        { weight: 45, name: 'get document', headers: auth, path: ({ vu }) => `/api/documents/${1 + ((vu.id * 7919 + vu.iteration * 104729) % (reads++ % 10 ? 20 : 10000))}` },
        { weight: 10, name: 'search', headers: auth, path: ({ vu }) => `/api/search?q=${encodeURIComponent(['contract', 'budget audit', 'release plan', 'security'][vu.iteration % 4])}` },
        { weight: 10, name: 'create document', method: 'POST', headers: auth, path: '/api/documents',
          body: { title: 'capacity test', content: 'release capacity certification' }, expect: [201] },
      ],
    },
    session: sessionWorkload,
    collaboration: {
      protocol: 'signalr',
      hub: '/hubs/documents', // on the HTTPS origin (baseUrl), with http.tls
      transport: 'webSockets',
      hubProtocol: 'messagepack',
      accessToken: token,
      stages: [
        { duration: ramp, target: users },
        { duration: hold, target: users },
      ],
      connectRate: 50,
      join: (vu) => [{ method: 'JoinDocument', args: [`doc-${vu.id % 20}`] }],
      loop: [
        // invoked, not sent: the release criterion signalr_invoke_duration{method:EditDocument} (thresholds.json)
        // is the edit's round trip until its Completion, which only an invocation has
        { invoke: 'EditDocument', args: (vu) => [`doc-${vu.id % 20}`, { op: 'insert', pos: vu.iteration, text: 'x' }], every: '2s' },
        { invoke: 'Echo', args: (vu) => [{ vu: vu.id, n: vu.iteration }], every: '5s' },
      ],
      on: ['DocumentEdited'],
      // default broadcastTimestamp reads args[0].serverTime, which DocumentEdited carries (epoch ms)
    },
  },
  thresholds: {
    // Release criteria come from thresholds.json; these add the realtime and container rules, and
    // hold the throughput criterion to this run's target rate.
    http_reqs: [{ threshold: `sustained(${Math.min(30, holdSeconds)}s)>=${rate * 0.99}`, label: `Throughput reached: ${rate} req/s held for ${Math.min(30, holdSeconds)} s` }],
    // the same target on the API mix alone, so the session workload's requests cannot make up for it
    'http_reqs{scenario:api}': [{ threshold: `sustained(${Math.min(30, holdSeconds)}s)>=${rate * 0.99}`, label: `API mix throughput: ${rate} req/s held for ${Math.min(30, holdSeconds)} s` }],
    ...sessionThresholds,
    signalr_broadcast_latency: [{ threshold: 'p(95)<2000', label: 'Collaboration broadcast latency, 95th percentile' }],
    container_restarts: [{ threshold: 'max<1', label: 'Warning alert: a container restarted' }],
    container_memory_percent: [{ threshold: 'max<80', label: 'Critical alert: memory > 80 %' }],
    'http_req_duration{name:search}': [{ threshold: 'p(95)<1000', label: 'Warning alert: search latency degrading' }],
  },
});
