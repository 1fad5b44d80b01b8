// The ledger and `faults clear` without Docker: an entry of a dead owner is undone (a really stopped
// process continues) and removed; one of a running owner is left to it unless forced; an effect already
// gone is reported as such; a damaged file is reported, never thrown.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { once } from 'node:events';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { clearLedger } from '../../../src/faults/clear.ts';
import { listEntries, newEntryId, processStartTicks, recordEntry, selfOwner, type LedgerEntry, type LedgerOwner } from '../../../src/faults/ledger.ts';
import { runFaultsCommand } from '../../../src/cli/faults-command.ts';
import { eventually, privateLedger, procState, sleeper } from './helpers.ts';

/** An owner that is certainly dead: a child that has exited. */
async function deadOwner(): Promise<LedgerOwner> {
  const c = sleeper('loadcert-dead-owner');
  await eventually(() => processStartTicks(c.pid!) !== undefined, 5000);
  const owner = { pid: c.pid!, startTicks: processStartTicks(c.pid!)! };
  c.kill('SIGKILL');
  await once(c, 'exit');
  return owner;
}

function freezeEntry(owner: LedgerOwner, pid: number): LedgerEntry {
  return { kind: 'process.freeze', pid, startTicks: processStartTicks(pid)!, name: 'p', id: newEntryId(), fault: 'f', owner, recordedAt: Date.now(), what: `frozen process ${pid}` };
}

test('faults clear: a dead owner\'s frozen process is continued, a live owner\'s entry is left unless forced', async (t) => {
  const dir = privateLedger();
  const victim = sleeper('loadcert-clear-victim');
  t.after(() => victim.kill('SIGKILL'));
  await eventually(() => procState(victim.pid!) !== undefined, 5000);
  process.kill(victim.pid!, 'SIGSTOP');
  assert.ok(await eventually(() => procState(victim.pid!) === 'T', 5000));
  const dead = freezeEntry(await deadOwner(), victim.pid!);
  const live = freezeEntry(selfOwner(), victim.pid!);
  recordEntry(dead);
  recordEntry(live);
  const out: string[] = [];
  assert.equal(await runFaultsCommand(['clear'], { out: (s) => void out.push(s), err: (s) => void out.push(s) }), 0, out.join('\n'));
  assert.ok(await eventually(() => procState(victim.pid!) !== 'T', 5000), 'the process continues');
  assert.deepEqual(listEntries(dir).entries.map((e) => e.id), [live.id], 'the live owner\'s entry stays');
  assert.match(out.join('\n'), /undone: sent SIGCONT to frozen process \d+ \(fault f\)/);
  assert.match(out.join('\n'), /skipped: .*still runs/);
  const forced = await clearLedger({ force: true });
  assert.deepEqual(forced.results.map((r) => r.status), ['undone']);
  assert.deepEqual(listEntries(dir).entries, []);
});

test('faults clear: an effect whose process is gone is "gone"; a damaged entry is reported and exits 1', async () => {
  const dir = privateLedger();
  const c = sleeper('loadcert-clear-gone');
  await eventually(() => procState(c.pid!) !== undefined, 5000);
  const e = freezeEntry(await deadOwner(), c.pid!);
  c.kill('SIGKILL');
  await once(c, 'exit');
  recordEntry(e);
  const r = await clearLedger();
  assert.deepEqual(r.results.map((x) => x.status), ['gone']);
  writeFileSync(path.join(dir, 'broken.json'), '{ not json');
  const err: string[] = [];
  assert.equal(await runFaultsCommand(['clear'], { out: () => {}, err: (s) => void err.push(s) }), 1);
  assert.match(err.join('\n'), /unreadable ledger entry .*broken\.json/);
  await import('node:fs').then((fs) => fs.rmSync(path.join(dir, 'broken.json')));
});

test('faults: usage errors exit 104', async () => {
  assert.equal(await runFaultsCommand([], { out: () => {}, err: () => {} }), 104);
  assert.equal(await runFaultsCommand(['wipe'], { out: () => {}, err: () => {} }), 104);
});

test('faults: --help, the main help and README document `loadcert faults clear` and the ledger', async () => {
  const { MAIN_HELP } = await import('../../../src/cli/help.ts');
  const { readFileSync } = await import('node:fs');
  const out: string[] = [];
  assert.equal(await runFaultsCommand(['--help'], { out: (s) => void out.push(s), err: () => {} }), 0);
  assert.match(out.join('\n'), /Usage: loadcert faults clear \[--force\]/);
  assert.match(out.join('\n'), /LOADCERT_FAULT_LEDGER/);
  assert.match(MAIN_HELP, /loadcert faults clear/);
  const readme = readFileSync(new URL('../../../README.md', import.meta.url), 'utf8');
  for (const s of ['## Fault actions', 'loadcert faults clear', 'LOADCERT_FAULT_LEDGER', 'network.drop', 'process.freeze']) assert.ok(readme.includes(s), `README: ${s}`);
});
