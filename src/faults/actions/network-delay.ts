// network.delay: added latency, jitter and loss on one TCP port's traffic with tc netem, in the host's
// namespace (device lo: loadcert's load goes to loopback) or a declared container's (every device).
// Needs the kernel's netem qdisc: support is probed once, in a throwaway network namespace, when the fault
// is prepared; without it the fault is refused (104). Kernels without netem (this project's CI machine)
// cannot exercise the apply path: it follows the tc-prio/u32 recipe of tc(8) and is untested here.
import { spawnSync } from 'node:child_process';
import { parseDuration } from '../../contracts/duration.ts';
import type { FaultDefinition } from '../../contracts/fault-types.ts';
import type { FaultActionContext, FaultActionFactory } from '../action.ts';
import type { LedgerEntry, NetnsRef } from '../ledger.ts';
import { runNetTool } from '../netns.ts';
import { faultConfigError, requireContainer, requireDuration } from './declared.ts';
import { containerNetns, requirePort } from './network-nft.ts';
import { applyTracked, undoTracked } from './tracked.ts';

let probed: string | undefined | null = null;

/** Why netem cannot be used here, or undefined when it can: `unshare --net tc qdisc add dev lo root netem delay 1ms` in a new, empty namespace (nothing of the host is touched). */
export function netemUnavailable(): string | undefined {
  if (probed !== null) return probed;
  const r = spawnSync('unshare', ['--net', 'tc', 'qdisc', 'add', 'dev', 'lo', 'root', 'netem', 'delay', '1ms'], { encoding: 'utf8', timeout: 5000 });
  if (r.error) probed = `unshare/tc cannot run (${r.error.message}; Debian: apt-get install iproute2 util-linux)`;
  else if (r.status !== 0) probed = `the kernel has no netem qdisc (tc answered: ${r.stderr.trim() || `exit ${r.status}`})`;
  else probed = undefined;
  return probed;
}

function ms(def: FaultDefinition, ctx: FaultActionContext, field: 'delay' | 'jitter'): number | undefined {
  const v = def[field];
  if (v === undefined) return undefined;
  const n = parseDuration(v);
  if (!Number.isFinite(n)) throw faultConfigError(ctx, field, `"${String(v)}" is not a duration`, "write e.g. '200ms'");
  return n;
}

/** The netem arguments of the fault (delay [jitter] [loss %]); 104 when it asks for nothing. */
function netemArgs(def: FaultDefinition, ctx: FaultActionContext): string[] {
  const delay = ms(def, ctx, 'delay');
  const jitter = ms(def, ctx, 'jitter');
  const loss = def.loss;
  if (loss !== undefined && (typeof loss !== 'number' || !(loss >= 0 && loss <= 100))) throw faultConfigError(ctx, 'loss', `${JSON.stringify(loss)} is not a percentage`, 'give a number from 0 to 100');
  if (!delay && !loss) throw faultConfigError(ctx, 'delay', 'network.delay needs a delay or a loss', "add delay: '200ms' (and jitter: '50ms', loss: 1 if wanted)");
  if (jitter && !delay) throw faultConfigError(ctx, 'jitter', 'jitter needs a delay', "add delay: '200ms'");
  return [...(delay ? ['delay', `${delay}ms`, ...(jitter ? [`${jitter}ms`] : [])] : []), ...(loss ? ['loss', `${loss}%`] : [])];
}

/** tc batch lines: a prio root qdisc sending every packet to band 1:1, netem on band 1:3, and u32 filters moving the port's packets (IPv4 and IPv6, either direction) there. */
function tcBatch(dev: string, port: number, netem: string[]): string {
  const lines = [`qdisc add dev ${dev} root handle 1: prio bands 3 priomap 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0`, `qdisc add dev ${dev} parent 1:3 handle 30: netem ${netem.join(' ')}`];
  for (const dir of ['sport', 'dport']) {
    lines.push(`filter add dev ${dev} protocol ip parent 1: prio 1 u32 match ip ${dir} ${port} 0xffff flowid 1:3`);
    lines.push(`filter add dev ${dev} protocol ipv6 parent 1: prio 2 u32 match ip6 ${dir} ${port} 0xffff flowid 1:3`);
  }
  return `${lines.join('\n')}\n`;
}

/** network.delay's factory. */
export const networkDelay: FaultActionFactory = (def, ctx) => {
  requireDuration(def, ctx);
  const port = requirePort(def, ctx);
  const container = def.target !== undefined ? requireContainer(def, ctx) : undefined;
  const netem = netemArgs(def, ctx);
  const why = netemUnavailable();
  if (why) throw faultConfigError(ctx, 'action', `network.delay cannot run on this machine: ${why}`, 'run it on a host whose kernel has sch_netem (most production kernels do), or add latency another way: process.freeze (SIGSTOP/SIGCONT) or the system\'s own fault switch (an http fault)');
  const where = container ? `in container ${container}` : 'on the host (lo)';
  let entry: LedgerEntry | undefined;
  return {
    target: `port ${port} ${where}`,
    async apply(signal) {
      let netns: NetnsRef | undefined;
      let devices = ['lo'];
      if (container) {
        netns = await containerNetns(ctx, container, signal, 'to delay traffic in');
        const links = await runNetTool('ip', ['-o', 'link', 'show'], netns, undefined, signal);
        devices = [...links.stdout.matchAll(/^\d+:\s+([^:@\s]+)/gm)].map((m) => m[1]);
      }
      entry = await applyTracked(ctx.name, `tc netem (${netem.join(' ')}) on port ${port} ${where}`, { kind: 'tc', devices, ...(netns ? { netns } : {}) }, async () => {
        for (const dev of devices) {
          const r = await runNetTool('tc', ['-batch', '-'], netns, tcBatch(dev, port, netem), signal);
          if (r.code !== 0) throw new Error(`tc could not add netem on ${dev}: ${r.stderr}`);
        }
      });
    },
    async undo(signal) {
      if (entry) await undoTracked(entry, signal);
    },
  };
};
