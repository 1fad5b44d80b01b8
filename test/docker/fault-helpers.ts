// Shared parts of the fault action tests on the real engine: small uniquely named containers, an HTTP
// probe run in the host's or a container's network namespace, and the nft tables present.
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import type Docker from 'dockerode';
import { IMAGE, PREFIX, removeQuietly } from './engine.ts';

const run = promisify(execFile);
const PROBE = new URL('../fixtures/faults/probe.mjs', import.meta.url).pathname;

/** A running container of the demo image. */
export interface SmallContainer {
  readonly name: string;
  readonly id: string;
  /** Its main process on the host. */
  readonly pid: number;
}

/** A node program that idles and exits on SIGTERM (as PID 1 it would otherwise ignore it, and every stop would wait for the engine's 10 s). */
const IDLE = "process.on('SIGTERM',()=>process.exit(0));setInterval(()=>{},1000)";

/** A node program serving 200 "ok" on 127.0.0.1 at each port, for `node -e`. */
export function serveScript(ports: number[]): string {
  return `${IDLE};const h=require('http');for(const p of ${JSON.stringify(ports)})h.createServer((q,s)=>s.end('ok')).listen(p,'127.0.0.1')`;
}

/** Runs `node -e script` in a container named loadcert-test-fault-<suffix>-<pid> (network `none` by default: its own namespace). */
export async function runSmall(docker: Docker, suffix: string, o: { script?: string; network?: string } = {}): Promise<SmallContainer> {
  const name = `${PREFIX}fault-${suffix}-${process.pid}`;
  await removeQuietly(docker, name);
  const c = await docker.createContainer({
    name, Image: IMAGE, Cmd: ['/usr/bin/node', '-e', o.script ?? IDLE],
    HostConfig: { NetworkMode: o.network ?? 'none', Memory: 128 * 1024 * 1024, RestartPolicy: { Name: 'no' } },
  });
  await c.start();
  const info = await c.inspect();
  return { name, id: info.Id, pid: info.State.Pid };
}

/** State of a container: running, paused. */
export async function stateOf(docker: Docker, name: string): Promise<{ running: boolean; paused: boolean; startedAt: string; networks: string[] }> {
  const i = await docker.getContainer(name).inspect();
  return { running: i.State.Running, paused: i.State.Paused, startedAt: i.State.StartedAt, networks: Object.keys(i.NetworkSettings.Networks ?? {}) };
}

/** One GET to 127.0.0.1:port from a new process in the host's namespace or `nsPid`'s: ok, timeout, reset, refused or error:... */
export async function probe(port: number, o: { nsPid?: number; timeoutMs?: number } = {}): Promise<string> {
  const args = [PROBE, String(port), String(o.timeoutMs ?? 1500)];
  const { stdout } = o.nsPid
    ? await run('nsenter', ['--target', String(o.nsPid), '--net', '--', process.execPath, ...args])
    : await run(process.execPath, args);
  return stdout.trim();
}

/** Names of the inet tables in the host's namespace or `nsPid`'s. */
export async function nftTables(nsPid?: number): Promise<string[]> {
  const { stdout } = nsPid ? await run('nsenter', ['--target', String(nsPid), '--net', '--', 'nft', 'list', 'tables']) : await run('nft', ['list', 'tables']);
  return [...stdout.matchAll(/^table inet (\S+)/gm)].map((m) => m[1]);
}
