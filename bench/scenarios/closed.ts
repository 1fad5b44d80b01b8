// Benchmark: closed model, BENCH_VUS VUs for BENCH_DURATION on BENCH_PATH; BENCH_TLS_CA trusts that CA (http.tls.ca) for an https origin.
import { defineScenario } from 'loadcert';

export default defineScenario({
  baseUrl: 'http://127.0.0.1:1',
  thresholdsFile: false,
  ...(process.env.BENCH_TLS_CA ? { http: { tls: { ca: process.env.BENCH_TLS_CA } } } : {}),
  workloads: {
    bench: {
      executor: 'constant-vus',
      vus: Number(process.env.BENCH_VUS ?? 50),
      duration: process.env.BENCH_DURATION ?? '10s',
      steps: [{ name: 'bench', path: process.env.BENCH_PATH ?? '/api/ping' }],
    },
  },
});
