// A short run of scenarios/enterprise-docs.ts against the real stack: it passes its thresholds (the cookie
// session workload's too) and its report carries real values in the verdict, the criteria table, the
// SignalR section and the container charts.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { requireStack, ROOT, skipUnlessStack } from './stack-env.ts';

test('scenarios/enterprise-docs.ts (short) certifies the stack and reports real values', { skip: skipUnlessStack(), timeout: 180_000 }, async () => {
  const s = requireStack();
  const out = mkdtempSync(path.join(tmpdir(), 'loadcert-ed-'));
  const env = { ...process.env, API_TOKEN: s.token, BASE_URL: s.baseUrl, DOCKER_HOST: s.dockerHost, PG_URL: s.raw.PG_URL, REDIS_URL: s.raw.REDIS_URL, ED_RATE: '50', ED_USERS: '20', ED_RAMP: '3s', ED_HOLD: '8s' };
  const { code, output } = await new Promise<{ code: number; output: string }>((resolve) => {
    execFile(process.execPath, [path.join(ROOT, 'bin', 'loadcert.mjs'), 'run', path.join(ROOT, 'scenarios', 'enterprise-docs.ts'), '--out', out],
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
  assert.ok(summary.metrics.container_cpu_percent.values.max > 0, 'the API container was sampled');
  assert.ok(summary.metrics.postgres_statements_per_second.values.max > 0, 'the API\'s statements were seen by the PostgreSQL probe');
  assert.ok(summary.metrics.redis_ops_per_second.values.max > 0, 'the API\'s cache commands were seen by the Redis probe');
  const html = readFileSync(path.join(out, 'report.html'), 'utf8');
  assert.match(html, /CERTIFIED/);
  assert.match(html, /Database query time/);
  assert.match(html, /SignalR/);
  assert.match(html, /enterprise-docs-api/, 'container charts name the container');
  assert.doesNotMatch(html, /NOT CERTIFIED/);
});
