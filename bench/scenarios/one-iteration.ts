// Benchmark (bench/startup.bench.ts): one iteration of one GET, so a run's time is loadcert's start-up and teardown.
import { defineScenario } from 'loadcert';

export default defineScenario({
  name: 'one-iteration',
  baseUrl: 'http://127.0.0.1:8080',
  thresholdsFile: false,
  thresholds: { http_reqs: [{ threshold: 'count==1', label: 'the one request was sent' }] },
  workloads: {
    once: { executor: 'per-vu-iterations', vus: 1, iterations: 1, maxDuration: '30s', steps: [{ name: 'health', path: '/health' }] },
  },
});
