// Benchmark: closed model over HTTP/2 (h2c with prior knowledge on http:), BENCH_VUS VUs for BENCH_DURATION:
// each VU keeps one stream in flight on the origin's one session.
import { defineScenario } from 'loadcert';

export default defineScenario({
  baseUrl: 'http://127.0.0.1:1',
  thresholdsFile: false,
  http: { protocol: 'h2', h2Sessions: 1 },
  workloads: {
    bench: {
      executor: 'constant-vus',
      vus: Number(process.env.BENCH_VUS ?? 100),
      duration: process.env.BENCH_DURATION ?? '10s',
      steps: [{ name: 'bench', path: '/' }],
    },
  },
});
