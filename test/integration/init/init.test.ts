// `loadcert init`: the generated project type-checks and is CERTIFIED against the demo target as it stands;
// flags give every answer, a terminal gets questions, nothing is overwritten without --force.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { runInitCommand } from '../../../src/init/command.ts';
import { BIN } from '../../helpers/cli.ts';
import { exec, linkLoadcert, runLoadcertUnlessSaturated, tempProject, typecheck } from '../../helpers/project.ts';
import { GITHUB_WORKFLOW } from '../../../src/init/ci-templates.ts';

/** Collects a command's output; `input` and `interactive` stand for a terminal. */
function io(input?: NodeJS.ReadableStream, interactive = false) {
  const text = { out: '', err: '' };
  return { input, interactive, text, out: (t: string) => { text.out += `${t}\n`; }, err: (t: string) => { text.err += `${t}\n`; } };
}

test('default project, no terminal: written without questions, passes tsc --noEmit and is CERTIFIED on the demo target', { timeout: 300_000 }, async () => {
  const dir = tempProject();
  const r = await exec(process.execPath, [BIN, 'init', dir], dir);
  assert.equal(r.code, 0, r.out);
  assert.doesNotMatch(r.out, /\?|\[/, 'asked nothing');
  for (const f of ['scenarios/release.ts', 'scenarios/smoke.ts', 'scenarios/package.json', 'thresholds.json', 'tsconfig.json', 'package.json', '.github/workflows/loadcert.yml'])
    assert.ok(existsSync(join(dir, f)), f);
  assert.equal(readFileSync(join(dir, '.github/workflows/loadcert.yml'), 'utf8'), GITHUB_WORKFLOW);
  const th = JSON.parse(readFileSync(join(dir, 'thresholds.json'), 'utf8'));
  assert.deepEqual(th.http_req_duration.map((e: { threshold: string; alert?: unknown }) => [e.threshold, Boolean(e.alert)]), [['p(95)<2000', false], ['p(95)<5000', true]]);
  assert.equal(th.http_reqs[0].threshold, 'sustained(30s)>=495');
  linkLoadcert(dir);
  const tsc = await typecheck(dir);
  assert.equal(tsc.code, 0, tsc.out);
  const run = await runLoadcertUnlessSaturated((n) => ['run', 'scenarios/smoke.ts', '--demo-target', '--out', `out${n}`, '--publish', 'history'], dir);
  const out = /Results: (\S+)/.exec(run.out)?.[1] ?? '';
  assert.equal(run.code, 0, run.out);
  assert.match(run.out, /Verdict: CERTIFIED/);
  assert.match(run.out, /published CERTIFIED run to history/);
  const index = readFileSync(join(dir, 'history', 'index.html'), 'utf8');
  const id = /href="runs\/([^"/]+)\/report\.html"/.exec(index)?.[1];
  assert.ok(id && existsSync(join(dir, 'history', 'runs', decodeURIComponent(id), 'report.html')), 'run --publish: the index links the copied report');
  const summary = JSON.parse(readFileSync(join(out, 'summary.json'), 'utf8'));
  assert.ok(summary.thresholds.some((t: { metric: string; status: string }) => t.metric.startsWith('signalr_invoke_duration') && t.status === 'met'), 'the SignalR criterion applied and was met');
  assert.ok(summary.thresholds.some((t: { metric: string; status: string }) => t.metric === 'ws_errors' && t.status === 'met'));
});

test('never overwrites: exit 104 naming every existing file, --force overwrites', async () => {
  const dir = tempProject();
  assert.equal(await runInitCommand([dir], io()), 0);
  writeFileSync(join(dir, 'thresholds.json'), '{"mine": true}');
  const second = io();
  assert.equal(await runInitCommand([dir], second), 104);
  assert.match(second.text.err, new RegExp(`${join(dir, 'thresholds.json').replace(/[.]/g, '\\.')}: exists`));
  assert.match(second.text.err, /scenarios\/release\.ts: exists/);
  assert.match(second.text.err, /--force/);
  assert.equal(readFileSync(join(dir, 'thresholds.json'), 'utf8'), '{"mine": true}', 'left as it was');
  assert.equal(await runInitCommand([dir, '--force'], io()), 0);
  assert.notEqual(readFileSync(join(dir, 'thresholds.json'), 'utf8'), '{"mine": true}');
});

