// Benchmark: exactly BENCH_ITERATIONS requests from 50 VUs (per-vu-iterations), for memory growth.
import { defineScenario } from 'loadcert';

const total = Number(process.env.BENCH_ITERATIONS ?? 100_000);
export default defineScenario({
  baseUrl: 'http://127.0.0.1:1',
  thresholdsFile: false,
  workloads: {
    bench: {
      executor: 'per-vu-iterations',
      vus: 50,
      iterations: Math.ceil(total / 50),
      maxDuration: '30m',
      steps: [{ name: 'bench', path: '/api/ping' }],
    },
  },
});
