// `npm run bench:report`: renders the report of a synthetic one-hour run (every metric each second, 10 containers)
// and prints the time and report.html size beside the goals (< 2 s, < 1.5 MB). Not a test: it never fails.
import { createWriteStream, mkdtempSync, rmSync, statSync } from 'node:fs';
import { once } from 'node:events';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { writeReports } from '../src/report/index.ts';
import { syntheticPoints, syntheticSummary, threshold, type SyntheticProfile } from '../test/fixtures/runs/synthetic-run.ts';

const GOAL_MS = 2000;
const GOAL_BYTES = 1.5 * 1024 * 1024;

const profile: SyntheticProfile = {
  scenario: 'bench-one-hour', seconds: 3600,
  containers: ['api-1', 'api-2', 'api-3', 'signalr-hub', 'postgres', 'redis', 'elasticsearch', 'frontend', 'worker', 'nginx'],
  endpoints: ['list', 'get', 'save', 'search', 'upload', 'download', 'share', 'comments'].map((name, i) => ({ name, method: i % 3 === 2 ? 'PUT' : 'GET' })),
  baseUrl: 'http://127.0.0.1:8080', startMs: Date.UTC(2025, 0, 1, 8, 0, 0), latencyMs: 220, spike: { from: 1800, to: 1830, ms: 5400 },
  errorRate: 0.002, hotContainer: 'api-2', restartAt: 2400, authSpike: { from: 600, to: 620, perSecond: 30 }, targetRate: 500, realtime: true,
  processes: ['dotnet', 'node'], diskPaths: ['/', '/var/lib/docker'],
};

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'loadcert-bench-report-'));
  try {
    const file = createWriteStream(join(dir, 'timeseries.ndjson'));
    for (const p of syntheticPoints(profile)) if (!file.write(`${JSON.stringify(p)}\n`)) await once(file, 'drain');
    file.end();
    await once(file, 'finish');
    const ndjsonBytes = statSync(join(dir, 'timeseries.ndjson')).size;
    const summary = syntheticSummary(profile, [
      threshold('http_req_duration', 'p(95)<2000', 'API response time, 95th percentile', 2000, 480, 'ms'),
      threshold('http_req_failed', 'rate<0.005', 'HTTP error rate', 0.005, 0.002, '%'),
      threshold('availability', 'rate>0.995', 'Availability of health endpoints', 0.995, 1, '%', '>'),
      threshold('server_timing{name:db}', 'avg<100', 'Server-reported db time, average', 100, 41, 'ms'),
    ]);
    const runs: number[] = [];
    let size = 0;
    for (let i = 0; i < 3; i++) {
      const t0 = performance.now();
      const out = await writeReports(dir, summary, { stepSummaryPath: null });
      runs.push(performance.now() - t0);
      size = out.htmlBytes;
    }
    const first = runs[0];
    const best = Math.min(...runs);
    const mb = (b: number) => `${(b / 1024 / 1024).toFixed(2)} MB`;
    console.log(`synthetic run: ${profile.seconds} s, ${profile.containers.length} containers, timeseries.ndjson ${mb(ndjsonBytes)}`);
    console.log(`writeReports (first, cold): ${first.toFixed(0)} ms   goal < ${GOAL_MS} ms   ${first < GOAL_MS ? 'OK' : 'OVER'}`);
    console.log(`writeReports (best of ${runs.length}):   ${best.toFixed(0)} ms`);
    console.log(`report.html size:           ${mb(size)} (${size} bytes)   goal < ${mb(GOAL_BYTES)}   ${size < GOAL_BYTES ? 'OK' : 'OVER'}`);
    console.log(`peak RSS:                   ${mb(process.resourceUsage().maxRSS * 1024)}`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

await main();
