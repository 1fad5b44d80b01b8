// Benchmark: open model at BENCH_RATE/s over BENCH_ENDPOINTS endpoint names, each answering 4 statuses
// (200, 404, 400, 405), so the run holds BENCH_ENDPOINTS x 4 series per HTTP metric. A 3 s warm-up, then
// the measured workload. Only the number of names changes between runs; the requests are the same.
import { defineScenario } from 'loadcert';

const rate = Number(process.env.BENCH_RATE ?? 2000);
const endpoints = Number(process.env.BENCH_ENDPOINTS ?? 1);
const variants = [
  { path: '/api/ping' },
  { path: '/api/documents/999999999' },
  { path: '/slow?ms=99999999' },
  { path: '/api/ping', method: 'POST' as const },
];
const mix = Array.from({ length: endpoints }, (_, i) => variants.map((v) => ({ ...v, name: `e${i}`, weight: 1 }))).flat();
const vus = { preAllocatedVUs: Math.max(20, Math.ceil(rate / 100)), maxVUs: Math.max(200, Math.ceil(rate / 10)) };
export default defineScenario({
  baseUrl: 'http://127.0.0.1:1',
  thresholdsFile: false,
  workloads: {
    warmup: { executor: 'constant-arrival-rate', rate, duration: '3s', ...vus, mix }, // ends gracefully: the measured phase inherits its warm connections
    measure: { executor: 'constant-arrival-rate', rate, duration: process.env.BENCH_DURATION ?? '10s', startTime: '3s', ...vus, mix },
  },
  thresholds: {
    'http_reqs{scenario:measure}': ['count>=0'],
    'http_req_blocked{scenario:measure}': ['p(99)>=0'],
    'http_req_duration{scenario:measure}': ['p(99)>=0'],
    'dropped_iterations{scenario:measure}': ['count>=0'],
  },
});
