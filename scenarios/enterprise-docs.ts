// Certifies the enterprise-docs reference stack (targets/enterprise-docs, npm run stack:up) for the
// release: 500 req/s over the API mix and 200 SignalR users editing documents.
import { defineScenario } from 'loadcert';

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
const dockerSocket = (process.env.DOCKER_HOST ?? 'unix:///tmp/loadcert-stack/docker/docker.sock').replace(/^unix:\/\//, '');

export default defineScenario({
  name: 'enterprise-docs',
  description: 'Release certification of the enterprise-docs stack: 500 req/s API mix, 200 SignalR users',
  baseUrl: process.env.BASE_URL ?? 'http://127.0.0.1:5080',
  http: { headers: auth, timeout: '10s' },
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
        { weight: 35, name: 'list documents', path: ({ vu }) => `/api/documents?page=${1 + (vu.iteration % 50)}&pageSize=20` },
        // reads are skewed as on a real document platform: 9 of 10 go to the 20 most-read documents (which the
        // API's Redis cache then serves), 1 of 10 to any of the 10,000; uniform reads would never hit the cache
        { weight: 45, name: 'get document', path: ({ vu }) => `/api/documents/${1 + ((vu.id * 7919 + vu.iteration * 104729) % (reads++ % 10 ? 20 : 10000))}` },
        { weight: 10, name: 'search', path: ({ vu }) => `/api/search?q=${encodeURIComponent(['contract', 'budget audit', 'release plan', 'security'][vu.iteration % 4])}` },
        { weight: 10, name: 'create document', method: 'POST', path: '/api/documents',
          body: { title: 'capacity test', content: 'release capacity certification' }, expect: [201] },
      ],
    },
    collaboration: {
      protocol: 'signalr',
      hub: '/hubs/documents',
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
    signalr_broadcast_latency: [{ threshold: 'p(95)<2000', label: 'Collaboration broadcast latency, 95th percentile' }],
    container_restarts: [{ threshold: 'max<1', label: 'Warning alert: a container restarted' }],
    container_memory_percent: [{ threshold: 'max<80', label: 'Critical alert: memory > 80 %' }],
    'http_req_duration{name:search}': [{ threshold: 'p(95)<1000', label: 'Warning alert: search latency degrading' }],
  },
});
