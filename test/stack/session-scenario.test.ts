// The session workload of scenarios/enterprise-docs.ts through loadcert against the real stack: it
// certifies over the 302 to the login page, the form login's cookie and compressed JSON; with redirects
// off (ED_MAX_REDIRECTS=0) or without the cookie jar (ED_COOKIE_JAR=off) it is NOT CERTIFIED, each on
// the criteria of the stage that needs what was switched off, and on nothing else.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { RunSummary } from 'loadcert';
import { requireStack, ROOT, skipUnlessStack } from './stack-env.ts';

const SCENARIO = path.join(ROOT, 'test', 'stack', 'fixtures', 'stack-session.ts');
const REDIRECT = 'checks{scenario:session,step:redirect}';
const LOGIN = 'checks{scenario:session,step:login}';
const DOCUMENTS = 'checks{scenario:session,step:documents}';
const FAILED = 'http_req_failed{scenario:session}';

/** Runs the session fixture with extra environment; returns the exit code, output and summary. */
async function runSession(extra: Record<string, string>): Promise<{ code: number; output: string; summary: RunSummary }> {
  const s = requireStack();
  const out = mkdtempSync(path.join(tmpdir(), 'loadcert-ed-session-'));
  const env = { ...process.env, BASE_URL: s.baseUrl, ED_RAMP: '1s', ED_HOLD: '4s', ED_SESSION_RATE: '4', ...extra };
  const { code, output } = await new Promise<{ code: number; output: string }>((resolve) => {
    execFile(process.execPath, [path.join(ROOT, 'bin', 'loadcert.mjs'), 'run', SCENARIO, '--out', out], { cwd: ROOT, timeout: 90_000, env },
      (err, stdout, stderr) => resolve({ code: err ? Number((err as { code?: number }).code ?? 1) : 0, output: stdout + stderr }));
  });
  assert.ok(code === 0 || code === 99, `exit ${code}\n${output}`);
  return { code, output, summary: JSON.parse(readFileSync(path.join(out, 'summary.json'), 'utf8')) as RunSummary };
}

/** Criterion status by metric key. */
function statuses(summary: RunSummary): Record<string, string | undefined> {
  return Object.fromEntries(summary.thresholds.map((t) => [t.metric, t.status]));
}

test('the session workload certifies over the login redirect, the cookie and compressed JSON', { skip: skipUnlessStack(), timeout: 120_000 }, async () => {
  const { code, output, summary } = await runSession({});
  assert.equal(code, 0, output);
  assert.equal(summary.loadcert.verdict, 'CERTIFIED');
  for (const m of [REDIRECT, LOGIN, DOCUMENTS]) {
    const t = summary.thresholds.find((x) => x.metric === m);
    assert.ok(t && t.status === 'met' && t.observed === 1, `${m}: ${JSON.stringify(t)}`);
  }
  assert.equal(summary.thresholds.find((x) => x.metric === FAILED)?.observed, 0);
});

test('with redirects off the session fails on the redirect and login stages only', { skip: skipUnlessStack(), timeout: 120_000 }, async () => {
  const { code, output, summary } = await runSession({ ED_MAX_REDIRECTS: '0' });
  assert.equal(code, 99, output);
  assert.equal(summary.loadcert.verdict, 'NOT CERTIFIED');
  const st = statuses(summary);
  // the 302s are the final answers: nothing reaches the login page or returns to the documents, but
  // the cookie the login set is sent, so the documents read itself passes; a 3xx is no HTTP failure (k6)
  assert.equal(st[REDIRECT], 'failed');
  assert.equal(st[LOGIN], 'failed');
  assert.equal(st[DOCUMENTS], 'met');
  assert.equal(st[FAILED], 'met');
  assert.equal(st.iteration_errors, 'met');
});

test('without the cookie jar the session fails on the login and documents stages only', { skip: skipUnlessStack(), timeout: 120_000 }, async () => {
  const { code, output, summary } = await runSession({ ED_COOKIE_JAR: 'off' });
  assert.equal(code, 99, output);
  assert.equal(summary.loadcert.verdict, 'NOT CERTIFIED');
  const st = statuses(summary);
  // the anonymous redirect needs no cookie; after the login every session request is redirected to
  // the login page again, because the cookie is never sent
  assert.equal(st[REDIRECT], 'met');
  assert.equal(st[LOGIN], 'failed');
  assert.equal(st[DOCUMENTS], 'failed');
  assert.equal(st[FAILED], 'met');
  assert.equal(st.iteration_errors, 'met');
});
