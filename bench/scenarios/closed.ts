// Benchmark: closed model, BENCH_VUS VUs for BENCH_DURATION on BENCH_PATH.
import { defineScenario } from 'loadcert';

export default defineScenario({
  baseUrl: 'http://127.0.0.1:1',
  thresholdsFile: false,
  workloads: {
    bench: {
      executor: 'constant-vus',
      vus: Number(process.env.BENCH_VUS ?? 50),
      duration: process.env.BENCH_DURATION ?? '10s',
      steps: [{ name: 'bench', path: process.env.BENCH_PATH ?? '/api/ping' }],
    },
  },
});
