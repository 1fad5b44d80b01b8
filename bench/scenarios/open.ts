// Benchmark: open model at BENCH_RATE iterations/s on BENCH_PATH: a 5 s warm-up (JIT, heap, connections),
// then the measured workload for BENCH_DURATION. Sub-metric thresholds put the measured figures in summary.json.
import { defineScenario } from 'loadcert';

const rate = Number(process.env.BENCH_RATE ?? 500);
const path = process.env.BENCH_PATH ?? '/api/ping';
const vus = { preAllocatedVUs: Math.max(20, Math.ceil(rate / 100)), maxVUs: Math.max(200, Math.ceil(rate / 10)) };
export default defineScenario({
  baseUrl: 'http://127.0.0.1:1',
  thresholdsFile: false,
  workloads: {
    warmup: { executor: 'constant-arrival-rate', rate, duration: '5s', ...vus, steps: [{ name: 'bench', path }] }, // 5 s: JIT and heap settle; ends gracefully: its requests finish on their connections, so the measured window does not pay for reconnects
    measure: { executor: 'constant-arrival-rate', rate, duration: process.env.BENCH_DURATION ?? '5s', startTime: '5s', ...vus, steps: [{ name: 'bench', path }] },
  },
  thresholds: {
    'http_reqs{scenario:measure}': ['count>=0'],
    'http_req_blocked{scenario:measure}': ['p(99)>=0'],
    'http_req_duration{scenario:measure}': ['med>=0'],
    'dropped_iterations{scenario:measure}': ['count>=0'],
    // BENCH_SERVER_TIMING=app: also the server's own Server-Timing `app` durations (the demo target's /slow reports them)
    ...(process.env.BENCH_SERVER_TIMING ? { [`server_timing{scenario:measure,name:${process.env.BENCH_SERVER_TIMING}}`]: ['med>=0'] } : {}),
  },
});
