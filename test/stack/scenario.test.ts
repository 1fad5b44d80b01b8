// A short run of scenarios/enterprise-docs.ts against the real stack, over HTTPS with the stack's CA
// trusted through http.tls.ca: it passes its thresholds (the cookie session workload's too) and its report
// carries real values in the verdict, the criteria table, the SignalR section and the container charts.
// The variant forced to HTTP/1.1 (enterprise-docs-http1.ts) certifies too, once the scenario validation
// knows http.protocol (the HTTP/2 client's branch; skipped until then, saying so).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { requireHttps, requireStack, ROOT, skipUnlessHttps } from './stack-env.ts';
import { validateScenario } from '../../src/config/validate-scenario.ts';
import type { ScenarioDefinition } from '../../src/contracts/scenario-types.ts';

const skip = skipUnlessHttps();
/** A reason to skip the HTTP/1.1 variant while the scenario validation refuses http.protocol (before the HTTP/2 client is merged). */
const protocolOption = validateScenario({ baseUrl: 'http://127.0.0.1:1', workloads: {}, http: { protocol: 'http1' } } as ScenarioDefinition, 'probe.ts', new Map())
  .some((i) => i.path === 'http.protocol') ? 'http.protocol is not accepted by the scenario validation yet (it comes with the HTTP/2 client)' : false;

test('scenarios/enterprise-docs.ts (short) certifies the stack over HTTPS and reports real values', { skip, timeout: 180_000 }, async () => {
  await certifies('enterprise-docs.ts');
});

test('scenarios/enterprise-docs-http1.ts (short, forced to HTTP/1.1 over TLS) certifies the stack', { skip: skip || protocolOption, timeout: 180_000 }, async () => {
  await certifies('enterprise-docs-http1.ts');
});

/** Runs a short scenarios/`file` against the stack and asserts it certifies with real values in its summary and report. */
async function certifies(file: string): Promise<void> {
  const s = requireStack();
  const { httpsUrl, tlsCa } = requireHttps();
  const out = mkdtempSync(path.join(tmpdir(), 'loadcert-ed-'));
  const env = { ...process.env, API_TOKEN: s.token, BASE_URL: s.baseUrl, HTTPS_URL: httpsUrl, TLS_CA: tlsCa, DOCKER_HOST: s.dockerHost, PG_URL: s.raw.PG_URL, REDIS_URL: s.raw.REDIS_URL, ED_RATE: '50', ED_USERS: '20', ED_RAMP: '3s', ED_HOLD: '8s' };
  const { code, output } = await new Promise<{ code: number; output: string }>((resolve) => {
    execFile(process.execPath, [path.join(ROOT, 'bin', 'loadcert.mjs'), 'run', path.join(ROOT, 'scenarios', file), '--out', out],
      { cwd: ROOT, timeout: 120_000, env }, (err, stdout, stderr) => resolve({ code: err ? Number((err as { code?: number }).code ?? 1) : 0, output: stdout + stderr }));
  });
  assert.equal(code, 0, output);
  const summary = JSON.parse(readFileSync(path.join(out, 'summary.json'), 'utf8'));
  assert.equal(summary.loadcert.verdict, 'CERTIFIED');
  const byMetric = (m: string) => summary.thresholds.find((t: { metric: string }) => t.metric === m);
  // every criterion the scenario's workloads feed is measured, including the edit round trip (EditDocument
  // is invoked, so its criterion has data) and the iteration and SignalR error counts
  for (const m of ['http_req_duration{expected_response:true}', 'server_timing{name:db}', 'availability', 'signalr_broadcast_latency', 'container_memory_percent', 'container_restarts',
    'signalr_invoke_duration{method:EditDocument}', 'signalr_invoke_failed', 'signalr_errors', 'iteration_errors',
    // the PostgreSQL and Redis probes against the stack's own servers
    'postgres_statement_run_mean_ms', 'redis_keyspace_hit_run_percent',
    // the API mix's own throughput, and the cookie session area: the anonymous 302 to the login page
    // followed, the form login's cookie kept, compressed JSON read (needs redirects, the jar and decoding)
    'http_reqs{scenario:api}', 'checks{scenario:session,step:redirect}', 'checks{scenario:session,step:login}',
    'checks{scenario:session,step:documents}', 'http_req_failed{scenario:session}']) {
    const t = byMetric(m);
    assert.ok(t && t.ok && typeof t.observed === 'number', `${m}: ${JSON.stringify(t)}`);
  }
  assert.ok(summary.metrics.http_req_tls_handshaking.values.max > 0, 'the HTTP load went over TLS');
  assert.ok(summary.metrics.container_cpu_percent.values.max > 0, 'the API container was sampled');
  assert.ok(summary.metrics.postgres_statements_per_second.values.max > 0, 'the API\'s statements were seen by the PostgreSQL probe');
  assert.ok(summary.metrics.redis_ops_per_second.values.max > 0, 'the API\'s cache commands were seen by the Redis probe');
  const html = readFileSync(path.join(out, 'report.html'), 'utf8');
  assert.match(html, /CERTIFIED/);
  assert.match(html, /Database query time/);
  assert.match(html, /SignalR/);
  assert.match(html, /enterprise-docs-api/, 'container charts name the container');
  assert.doesNotMatch(html, /NOT CERTIFIED/);
}
