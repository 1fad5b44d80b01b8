// Undoing one ledger entry from what the entry alone records: used by the owner's exit hook, the watcher
// of a dead owner and `loadcert faults clear`.
import { dockerFor, engineMessage, isNotFound } from './docker-client.ts';
import { processStartTicks, type LedgerEntry } from './ledger.ts';
import { netnsAlive, runNetTool } from './netns.ts';
import { deleteTable } from './nft.ts';

/** undone: the effect was reverted now; gone: nothing was left to revert (table, namespace, container or process gone, or already reverted). */
export interface UndoOutcome {
  readonly status: 'undone' | 'gone';
  /** What happened, in words. */
  readonly message: string;
}

/** Reverts the entry's effect; rejects (with the reason) when it is still in place and could not be reverted. Never touches the ledger file. */
export async function undoEntry(e: LedgerEntry, signal?: AbortSignal): Promise<UndoOutcome> {
  switch (e.kind) {
    case 'nft': {
      if (e.netns && !netnsAlive(e.netns)) return { status: 'gone', message: `${e.what}: its network namespace is gone, and the table with it` };
      const r = await deleteTable(e.table, e.netns, signal);
      return r === 'deleted' ? { status: 'undone', message: `deleted ${e.what}` } : { status: 'gone', message: `${e.what}: already absent` };
    }
    case 'tc': {
      if (e.netns && !netnsAlive(e.netns)) return { status: 'gone', message: `${e.what}: its network namespace is gone, and the qdisc with it` };
      let removed = 0;
      for (const dev of e.devices) {
        // Only our own root (prio, handle 1:) is removed: a device whose apply failed keeps what it had.
        const shown = await runNetTool('tc', ['qdisc', 'show', 'dev', dev, 'root'], e.netns, undefined, signal);
        if (!/^qdisc prio 1: root/m.test(shown.stdout)) continue;
        const r = await runNetTool('tc', ['qdisc', 'del', 'dev', dev, 'root'], e.netns, undefined, signal);
        if (r.code === 0) removed++;
        else if (!/No such file|Cannot find device|Invalid handle|Cannot delete qdisc with handle of zero/i.test(r.stderr)) throw new Error(`tc could not remove the root qdisc of ${dev}: ${r.stderr}`);
      }
      return removed ? { status: 'undone', message: `removed ${e.what}` } : { status: 'gone', message: `${e.what}: already absent` };
    }
    case 'process.freeze': {
      if (processStartTicks(e.pid) !== e.startTicks) return { status: 'gone', message: `${e.what}: the process is gone` };
      process.kill(e.pid, 'SIGCONT');
      return { status: 'undone', message: `sent SIGCONT to ${e.what}` };
    }
    default:
      return undoContainer(e, signal);
  }
}

async function undoContainer(e: Extract<LedgerEntry, { engine: unknown }>, signal?: AbortSignal): Promise<UndoOutcome> {
  const c = dockerFor(e.engine).getContainer(e.container);
  let info;
  try {
    info = await c.inspect({ abortSignal: signal } as object);
  } catch (err) {
    if (isNotFound(err)) return { status: 'gone', message: `${e.what}: the container no longer exists` };
    throw new Error(`cannot reach the Docker engine at ${e.engine.label} to undo ${e.what}: ${engineMessage(err)}`);
  }
  try {
    if (e.kind === 'container.pause') {
      if (!info.State.Paused) return { status: 'gone', message: `${e.what}: not paused any more` };
      await c.unpause({ abortSignal: signal } as object);
      return { status: 'undone', message: `unpaused ${e.what}` };
    }
    if (e.kind === 'container.stop') {
      if (info.State.Running) return { status: 'gone', message: `${e.what}: already running again` };
      await c.start({ abortSignal: signal } as object);
      return { status: 'undone', message: `started ${e.what}` };
    }
    const on = new Set(Object.keys(info.NetworkSettings?.Networks ?? {}));
    const docker = dockerFor(e.engine);
    const back: string[] = [];
    for (const n of e.networks) {
      if (on.has(n.name)) continue;
      await docker.getNetwork(n.id).connect({
        Container: info.Id,
        EndpointConfig: { ...(n.aliases?.length ? { Aliases: n.aliases } : {}), ...(n.ipv4 ? { IPAMConfig: { IPv4Address: n.ipv4 } } : {}) },
      } as object);
      back.push(n.name);
    }
    return back.length
      ? { status: 'undone', message: `reconnected ${e.what} to ${back.join(', ')}` }
      : { status: 'gone', message: `${e.what}: already connected again` };
  } catch (err) {
    throw new Error(`could not undo ${e.what}: ${engineMessage(err)}`);
  }
}
