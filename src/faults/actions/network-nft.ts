// network.drop and network.reset: an nftables table of our own cutting one TCP port's traffic (both
// directions) for `duration`, in the host's network namespace or in a declared container's (entered with
// nsenter through the container's PID from the engine). Traffic to or from any other port is untouched.
import { spawnSync } from 'node:child_process';
import type { FaultDefinition } from '../../contracts/fault-types.ts';
import { resolveEngine } from '../../resources/docker-engine.ts';
import type { FaultActionContext, FaultActionFactory } from '../action.ts';
import { dockerFor, engineMessage } from '../docker-client.ts';
import { newEntryId, type LedgerEntry, type NetnsRef } from '../ledger.ts';
import { netnsOf } from '../netns.ts';
import { TABLE_PREFIX, addTable, type NftVerdict } from '../nft.ts';
import { faultConfigError, requireContainer, requireDuration } from './declared.ts';
import { applyTracked, undoTracked } from './tracked.ts';

/** The fault's `port` (1..65535); 104 otherwise. */
export function requirePort(def: FaultDefinition, ctx: FaultActionContext): number {
  const p = def.port;
  if (p === undefined) throw faultConfigError(ctx, 'port', `${def.action} needs the TCP port whose traffic it cuts`, 'add port: 5432 (the port the server listens on)');
  if (!Number.isInteger(p) || p < 1 || p > 65535) throw faultConfigError(ctx, 'port', `${JSON.stringify(p)} is not a TCP port`, 'give a whole number from 1 to 65535');
  return p;
}

let nftChecked: string | undefined | null = null;

/** Why nft cannot run here (not installed), or undefined when it can; checked once per process. */
function nftMissing(): string | undefined {
  if (nftChecked !== null) return nftChecked;
  const r = spawnSync('nft', ['--version'], { encoding: 'utf8', timeout: 5000 });
  nftChecked = r.error ? `nft cannot run (${r.error.message})` : r.status !== 0 ? `nft --version failed: ${r.stderr.trim()}` : undefined;
  return nftChecked;
}

/** The namespace of a declared container (its main process's), read from the engine at apply time; `purpose` ends the not-running message. */
export async function containerNetns(ctx: FaultActionContext, name: string, signal: AbortSignal, purpose = 'to cut port traffic in'): Promise<NetnsRef> {
  const engine = resolveEngine(ctx.dockerSocket);
  let pid: number;
  try {
    const info = await dockerFor(engine).getContainer(name).inspect({ abortSignal: signal } as object);
    pid = info.State.Running ? info.State.Pid : 0;
  } catch (err) {
    throw new Error(`container ${name} on ${engine.label}: ${engineMessage(err)}`);
  }
  if (!pid) throw new Error(`container ${name} is not running: it has no network namespace ${purpose}`);
  const ns = netnsOf(pid);
  if (!ns) throw new Error(`cannot read the network namespace of container ${name} (/proc/${pid}/ns/net): loadcert must run on the engine's host, as root`);
  return ns;
}

function factory(verdict: NftVerdict): FaultActionFactory {
  return (def, ctx) => {
    requireDuration(def, ctx);
    const port = requirePort(def, ctx);
    const container = def.target !== undefined ? requireContainer(def, ctx) : undefined;
    const missing = nftMissing();
    if (missing) throw faultConfigError(ctx, 'action', `${def.action} needs nftables: ${missing}`, 'install it (Debian: apt-get install nftables) and run loadcert as root (CAP_NET_ADMIN)');
    const where = container ? `in container ${container}` : 'on the host';
    let entry: LedgerEntry | undefined;
    return {
      target: `port ${port} ${where}`,
      async apply(signal) {
        const netns = container ? await containerNetns(ctx, container, signal) : undefined;
        const table = `${TABLE_PREFIX}${newEntryId()}`;
        entry = await applyTracked(ctx.name, `nft table inet ${table} (${verdict} tcp port ${port}) ${where}`, { kind: 'nft', table, ...(netns ? { netns } : {}) },
          () => addTable(table, port, verdict, netns, signal));
      },
      async undo(signal) {
        if (entry) await undoTracked(entry, signal);
      },
    };
  };
}

/** The nftables actions' factories, by action name. */
export const NFT_ACTIONS = {
  'network.drop': factory('drop'),
  'network.reset': factory('reset'),
} satisfies Record<string, FaultActionFactory>;
