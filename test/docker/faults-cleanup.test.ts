// The cleanup guarantees, with a real nft rule and a really paused container held by a child process:
// SIGKILL (the watcher undoes both), SIGTERM without a handler (the watcher), process.exit (the exit hook,
// synchronously), and leftovers of a process whose watcher died too (`loadcert faults clear`).
import { test, type TestContext } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { createInterface } from 'node:readline';
import type Docker from 'dockerode';
import { listEntries } from '../../src/faults/ledger.ts';
import { runFaultsCommand } from '../../src/cli/faults-command.ts';
import { removeQuietly, requireEngine } from './engine.ts';
import { nftTables, runSmall, stateOf } from './fault-helpers.ts';
import { eventually, privateLedger } from '../unit/faults/helpers.ts';

const FIXTURE = new URL('../fixtures/faults/hold-faults.ts', import.meta.url).pathname;
/** How long the watcher may take to undo after its owner died: it polls every 100 ms, but it may still be starting
 * (node + tsx, about 0.8 s of CPU) when the owner dies, on a machine 8 sessions share. */
const WATCHER_BOUND_MS = 30_000;

interface Held {
  readonly child: ChildProcess;
  /** Resolves when the child has exited (listened to from its start). */
  readonly exited: Promise<unknown>;
  readonly watcher: number;
  readonly container: string;
  readonly docker: Docker;
  readonly dir: string;
  readonly port: number;
  /** The nft table the child added (from its ledger entry). */
  readonly table: string;
}

/** A child that applies network.drop on a host port and container.pause on a fresh container, then waits in `mode`. */
async function hold(t: TestContext, suffix: string, mode: string): Promise<Held | undefined> {
  const docker = await requireEngine(t);
  if (!docker) return undefined;
  const dir = privateLedger();
  const srv = http.createServer((_q, s) => s.end('ok'));
  await new Promise<void>((r) => srv.listen(0, '127.0.0.1', r));
  const port = (srv.address() as AddressInfo).port;
  const c = await runSmall(docker, `cleanup-${suffix}`);
  const spec = {
    faults: {
      cut: { at: '1s', duration: '10m', action: 'network.drop', port },
      freeze: { at: '1s', duration: '10m', action: 'container.pause', target: c.name },
    },
    containers: [c.name],
  };
  const child = spawn(process.execPath, ['--import', 'tsx', FIXTURE, JSON.stringify(spec), mode], { stdio: ['ignore', 'pipe', 'inherit'], env: process.env });
  const exited = once(child, 'exit');
  t.after(async () => {
    child.kill('SIGKILL');
    srv.close();
    await removeQuietly(docker, c.name);
  });
  const lines = createInterface({ input: child.stdout! });
  let ready: { pid: number; watcher: number; tables: string[] } | undefined;
  for await (const line of lines) {
    if (line.startsWith('READY ')) { ready = JSON.parse(line.slice(6)); break; }
  }
  assert.ok(ready, 'the child applied its faults');
  assert.ok(ready.watcher > 0, 'a watcher runs');
  assert.equal(ready.tables.length, 1, 'the nft table is recorded');
  return { child, exited, watcher: ready.watcher, container: c.name, docker, dir, port, table: ready.tables[0] };
}

/** What is left, in words (for failure messages). */
async function left(h: Held): Promise<string> {
  return `table present ${(await nftTables()).includes(h.table)}, paused ${(await stateOf(h.docker, h.container)).paused}, ledger ${JSON.stringify(listEntries(h.dir))}`;
}

/** True once neither the nft table nor the pause is left, and the ledger is empty. */
async function clean(h: Held): Promise<boolean> {
  return !(await nftTables()).includes(h.table) && !(await stateOf(h.docker, h.container)).paused && listEntries(h.dir).entries.length === 0;
}

test('SIGKILL of the process holding an nft rule and a paused container: the watcher undoes both', async (t) => {
  const h = await hold(t, 'kill', 'hang');
  if (!h) return;
  assert.ok((await nftTables()).includes(h.table), 'the rule is in place');
  assert.equal((await stateOf(h.docker, h.container)).paused, true, 'the container is paused');
  assert.equal(listEntries(h.dir).entries.length, 2);
  h.child.kill('SIGKILL');
  await h.exited;
  assert.ok(await eventually(() => clean(h), WATCHER_BOUND_MS), `left after ${WATCHER_BOUND_MS} ms: ${await left(h)}`);
});

test('SIGTERM with no handler (default action, no exit hook): the watcher undoes both', async (t) => {
  const h = await hold(t, 'term', 'hang');
  if (!h) return;
  h.child.kill('SIGTERM');
  await h.exited;
  assert.ok(await eventually(() => clean(h), WATCHER_BOUND_MS), `left after ${WATCHER_BOUND_MS} ms: ${await left(h)}`);
});

test('process.exit with effects applied and no watcher: the exit hook undoes them before the process is gone', async (t) => {
  const h = await hold(t, 'exit', 'exit');
  if (!h) return;
  await h.exited;
  assert.ok(await clean(h), `left the moment the process has exited: ${await left(h)}`);
});

test('leftovers of a process killed with its watcher: `loadcert faults clear` undoes them and says so', async (t) => {
  const h = await hold(t, 'clear', 'hang');
  if (!h) return;
  process.kill(h.watcher, 'SIGKILL');
  h.child.kill('SIGKILL');
  await h.exited;
  assert.ok((await nftTables()).includes(h.table), 'the rule is still there (nobody was left to undo it)');
  assert.equal((await stateOf(h.docker, h.container)).paused, true);
  const out: string[] = [];
  const code = await runFaultsCommand(['clear'], { out: (s) => void out.push(s), err: (s) => void out.push(s) });
  assert.equal(code, 0, out.join('\n'));
  assert.ok(await clean(h), 'faults clear removed both');
  assert.equal(out.filter((l) => l.startsWith('undone: ')).length, 2, out.join('\n'));
  assert.match(out.at(-1)!, /2 undone/);
  const again: string[] = [];
  assert.equal(await runFaultsCommand(['clear'], { out: (s) => void again.push(s), err: () => {} }), 0);
  assert.match(again.join('\n'), /nothing recorded/);
});
