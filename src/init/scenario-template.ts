// The typed scenario files `loadcert init` writes: the release load and a smoke of it (10 s or more).
import type { InitAnswers } from './answers.ts';

const q = (s: string) => JSON.stringify(s);

function realtime(a: InitAnswers, users: number, hold: string, ramp: string): string {
  const out: string[] = [];
  if (a.signalrHub && users > 0) out.push(`    collaboration: {
      // ${users} concurrent SignalR users, ten per document, each editing every 2 s.
      // JoinDocument / EditDocument / DocumentEdited are the demo target's hub methods: use your hub's.
      protocol: 'signalr',
      hub: ${q(a.signalrHub)},
      stages: [
        { duration: '${ramp}', target: ${users} },
        { duration: '${hold}', target: ${users} },
      ],
      connectRate: ${Math.max(1, Math.ceil(users / 4))},
      join: (vu) => [{ method: 'JoinDocument', args: [\`doc-\${vu.id % 20}\`] }],
      loop: [
        { invoke: 'EditDocument', args: (vu) => [\`doc-\${vu.id % 20}\`, { op: 'insert', pos: vu.iteration, text: 'x' }], every: '2s' },
      ],
      on: ['DocumentEdited'],
    },`);
  if (a.websocket && users > 0) out.push(`    notifications: {
      // ${Math.max(1, Math.round(users / 2))} WebSocket connections sending one message a second, answers matched in order.
      protocol: 'websocket',
      path: ${q(a.websocket)},
      connections: ${Math.max(1, Math.round(users / 2))},
      duration: '${hold}',
      messagesPerSecond: 1,
      correlation: 'order',
    },`);
  return out.join('\n');
}

function resources(a: InitAnswers): string {
  if (!a.containers.length) return '';
  return `  // Containers of the system under test, sampled every second (engine: DOCKER_HOST or /var/run/docker.sock).
  resources: { docker: { containers: ${JSON.stringify(a.containers)} } },
`;
}

const MIX = `      // The document API of the demo target (loadcert target): replace with your system's endpoints.
      mix: [
        { weight: 35, name: 'list documents', path: '/api/documents?page=1&size=20' },
        { weight: 40, name: 'get document', path: ({ vu }) => \`/api/documents/\${1 + ((vu.id * 31 + vu.iteration) % 10000)}\` },
        { weight: 15, name: 'search', path: '/api/search?q=release' },
        { weight: 10, name: 'create document', method: 'POST', path: '/api/documents', body: { title: 'load test', content: 'x' }, expect: [201] },
      ],`;

/** scenarios/<name>.ts: the release load (ramp 20 s, hold 40 s) at the answered rate and users, criteria from thresholds.json. */
export function releaseScenario(a: InitAnswers): string {
  return `// Release scenario written by \`loadcert init\`: ${a.rate} req/s${a.users && (a.signalrHub || a.websocket) ? ` and ${a.users} real-time users` : ''} against ${a.baseUrl}.
// Criteria and alert rules: ./thresholds.json. Run: npx loadcert run scenarios/${a.name}.ts
import { defineScenario } from 'loadcert';

export default defineScenario({
  name: ${q(a.name)},
  description: ${q(`Release target: ${a.rate} req/s${a.users && (a.signalrHub || a.websocket) ? `, ${a.users} real-time users` : ''}, p95 < 2 s, errors < 0.5 %`)},
  baseUrl: ${q(a.baseUrl)},
  health: { endpoints: ${JSON.stringify(a.health)} },
${resources(a)}  workloads: {
    api: {
      executor: 'ramping-arrival-rate',
      startRate: ${Math.max(1, Math.round(a.rate / 10))},
      timeUnit: '1s',
      stages: [
        { duration: '20s', target: ${a.rate} },
        { duration: '40s', target: ${a.rate} },
      ],
      preAllocatedVUs: ${Math.max(10, Math.ceil(a.rate / 5))},
      maxVUs: ${Math.max(50, a.rate * 2)},
${MIX}
    },
${realtime(a, a.users, '40s', '20s')}
  },
});
`;
}

/**
 * Requests a smoke run needs so that `loadcert compare` can tell a 10 % drop in throughput (the count test's
 * detectable drop at 95 % confidence is about 1.645 x sqrt(2 / n): 8.8 % at 700; 10.4 % at 500, too coarse).
 */
export const SMOKE_MIN_REQUESTS = 700;

/** scenarios/smoke.ts: the same mix at a tenth of the rate and users for 10 s, or longer until it makes SMOKE_MIN_REQUESTS requests; its own throughput criterion. */
export function smokeScenario(a: InitAnswers): string {
  const rate = Math.max(1, Math.round(a.rate / 10));
  const secs = Math.max(10, Math.ceil(SMOKE_MIN_REQUESTS / rate));
  const users = a.users > 0 ? Math.max(1, Math.round(a.users / 10)) : 0;
  return `// Smoke scenario written by \`loadcert init\`: the release mix for ${secs} s at a tenth of the load (${rate} req/s:
// ${rate * secs} requests, enough for loadcert compare to tell a 10 % drop in throughput).
// CI runs it on every push; criteria and alert rules: ./thresholds.json (throughput below is the smoke's own).
import { defineScenario } from 'loadcert';

export default defineScenario({
  name: 'smoke',
  description: ${q(`${secs}-second smoke at ${rate} req/s${users && (a.signalrHub || a.websocket) ? ` and ${users} real-time users` : ''}`)},
  baseUrl: ${q(a.baseUrl)},
  health: { endpoints: ${JSON.stringify(a.health)} },
${resources(a)}  workloads: {
    api: {
      executor: 'constant-arrival-rate',
      rate: ${rate},
      duration: '${secs}s',
      preAllocatedVUs: ${Math.max(5, Math.ceil(rate / 5))},
      maxVUs: ${Math.max(20, rate * 2)},
${MIX}
    },
${realtime(a, users, '8s', '2s')}
  },
  thresholds: {
    http_reqs: [{ threshold: 'sustained(5s)>=${Math.max(1, Math.floor(rate * 0.98))}', label: 'Throughput reached: ${rate} req/s held for 5 s' }],
  },
});
`;
}
