// The Sprint 4 release scenario: 500 req/s over a weighted mix of the document API, 200 concurrent
// SignalR users editing documents in groups, and a pool of WebSocket connections, all at once.
import { defineScenario } from 'loadcert';

export default defineScenario({
  name: 'sprint4-capacity',
  description: 'Release target: 500 req/s on the document API and 200 real-time users, p95 < 2 s, errors < 0.5 %',
  baseUrl: 'http://127.0.0.1:8080',
  workloads: {
    api: {
      executor: 'ramping-arrival-rate',
      startRate: 50,
      timeUnit: '1s',
      stages: [
        { duration: '20s', target: 500 },
        { duration: '40s', target: 500 },
      ],
      preAllocatedVUs: 100,
      maxVUs: 1000,
      mix: [
        { weight: 35, name: 'list documents', method: 'GET', path: '/api/documents?page=1&size=20' },
        { weight: 40, name: 'get document', method: 'GET', path: ({ vu }) => `/api/documents/${1 + ((vu.id * 7919 + vu.iteration * 104729) % 10000)}` },
        { weight: 15, name: 'search', method: 'GET', path: '/api/search?q=release' },
        { weight: 10, name: 'create document', method: 'POST', path: '/api/documents', body: { title: 'capacity test', content: 'lorem ipsum' }, expect: [201] },
      ],
    },
    collaboration: {
      protocol: 'signalr',
      hub: '/hubs/documents',
      // 200 concurrent users (today 50), ten per document, each editing every 2 s
      stages: [
        { duration: '20s', target: 200 },
        { duration: '40s', target: 200 },
      ],
      connectRate: 50,
      join: (vu) => [{ method: 'JoinDocument', args: [`doc-${vu.id % 20}`] }],
      loop: [
        { invoke: 'EditDocument', args: (vu) => [`doc-${vu.id % 20}`, { op: 'insert', pos: vu.iteration, text: 'x' }], every: '2s' },
      ],
      on: ['DocumentEdited'],
    },
    notifications: {
      protocol: 'websocket',
      path: '/ws/echo',
      connections: 100,
      duration: '60s',
      messagesPerSecond: 1,
      correlation: 'order',
    },
  },
});
