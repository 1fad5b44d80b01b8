// The Sprint 4 release scenario: ramp to and hold 500 req/s over a weighted mix of the API routes.
import { defineScenario } from 'loadcert';

export default defineScenario({
  name: 'sprint4-capacity',
  description: 'Release target: 500 req/s on the document API with p95 < 2 s and errors < 0.5 %',
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
  },
});
