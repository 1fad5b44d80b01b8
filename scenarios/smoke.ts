// A 10-second version of the release scenario: checks the target and the harness end to end.
import { defineScenario } from 'loadcert';

export default defineScenario({
  name: 'smoke',
  description: '10-second smoke test at 50 req/s over the API mix',
  baseUrl: 'http://127.0.0.1:8080',
  workloads: {
    api: {
      executor: 'constant-arrival-rate',
      rate: 50,
      duration: '10s',
      preAllocatedVUs: 20,
      maxVUs: 100,
      mix: [
        { weight: 35, name: 'list documents', path: '/api/documents?page=1&size=20' },
        { weight: 40, name: 'get document', path: ({ vu }) => `/api/documents/${1 + ((vu.id * 31 + vu.iteration) % 10000)}` },
        { weight: 15, name: 'search', path: '/api/search?q=release' },
        { weight: 10, name: 'create document', method: 'POST', path: '/api/documents', body: { title: 'smoke', content: 'x' }, expect: [201] },
      ],
    },
  },
  thresholds: {
    // The smoke test runs at a tenth of the release rate: it checks that 50 req/s are held.
    http_reqs: [{ threshold: 'sustained(5s)>=49', label: 'Throughput reached: 50 req/s held for 5 s' }],
  },
});
