// `loadcert run --metrics-port`: a real run on the demo target serves its metrics while it runs; the text is
// parsed with a Prometheus text-format parser (npm parse-prometheus-text-format), not prom-client itself.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import parse, { type ParsedFamily } from 'parse-prometheus-text-format';
import { createDemoTarget } from '../../../src/target/server.ts';
import { startCli, runCli, tempOut, readSummary, fixture } from '../../helpers/cli.ts';
import { freePort } from '../../helpers/services.ts';

type Target = Awaited<ReturnType<typeof createDemoTarget>>;
let target: Target;
before(async () => { target = await createDemoTarget({ port: 0 }); });
after(async () => { await target.close(); });

const family = (fams: ParsedFamily[], name: string) => fams.find((f) => f.name === name);

test('during a real run /metrics serves counters, gauges and latency summaries with the run percentiles; it stops with the run', { timeout: 90_000 }, async () => {
  const out = tempOut();
  const port = await freePort();
  let url: string | undefined;
  const { result } = startCli(['run', fixture('medium.ts'), '--base-url', target.url, '--out', out, '--metrics-port', String(port)], (text) => {
    url ??= /metrics: (http:\/\/127\.0\.0\.1:\d+\/metrics)/.exec(text)?.[1];
  });
  // scrape while the load runs: wait until requests have been counted (bounded: 60 tries)
  let fams: ParsedFamily[] = [];
  for (let i = 0; i < 60; i++) {
    await new Promise((r) => setTimeout(r, 250));
    if (!url) continue;
    const res = await fetch(url).catch(() => undefined);
    if (!res) continue;
    assert.equal(res.status, 200);
    assert.match(res.headers.get('content-type') ?? '', /^text\/plain; version=0\.0\.4/);
    fams = parse(await res.text());
    const reqs = family(fams, 'loadcert_http_reqs_total');
    if (reqs && reqs.metrics.some((m) => Number(m.value) >= 20) && family(fams, 'loadcert_generator_cpu_percent') && family(fams, 'loadcert_vus')) break;
  }
  assert.equal(url, `http://127.0.0.1:${port}/metrics`);
  const reqs = family(fams, 'loadcert_http_reqs_total');
  assert.equal(reqs?.type, 'COUNTER');
  assert.ok(reqs!.metrics.some((m) => m.labels?.status === '200' && m.labels?.name === 'list' && Number(m.value) >= 20), JSON.stringify(reqs));
  // this parser folds a labelled summary into one sample (its quantiles kept): the labels and values of
  // summaries are checked through a real Prometheus in prometheus.test.ts
  const dur = family(fams, 'loadcert_http_req_duration_seconds');
  assert.equal(dur?.type, 'SUMMARY');
  const q = dur!.metrics[0].quantiles ?? {};
  assert.deepEqual(Object.keys(q).sort(), ['0.5', '0.9', '0.95', '0.99']);
  assert.ok(Number(q['0.5']) > 0 && Number(q['0.5']) <= Number(q['0.95']) && Number(q['0.95']) <= Number(q['0.99']), JSON.stringify(q));
  assert.equal(family(fams, 'loadcert_http_req_failed')?.type, 'GAUGE');
  assert.equal(family(fams, 'loadcert_vus')?.type, 'GAUGE');
  assert.equal(family(fams, 'loadcert_generator_cpu_percent')?.type, 'GAUGE');
  const r = await result;
  assert.equal(r.code, 113, r.stdout + r.stderr); // medium.ts has no criteria of its own
  assert.ok(readSummary(out).metrics.http_reqs.values.count >= 100);
  await assert.rejects(fetch(url!), 'the endpoint closes with the run');
});

test('--metrics-port with a bad value or a busy port is exit 104 naming the option', { timeout: 60_000 }, async () => {
  const bad = await runCli(['run', fixture('medium.ts'), '--base-url', target.url, '--metrics-port', 'abc']);
  assert.equal(bad.code, 104);
  assert.match(bad.stderr, /--metrics-port: "abc" is not a port number/);
  const busy = new URL(target.url).port;
  const r = await runCli(['run', fixture('medium.ts'), '--base-url', target.url, '--out', tempOut(), '--metrics-port', busy]);
  assert.equal(r.code, 104, r.stdout + r.stderr);
  assert.match(r.stderr, new RegExp(`--metrics-port: cannot listen on 127\\.0\\.0\\.1:${busy}: EADDRINUSE`));
});
