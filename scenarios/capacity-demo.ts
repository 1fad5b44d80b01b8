// Capacity search of the demo target's bounded route: `loadcert capacity scenarios/capacity-demo.ts --demo-target
// --demo-target-args "--max-concurrency 20 --service-ms 50"` (truth: 20 x 1000 / 50 = 400 req/s).
import { defineScenario } from 'loadcert';

export default defineScenario({
  name: 'capacity-demo',
  description: 'GET /api/work at a release target of 100 req/s; how far above it does p95 stay under 250 ms?',
  baseUrl: 'http://127.0.0.1:8080',
  thresholdsFile: false,
  workloads: {
    work: {
      executor: 'constant-arrival-rate',
      rate: 100,
      duration: '30s',
      preAllocatedVUs: 20,
      maxVUs: 300,
      steps: [{ name: 'work', path: '/api/work' }],
    },
  },
  thresholds: {
    http_req_duration: [{ threshold: 'p(95)<250', label: 'Work response time, 95th percentile' }],
    http_req_failed: [{ threshold: 'rate<0.01', label: 'Work error rate' }],
    capacity_headroom: [{ threshold: 'value>=1.5', label: 'Holds at least 1.5x the release target' }],
  },
});
