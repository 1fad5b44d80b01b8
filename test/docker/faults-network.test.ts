// network.drop and network.reset with real nftables rules: the cut port stops answering (drop: silence,
// reset: a TCP reset), every other port keeps answering, and undo removes the table. On the host, and in
// a container's own network namespace (the host's same port is untouched there). Needs root and nft.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { FAULT_ACTIONS } from '../../src/faults/actions/index.ts';
import type { FaultActionName } from '../../src/contracts/fault-types.ts';
import { listEntries } from '../../src/faults/ledger.ts';
import { removeQuietly, requireEngine } from './engine.ts';
import { nftTables, probe, runSmall, serveScript } from './fault-helpers.ts';
import { eventually, faultCtx, privateLedger } from '../unit/faults/helpers.ts';

const signal = new AbortController().signal;

async function serve(): Promise<{ port: number; close: () => Promise<void> }> {
  const srv = http.createServer((_q, s) => s.end('ok'));
  await new Promise<void>((r) => srv.listen(0, '127.0.0.1', r));
  return { port: (srv.address() as AddressInfo).port, close: () => new Promise((r) => { srv.closeAllConnections(); srv.close(() => r()); }) };
}

/** One GET over `agent` (a kept-alive connection opened before the fault): ok, timeout, or the error code. */
function viaAgent(agent: http.Agent, port: number): Promise<string> {
  return new Promise((resolve) => {
    const req = http.get({ host: '127.0.0.1', port, path: '/', agent, timeout: 1000 }, (res) => { res.resume(); res.on('end', () => resolve('ok')); });
    req.on('timeout', () => { resolve('timeout'); req.destroy(); });
    req.on('error', (err: NodeJS.ErrnoException) => resolve(err.code ?? 'error'));
  });
}

function cut(action: FaultActionName, port: number, target?: string) {
  return FAULT_ACTIONS[action]!({ at: '1s', duration: '10s', action, port, ...(target ? { target } : {}) },
    faultCtx({ containers: target ? [target] : [], dockerSocket: process.env.DOCKER_HOST }));
}

const ours = (tables: string[]) => tables.filter((t) => t.startsWith('loadcert_faults_'));

for (const [action, expected] of [['network.drop', 'timeout'], ['network.reset', /^(reset|refused)$/]] as const) {
  test(`${action} on the host: port cut, another port untouched, table removed by undo`, async (t) => {
    const dir = privateLedger();
    const a = await serve();
    const b = await serve();
    t.after(async () => { await a.close(); await b.close(); });
    assert.equal(await probe(a.port), 'ok');
    const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
    t.after(() => agent.destroy());
    assert.equal(await viaAgent(agent, a.port), 'ok', 'a connection opened before the fault');
    const f = cut(action, a.port);
    assert.equal(f.target, `port ${a.port} on the host`);
    await f.apply(signal);
    const entries = listEntries(dir).entries;
    const table = entries[0]?.kind === 'nft' ? entries[0].table : '';
    try {
      assert.equal(entries.length, 1, 'one effect recorded');
      assert.ok((await nftTables()).includes(table), `table ${table} added`);
      if (typeof expected === 'string') assert.equal(await probe(a.port, { timeoutMs: 1000 }), expected);
      else assert.match(await probe(a.port), expected);
      assert.equal(await probe(b.port), 'ok', "loadcert's traffic to another port still flows");
      assert.notEqual(await viaAgent(agent, a.port), 'ok', 'the connection opened before the fault is cut too');
    } finally {
      await f.undo!(signal);
    }
    assert.ok(!(await nftTables()).includes(table), 'undo removed the table');
    assert.deepEqual(listEntries(dir).entries, []);
    assert.equal(await probe(a.port), 'ok');
  });
}

test("network.drop in a container's namespace: its port is cut, its other port and the host's same port are not", async (t) => {
  const docker = await requireEngine(t);
  if (!docker) return;
  privateLedger();
  const host = await serve();
  const other = host.port === 18081 ? 18082 : 18081;
  const c = await runSmall(docker, 'nft', { script: serveScript([host.port, other]) });
  t.after(async () => { await removeQuietly(docker, c.name); await host.close(); });
  assert.ok(await eventually(async () => (await probe(host.port, { nsPid: c.pid })) === 'ok', 10_000), 'the container serves');
  const f = cut('network.drop', host.port, c.name);
  assert.equal(f.target, `port ${host.port} in container ${c.name}`);
  await f.apply(signal);
  try {
    assert.equal(ours(await nftTables(c.pid)).length, 1, 'the table is in the container namespace');
    assert.equal(await probe(host.port, { nsPid: c.pid, timeoutMs: 1000 }), 'timeout');
    assert.equal(await probe(other, { nsPid: c.pid }), 'ok');
    assert.equal(await probe(host.port), 'ok', "the host's own server on the same port is untouched");
  } finally {
    await f.undo!(signal);
  }
  assert.deepEqual(ours(await nftTables(c.pid)), []);
  assert.equal(await probe(host.port, { nsPid: c.pid }), 'ok');
});
