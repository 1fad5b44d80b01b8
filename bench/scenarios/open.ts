// Benchmark: open model at BENCH_RATE iterations/s for BENCH_DURATION on BENCH_PATH.
import { defineScenario } from 'loadcert';

const rate = Number(process.env.BENCH_RATE ?? 500);
export default defineScenario({
  baseUrl: 'http://127.0.0.1:1',
  thresholdsFile: false,
  workloads: {
    bench: {
      executor: 'constant-arrival-rate',
      rate,
      duration: process.env.BENCH_DURATION ?? '5s',
      preAllocatedVUs: Math.max(20, Math.ceil(rate / 100)),
      maxVUs: Math.max(200, Math.ceil(rate / 10)),
      steps: [{ name: 'bench', path: process.env.BENCH_PATH ?? '/api/ping' }],
    },
  },
});
