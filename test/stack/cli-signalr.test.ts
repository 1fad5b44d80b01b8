// loadcert's SignalR engine against the real ASP.NET Core hub through `loadcert run`: WebSockets,
// Server-Sent Events and Long Polling, JSON and MessagePack; a connection without a valid token is
// rejected and counted as an auth error. Skipped until the runner registers the 'signalr' engine.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { requireStack, ROOT, skipUnlessStack } from './stack-env.ts';

const skip = skipUnlessStack();
const SCENARIO = path.join(ROOT, 'test', 'stack', 'fixtures', 'stack-signalr.ts');

interface Criterion {
  metric: string;
  ok: boolean;
  observed: number | null;
}

function runHub(env: Record<string, string>): Promise<{ code: number; output: string; criteria: Criterion[] }> {
  const s = requireStack();
  const out = mkdtempSync(path.join(tmpdir(), 'loadcert-hub-'));
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [path.join(ROOT, 'bin', 'loadcert.mjs'), 'run', SCENARIO, '--base-url', s.baseUrl, '--out', out],
      { cwd: ROOT, timeout: 60_000, env: { ...process.env, API_TOKEN: s.token, ...env } },
      (err, stdout, stderr) => {
        const file = path.join(out, 'summary.json');
        const criteria = existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')).thresholds as Criterion[]) : [];
        rmSync(out, { recursive: true, force: true });
        resolve({ code: err ? Number((err as { code?: number }).code ?? 1) : 0, output: stdout + stderr, criteria });
      },
    );
  });
}

describe('loadcert SignalR engine against the real hub', { skip }, () => {
  const combos: [string, string][] = [
    ['webSockets', 'json'],
    ['webSockets', 'messagepack'],
    ['serverSentEvents', 'json'],
    ['longPolling', 'json'],
    ['longPolling', 'messagepack'],
  ];
  for (const [transport, protocol] of combos) {
    test(`${transport} with ${protocol}: broadcasts received and measured, no errors (exit 0)`, async () => {
      const r = await runHub({ HUB_TRANSPORT: transport, HUB_PROTOCOL: protocol });
      assert.equal(r.code, 0, r.output);
      const latency = r.criteria.find((c) => c.metric === 'signalr_broadcast_latency');
      assert.ok(latency?.ok && typeof latency.observed === 'number', JSON.stringify(latency));
      const received = r.criteria.find((c) => c.metric === 'signalr_messages_received');
      assert.ok((received?.observed ?? 0) > 0, JSON.stringify(received));
    });
  }

  test('connections without a valid token are rejected and counted as errors (exit 99)', async () => {
    for (const token of ['none', 'wrong-token']) {
      const r = await runHub({ API_TOKEN: token, HUB_USERS: '3', HUB_DURATION: '2s', HUB_EXPECT_REJECTED: '1' });
      assert.equal(r.code, 99, r.output);
      const errors = r.criteria.find((c) => c.metric === 'signalr_errors{cause:auth}');
      assert.ok((errors?.observed ?? 0) >= 3, `every rejected connection counted with cause auth: ${JSON.stringify(errors)}`);
      assert.match(r.output, /auth|401|Unauthorized/i);
    }
  });
});
