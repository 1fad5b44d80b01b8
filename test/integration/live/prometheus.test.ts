// A real Prometheus (Debian's prometheus package) scrapes `loadcert run --metrics-port` during a run and
// answers queries on what it stored; promtool lints the exposition. Skips without it, fails in CI.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, execFile, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createDemoTarget } from '../../../src/target/server.ts';
import { startCli, tempOut, fixture } from '../../helpers/cli.ts';
import { freePort, skipUnless } from '../../helpers/services.ts';

const hasPrometheus = existsSync('/usr/bin/prometheus') && existsSync('/usr/bin/promtool');
type Target = Awaited<ReturnType<typeof createDemoTarget>>;
let target: Target;
before(async () => { target = await createDemoTarget({ port: 0 }); });
after(async () => { await target.close(); });

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

interface PromVector { metric: Record<string, string>; value: [number, string] }
async function query(base: string, q: string): Promise<PromVector[]> {
  const res = await fetch(`${base}/api/v1/query?query=${encodeURIComponent(q)}`);
  const body = (await res.json()) as { status: string; data: { result: PromVector[] } };
  assert.equal(body.status, 'success', JSON.stringify(body));
  return body.data.result;
}

test('Prometheus scrapes a real run: request counts by status, p95 by endpoint and probes of the generator are queryable; promtool finds no problem', { skip: skipUnless(hasPrometheus, 'prometheus (apt-get install prometheus)'), timeout: 120_000 }, async () => {
  const dir = mkdtempSync(join(tmpdir(), 'loadcert-prom-'));
  const [metricsPort, promPort] = [await freePort(), await freePort()];
  writeFileSync(join(dir, 'prometheus.yml'), `global:\n  scrape_interval: 1s\nscrape_configs:\n  - job_name: loadcert\n    scrape_interval: 1s\n    static_configs:\n      - targets: ['127.0.0.1:${metricsPort}']\n`);
  const prom: ChildProcess = spawn('prometheus', [`--config.file=${join(dir, 'prometheus.yml')}`, `--storage.tsdb.path=${join(dir, 'data')}`,
    `--web.listen-address=127.0.0.1:${promPort}`, '--log.level=warn'], { stdio: 'ignore' });
  const base = `http://127.0.0.1:${promPort}`;
  try {
    for (let i = 0; i < 80; i++) { if ((await fetch(`${base}/-/ready`).catch(() => undefined))?.status === 200) break; await sleep(250); }
    const { result } = startCli(['run', fixture('medium.ts'), '--base-url', target.url, '--out', tempOut(), '--metrics-port', String(metricsPort)]);
    // while the run goes on: lint one scrape with promtool, and wait until Prometheus holds samples (bounded)
    let text = '';
    for (let i = 0; i < 40 && !text.includes('loadcert_http_reqs_total'); i++) { await sleep(250); text = await (await fetch(`http://127.0.0.1:${metricsPort}/metrics`).catch(() => undefined))?.text() ?? ''; }
    const lint = await new Promise<{ code: number | null; out: string }>((resolve) => {
      const p = execFile('promtool', ['check', 'metrics'], (err, stdout, stderr) => resolve({ code: err ? (err as { code?: number }).code ?? 1 : 0, out: stdout + stderr }));
      p.stdin!.end(text);
    });
    assert.equal(lint.code, 0, `promtool check metrics: ${lint.out}`);
    let reqs: PromVector[] = [];
    for (let i = 0; i < 40; i++) {
      reqs = await query(base, 'sum by (status) (loadcert_http_reqs_total{job="loadcert"})');
      if (reqs.some((r) => Number(r.value[1]) >= 20)) break;
      await sleep(250);
    }
    assert.ok(reqs.some((r) => r.metric.status === '200' && Number(r.value[1]) >= 20), JSON.stringify(reqs));
    const p95 = await query(base, 'loadcert_http_req_duration_seconds{quantile="0.95",name="list"}');
    assert.equal(p95.length, 1, JSON.stringify(p95));
    assert.ok(Number(p95[0].value[1]) > 0);
    const count = await query(base, 'loadcert_http_req_duration_seconds_count{name="list"}');
    assert.ok(Number(count[0]?.value[1]) >= 20, JSON.stringify(count));
    assert.ok((await query(base, 'loadcert_generator_cpu_percent')).length === 1);
    const r = await result;
    assert.equal(r.code, 113, r.stderr);
  } finally {
    const exited = new Promise((r) => prom.once('exit', r));
    prom.kill('SIGTERM');
    await exited;
    rmSync(dir, { recursive: true, force: true });
  }
});
