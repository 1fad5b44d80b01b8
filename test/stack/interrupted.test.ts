// loadcert's own stop is not the system's failure: 50 SignalR users over long polling with MessagePack
// against the real ASP.NET Core hub, with the hub route slowed (300 ms per request) so that sends are in
// flight when the run ends. A real `loadcert run`; the run must be CERTIFIED with no signalr_errors and
// no failed invocation; what loadcert's stop cut is counted only in interrupted_operations.
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { authed, requireStack, ROOT, skipUnlessStack } from './stack-env.ts';
import type { RunSummary } from '../../src/contracts/summary-types.ts';

const skip = skipUnlessStack();
const SCENARIO = path.join(ROOT, 'test', 'stack', 'fixtures', 'stack-signalr.ts');

interface HubRun {
  code: number;
  output: string;
  summary: RunSummary;
  /** Whole-run count of every series in timeseries.ndjson. */
  series: Map<string, number>;
}

function sumSeries(dir: string): Map<string, number> {
  const out = new Map<string, number>();
  for (const line of readFileSync(path.join(dir, 'timeseries.ndjson'), 'utf8').split('\n')) {
    if (!line) continue;
    for (const [k, v] of Object.entries((JSON.parse(line) as { series: Record<string, { count?: number; fails?: number }> }).series))
      if (typeof v.count === 'number') out.set(k, (out.get(k) ?? 0) + v.count);
  }
  return out;
}

function runHub(env: Record<string, string>): Promise<HubRun> {
  const s = requireStack();
  const out = mkdtempSync(path.join(tmpdir(), 'loadcert-interrupted-'));
  return new Promise((resolve, reject) => {
    execFile(
      process.execPath,
      [path.join(ROOT, 'bin', 'loadcert.mjs'), 'run', SCENARIO, '--base-url', s.baseUrl, '--out', out],
      { cwd: ROOT, timeout: 90_000, env: { ...process.env, API_TOKEN: s.token, HUB_TRANSPORT: 'longPolling', HUB_PROTOCOL: 'messagepack', HUB_USERS: '50', ...env } },
      (err, stdout, stderr) => {
        const file = path.join(out, 'summary.json');
        if (!existsSync(file)) return reject(new Error(`no summary.json: ${stdout}${stderr}`));
        const summary = JSON.parse(readFileSync(file, 'utf8')) as RunSummary;
        const series = sumSeries(out);
        rmSync(out, { recursive: true, force: true });
        resolve({ code: err ? Number((err as { code?: number }).code ?? 1) : 0, output: stdout + stderr, summary, series });
      },
    );
  });
}

function interrupted(r: HubRun, op: string): number {
  return r.series.get(`interrupted_operations{op:${op},protocol:signalr,scenario:collaboration}`) ?? 0;
}

async function setFaults(body: object): Promise<void> {
  const res = await authed(requireStack(), '/__admin/faults', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  assert.equal(res.status, 200, await res.text());
}

function assertCertifiedWithoutErrors(r: HubRun): void {
  assert.equal(r.code, 0, r.output);
  assert.equal(r.summary.loadcert.verdict, 'CERTIFIED');
  assert.equal(r.summary.metrics.signalr_errors?.values.count, 0, `no SignalR error: ${r.output}`);
  assert.equal(r.summary.metrics.signalr_invoke_failed?.values.rate, 0, 'no failed invocation');
  assert.doesNotMatch(r.output, /SignalR invoke error/);
  const errors = r.summary.thresholds.find((t) => t.metric === 'signalr_errors')!;
  assert.ok(errors.ok, JSON.stringify(errors));
  assert.doesNotMatch(errors.label, /negotiate/, 'the label names SignalR errors, not one cause');
}

describe('loadcert stop cuts over long polling + MessagePack (and every other transport) are not errors of the system', { skip, timeout: 600_000 }, () => {
  before(async () => { await setFaults({ latencyMs: 300, latencyRoute: '/hubs/documents' }); });
  after(async () => { await setFaults({ latencyMs: 0, latencyRoute: '/api' }); });

  test('graceful stop waits for sends in flight: CERTIFIED, no invoke error, nothing cut', { timeout: 100_000 }, async () => {
    const r = await runHub({ HUB_DURATION: '4s' });
    assertCertifiedWithoutErrors(r);
    assert.ok((r.series.get('signalr_messages_sent') ?? 0) > 100, 'sends happened');
    assert.equal(interrupted(r, 'send') + interrupted(r, 'invoke'), 0, 'a graceful stop lets in-flight sends finish');
  });

  for (const [transport, protocol] of [['webSockets', 'json'], ['webSockets', 'messagepack'], ['serverSentEvents', 'json'], ['longPolling', 'json']]) {
    test(`${transport} with ${protocol}, gracefulStop 0s: whatever the stop cuts is no error, CERTIFIED`, { timeout: 100_000 }, async () => {
      const r = await runHub({ HUB_DURATION: '3s', HUB_GRACEFUL_STOP: '0s', HUB_TRANSPORT: transport, HUB_PROTOCOL: protocol });
      assertCertifiedWithoutErrors(r);
    });
  }

  test('gracefulStop 0s cuts sends in flight: counted in interrupted_operations only, still CERTIFIED', { timeout: 100_000 }, async () => {
    const r = await runHub({ HUB_DURATION: '4s', HUB_GRACEFUL_STOP: '0s' });
    assertCertifiedWithoutErrors(r);
    assert.ok(interrupted(r, 'send') + interrupted(r, 'invoke') > 0,
      `sends and invocations cut by the stop are recorded: ${JSON.stringify([...r.series].filter(([k]) => k.startsWith('interrupted')))}`);
  });
});
