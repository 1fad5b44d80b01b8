// Failed requests are named: a real `loadcert run` against a server that never answers, then one that
// answers 503 or resets the connection; the console, summary.json, summary.md and report.html each name
// the causes per endpoint with their counts.
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { runCli, tempOut, readSummary, fixture } from '../../helpers/cli.ts';
import { escapeMarkdown as md } from '../../../src/report/escape.ts';

let server: Server;
let baseUrl = '';
let flaky = 0;
before(async () => {
  server = createServer((req, res) => {
    if (req.url === '/hang') return; // never answers: the client's 300 ms timeout ends each request
    if (req.url === '/flaky') {
      // every connection carries one request, so a reset one is never sent again (that is only for reused ones)
      if (flaky++ % 3 !== 0) { res.writeHead(503, { 'content-length': '0', connection: 'close' }); res.end(); return; }
      req.socket.resetAndDestroy(); // a TCP reset before any response byte
      return;
    }
    res.writeHead(404); res.end();
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
after(async () => { server.closeAllConnections(); await new Promise((r) => server.close(r)); });

async function run(path: string) {
  const out = tempOut('loadcert-failure-causes-');
  process.env.FAIL_PATH = path; // inherited by the loadcert child process
  try {
    const r = await runCli(['run', fixture('failing-causes.ts'), '--base-url', baseUrl, '--out', out, '--skip-preflight']);
    return { ...r, out, summary: readSummary(out), md: readFileSync(join(out, 'summary.md'), 'utf8'), html: readFileSync(join(out, 'report.html'), 'utf8'), junit: readFileSync(join(out, 'junit.xml'), 'utf8') };
  } finally {
    delete process.env.FAIL_PATH;
  }
}

describe('failure causes per endpoint', { timeout: 180_000 }, () => {
  test('a run where every request times out says LC_HTTP_TIMEOUT, with the count, in every output', { timeout: 60_000 }, async () => {
    const r = await run('/hang');
    assert.equal(r.code, 99, r.stderr);
    const [e] = r.summary.loadcert.endpoints;
    assert.equal(e.failedRate, 1);
    assert.ok(e.requests > 5, `requests: ${e.requests}`);
    assert.deepEqual(e.failures, [{ cause: 'LC_HTTP_TIMEOUT', count: e.requests }]);
    const text = `LC_HTTP_TIMEOUT ${e.requests}`;
    assert.match(r.stdout + r.stderr, new RegExp(`api/hang[^\\n]*\\n\\s+failed: ${text}\\n`), 'console: under the endpoint row');
    assert.ok(r.md.includes(md(`- api/hang GET: 100.00 % failed: ${text}`)), r.md);
    assert.ok(r.html.includes(`<td class="causes">${text}</td>`), 'report.html: the endpoint row names the cause');
    assert.ok(r.junit.includes(`failure causes:\n  api/hang GET: ${text}`), 'junit.xml: the failed error-rate criterion names the cause');
  });

  test('503 answers and reset connections are counted apart, most frequent first, summing to the failed requests', { timeout: 60_000 }, async () => {
    const r = await run('/flaky');
    const [e] = r.summary.loadcert.endpoints;
    const failures = e.failures ?? [];
    assert.equal(failures.length, 2, JSON.stringify(failures));
    const causes = failures.map((f) => f.cause).sort();
    assert.equal(causes[1], 'status 503');
    assert.match(causes[0], /^(ECONNRESET|LC_HTTP_CLOSED)$/);
    assert.equal(failures[0].cause, 'status 503', 'most frequent first (2 of 3 requests)');
    assert.equal(failures.reduce((a, f) => a + f.count, 0), r.summary.metrics.http_req_failed.values.passes, 'every failed request has its cause');
    const line = failures.map((f) => `${f.cause} ${f.count}`).join(', ');
    assert.ok((r.stdout + r.stderr).includes(`failed: ${line}`), r.stdout);
    assert.ok(r.md.includes(md(line)), r.md);
    assert.ok(r.html.includes(`<td class="causes">${line}</td>`));
  });
});
