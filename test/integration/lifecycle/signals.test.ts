// Signals always work, with real processes: SIGTERM and a second signal while scenario code blocks the
// event loop, loadcert's parent dying, and the demo target never outliving loadcert (even after SIGKILL).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, openSync, closeSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { BIN, ROOT, fixture, readSummary, startCli, tempOut } from '../../helpers/cli.ts';
import { DEMO_TARGET_PID, alive, gone, waitInFile } from './processes.ts';

const BLOCKING = /busy-exec: blocking the event loop now/;

test('SIGTERM while scenario code blocks the event loop: the guard exits 105, the demo target goes too', { timeout: 90_000 }, async () => {
  const out = tempOut();
  let sent = false;
  const { result } = startCli(['run', fixture('busy-exec.ts'), '--demo-target', '--out', out], (text, child) => {
    if (!sent && BLOCKING.test(text)) { sent = true; child.kill('SIGTERM'); }
  });
  const r = await result;
  assert.ok(sent, `the scenario never blocked:\n${r.stderr}`);
  assert.equal(r.code, 105, r.stderr);
  assert.match(r.stderr, /the event loop has been blocked for \d+ s after SIGTERM \(busy scenario code\?\); exiting now with code 105/);
  assert.ok(existsSync(join(out, 'timeseries.ndjson')), 'the seconds measured before the block are on disk');
  const pid = Number(r.stderr.match(DEMO_TARGET_PID)?.[1]);
  assert.ok(pid > 0, r.stderr);
  assert.ok(await gone(pid, 15_000), `demo target ${pid} outlived loadcert`);
});

test('a second signal while scenario code blocks the event loop exits 105 at once', { timeout: 90_000 }, async () => {
  let sent = 0;
  const { result } = startCli(['run', fixture('busy-exec.ts'), '--demo-target', '--out', tempOut()], (text, child) => {
    if (!sent && BLOCKING.test(text)) {
      sent = 1;
      child.kill('SIGINT');
      setTimeout(() => { sent = 2; child.kill('SIGINT'); }, 500);
    }
  });
  const r = await result;
  assert.equal(sent, 2, `both signals were sent:\n${r.stderr}`);
  assert.equal(r.code, 105, r.stderr);
  assert.match(r.stderr, /a second signal arrived while scenario code blocked the event loop; exiting now with code 105/);
  assert.doesNotMatch(r.stderr, /has been blocked for/, 'the second signal, not the blocked timer, ended it');
});

test('SIGKILL of loadcert: the demo target it started exits by itself', { timeout: 60_000 }, async () => {
  let pid = 0;
  const { result } = startCli(['run', fixture('long.ts'), '--demo-target', '--out', tempOut()], (text, child) => {
    const m = text.match(DEMO_TARGET_PID);
    if (!pid && m && /\[progress\]/.test(text)) { pid = Number(m[1]); child.kill('SIGKILL'); }
  });
  const r = await result;
  assert.ok(pid > 0, `no demo target pid in:\n${r.stderr}`);
  assert.equal(r.code, null, 'loadcert was killed');
  assert.ok(await gone(pid, 15_000), `demo target ${pid} outlived loadcert's SIGKILL`);
});

test('loadcert stops gracefully (results written, exit 105) when its parent process dies', { timeout: 90_000 }, async () => {
  const out = tempOut();
  const log = join(out, '..', `${out.split('/').pop()}.log`);
  const fd = openSync(log, 'w');
  // A parent that starts loadcert and then is SIGKILLed (as when `npm` or a CI step runner dies).
  const parent = spawn(process.execPath, ['-e', `
    const { spawn } = require('node:child_process');
    const c = spawn(process.execPath, ${JSON.stringify([BIN, 'run', fixture('long.ts'), '--demo-target', '--out', out])}, { cwd: ${JSON.stringify(ROOT)}, stdio: ['ignore', 3, 3] });
    console.log(c.pid);
    setInterval(() => {}, 1000);
  `], { stdio: ['ignore', 'pipe', 'inherit', fd] }); // the log file is the parent's fd 3
  closeSync(fd);
  try {
    const loadcertPid = Number(await new Promise<string>((resolve) => parent.stdout!.once('data', (d) => resolve(String(d)))));
    const targetPid = Number((await waitInFile(log, DEMO_TARGET_PID, 30_000))[1]);
    await waitInFile(log, /\[progress\]/, 30_000);
    parent.kill('SIGKILL');
    assert.ok(await gone(loadcertPid, 60_000), `loadcert ${loadcertPid} kept running after its parent died:\n${readFileSync(log, 'utf8')}`);
    assert.ok(await gone(targetPid, 15_000), `demo target ${targetPid} outlived loadcert`);
    const text = readFileSync(log, 'utf8');
    assert.match(text, new RegExp(`parent process ${parent.pid} is gone: stopping`));
    const s = readSummary(out);
    assert.equal(s.loadcert.status, 'aborted');
    assert.equal(s.loadcert.exitCode, 105);
    assert.ok(s.metrics.http_reqs.values.count > 0, 'what was measured is kept');
  } finally {
    if (alive(parent.pid!)) parent.kill('SIGKILL');
  }
});
