// The stack's load balancer as the tests see it: start one (scripts/stack/balancer.sh) over chosen replica
// ports, read each server's state from HAProxy's admin socket, remove it afterwards.
import { connect } from 'node:net';
import path from 'node:path';
import { stackScript } from './stack-env.ts';

/** Folder holding the balancers' config, PID file and admin socket (scripts/stack/lib.sh STACK_STATE). */
export const BALANCER_DIR = path.join(process.env.LOADCERT_STACK_STATE ?? '/tmp/loadcert-stack', 'balancer');

/** A balancer started by a test. */
export interface TestBalancer {
  name: string;
  url: string;
  /** Each server's state by its name in the config (api-1, api-2, ...): 'UP', 'DOWN', 'no check', ... */
  states(): Promise<Record<string, string>>;
  stop(): Promise<void>;
}

/** Runs `show stat` on a HAProxy admin socket and returns its CSV text. */
export function showStat(socketPath: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    const s = connect(socketPath, () => s.end('show stat\n'));
    s.setTimeout(5000, () => s.destroy(new Error(`no answer from ${socketPath}`)));
    s.on('data', (c: Buffer) => chunks.push(c));
    s.on('error', reject);
    s.on('close', () => resolve(Buffer.concat(chunks).toString('utf8')));
  });
}

/** The `status` column of each server row of `show stat` (header `# pxname,svname,...,status,...`). */
export function serverStates(csv: string): Record<string, string> {
  const lines = csv.split('\n').filter((l) => l.trim() !== '');
  const header = lines[0]?.replace(/^# /, '').split(',') ?? [];
  const sv = header.indexOf('svname');
  const st = header.indexOf('status');
  const out: Record<string, string> = {};
  for (const line of lines.slice(1)) {
    const cols = line.split(',');
    if (cols[sv] && cols[sv] !== 'FRONTEND' && cols[sv] !== 'BACKEND') out[cols[sv]] = cols[st];
  }
  return out;
}

/** Starts balancer `name` on 127.0.0.1:`port` over the replica ports (api-1, api-2, ... in that order). */
export async function startBalancer(name: string, port: number, backends: number[], checks = true): Promise<TestBalancer> {
  await stackScript('balancer.sh', ['start', name, String(port), ...(checks ? [] : ['--no-check']), ...backends.map(String)]);
  return {
    name,
    url: `http://127.0.0.1:${port}`,
    states: async () => serverStates(await showStat(path.join(BALANCER_DIR, `${name}.sock`))),
    stop: async () => {
      await stackScript('balancer.sh', ['stop', name]);
    },
  };
}