test('flags give every answer (GitLab, containers, no real-time) and the result type-checks', { timeout: 60_000 }, async () => {
  const dir = tempProject();
  writeFileSync(join(dir, 'package.json'), '{"name":"mine","type":"module"}');
  const o = io();
  assert.equal(await runInitCommand([dir, '--name', 'checkout', '--base-url', 'http://127.0.0.1:9000', '--health', '/healthz,/ready', '--rate', '120',
    '--users', '0', '--signalr-hub', 'none', '--websocket', 'none', '--containers', 'api,db', '--ci', 'gitlab'], o), 0, o.text.err);
  assert.equal(readFileSync(join(dir, 'package.json'), 'utf8'), '{"name":"mine","type":"module"}', 'an own package.json is kept');
  assert.match(o.text.out, /kept .*package\.json/);
  const sc = readFileSync(join(dir, 'scenarios/checkout.ts'), 'utf8');
  for (const s of ["name: \"checkout\"", 'http://127.0.0.1:9000', '["/healthz","/ready"]', 'target: 120', 'containers: ["api","db"]']) assert.ok(sc.includes(s), s);
  assert.ok(!sc.includes("protocol: 'signalr'") && !sc.includes("protocol: 'websocket'"));
  assert.ok(existsSync(join(dir, '.gitlab-ci.yml')) && !existsSync(join(dir, '.github')));
  const th = JSON.parse(readFileSync(join(dir, 'thresholds.json'), 'utf8'));
  assert.equal(th.http_reqs[0].threshold, 'sustained(30s)>=118');
  assert.ok(th.container_memory_percent[0].alert && th.container_restarts.length === 2);
  assert.equal(th.signalr_errors, undefined);
  linkLoadcert(dir);
  const tsc = await typecheck(dir);
  assert.equal(tsc.code, 0, tsc.out);
});

test('on a terminal it asks, and Enter keeps the default', async () => {
  const dir = tempProject();
  const input = new PassThrough();
  input.end(['http://127.0.0.1:7000', '', '250', '40', 'none', '', 'web'].join('\n') + '\n');
  const o = io(input, true);
  assert.equal(await runInitCommand([dir, '--ci', 'none'], o), 0, o.text.err);
  const sc = readFileSync(join(dir, 'scenarios/release.ts'), 'utf8');
  for (const s of ['http://127.0.0.1:7000', '"/health","/health/detailed","/api/health"', 'target: 250', 'connections: 20', "path: \"/ws/echo\"", 'containers: ["web"]']) assert.ok(sc.includes(s), s);
  assert.ok(!sc.includes("protocol: 'signalr'"));
  assert.ok(!existsSync(join(dir, '.github')));
  assert.match(o.text.out, /Base URL of the system under test \[http:\/\/127\.0\.0\.1:8080\]:/);
  const asked = io(undefined, true);
  assert.equal(await runInitCommand([tempProject(), '--yes', '--ci', 'none'], asked), 0, '--yes asks nothing even on a terminal');
  assert.doesNotMatch(asked.text.out, /Base URL/);
});

test('bad answers: exit 104 naming every flag and a fix', async () => {
  const o = io();
  assert.equal(await runInitCommand([tempProject(), '--base-url', 'ftp://x', '--health', 'health', '--ci', 'jenkins', '--name', 'Bad Name'], o), 104);
  for (const f of ['--base-url', '--health', '--ci', '--name']) assert.ok(o.text.err.includes(f), f);
  assert.equal(await runInitCommand([tempProject(), '--rate', 'lots'], io()), 104);
});
