// Container actions through the Docker Engine API: kill and restart (instant), stop then start, pause then
// unpause, disconnect from and reconnect to its networks. The target is a container of resources.docker.containers.
import type Docker from 'dockerode';
import type { FaultDefinition } from '../../contracts/fault-types.ts';
import { resolveEngine } from '../../resources/docker-engine.ts';
import type { FaultActionContext, FaultActionFactory } from '../action.ts';
import { dockerFor, engineMessage } from '../docker-client.ts';
import type { DisconnectedNetwork, EngineRef, LedgerEntry } from '../ledger.ts';
import { faultConfigError, requireContainer, requireDuration } from './declared.ts';
import { applyTracked, undoTracked } from './tracked.ts';

type Inspect = Awaited<ReturnType<Docker.Container['inspect']>>;

interface Prepared {
  readonly engine: EngineRef;
  readonly name: string;
  readonly docker: Docker;
}

function prepare(def: FaultDefinition, ctx: FaultActionContext): Prepared {
  const name = requireContainer(def, ctx);
  let engine: EngineRef;
  try {
    engine = resolveEngine(ctx.dockerSocket);
  } catch (err) {
    throw faultConfigError(ctx, 'target', (err as Error).message, 'set resources.docker.socket or DOCKER_HOST to the engine that runs the container');
  }
  return { engine, name, docker: dockerFor(engine) };
}

/** Inspects the container; rejects with the engine's words when it is missing or the engine unreachable. */
async function inspectRunning(p: Prepared, signal: AbortSignal): Promise<Inspect> {
  let info: Inspect;
  try {
    info = await p.docker.getContainer(p.name).inspect({ abortSignal: signal } as object);
  } catch (err) {
    throw new Error(`container ${p.name} on ${p.engine.label}: ${engineMessage(err)}`);
  }
  if (!info.State.Running || info.State.Paused) throw new Error(`container ${p.name} is ${info.State.Paused ? 'paused' : info.State.Status}, not running: nothing to apply the fault to`);
  return info;
}

/** Runs an engine call, turning its error into one that names the container. */
async function engine<T>(p: Prepared, what: string, call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (err) {
    throw new Error(`could not ${what} container ${p.name}: ${engineMessage(err)}`);
  }
}

/** An action with no undo: the engine call is the whole fault. */
function instant(verb: 'kill' | 'restart'): FaultActionFactory {
  return (def, ctx) => {
    const p = prepare(def, ctx);
    return {
      target: `container ${p.name}`,
      async apply(signal) {
        await inspectRunning(p, signal);
        const c = p.docker.getContainer(p.name);
        await engine(p, verb, () => verb === 'kill' ? c.kill({ signal: 'SIGKILL', abortSignal: signal } as object) : c.restart({ abortSignal: signal } as object));
      },
    };
  };
}

/** An action the ledger tracks until `undo` reverts it. */
function tracked(kind: 'container.stop' | 'container.pause', verb: 'stop' | 'pause'): FaultActionFactory {
  return (def, ctx) => {
    requireDuration(def, ctx);
    const p = prepare(def, ctx);
    let entry: LedgerEntry | undefined;
    return {
      target: `container ${p.name}`,
      async apply(signal) {
        const info = await inspectRunning(p, signal);
        const c = p.docker.getContainer(info.Id);
        entry = await applyTracked(ctx.name, `${verb === 'stop' ? 'stopped' : 'paused'} container ${p.name}`, { kind, engine: p.engine, container: info.Id, name: p.name },
          () => engine(p, verb, () => verb === 'stop' ? c.stop({ abortSignal: signal } as object) : c.pause({ abortSignal: signal } as object)));
      },
      async undo(signal) {
        if (entry) await undoTracked(entry, signal);
      },
    };
  };
}

/** The networks to cut: `network` when given (it must be one the container is on), else all; host/none cannot be cut. */
function networksToCut(p: Prepared, info: Inspect, wanted: string | undefined): DisconnectedNetwork[] {
  const nets = Object.entries(info.NetworkSettings?.Networks ?? {}) as [string, Docker.NetworkInfo & { Aliases?: string[]; IPAMConfig?: { IPv4Address?: string } | null }][];
  const cuttable = nets.filter(([n]) => n !== 'host' && n !== 'none');
  const chosen = wanted ? cuttable.filter(([n, e]) => n === wanted || e.NetworkID === wanted) : cuttable;
  if (!chosen.length) {
    const on = nets.map(([n]) => n).join(', ') || 'no network';
    throw new Error(wanted
      ? `container ${p.name} is not on network "${wanted}" (it is on ${on})`
      : `container ${p.name} is on ${on}: host and none networking cannot be disconnected (cut one port with network.drop instead)`);
  }
  return chosen.map(([n, e]) => ({
    id: e.NetworkID, name: n,
    ...(e.Aliases?.length ? { aliases: e.Aliases.filter((a: string) => !info.Id.startsWith(a)) } : {}),
    ...(e.IPAMConfig?.IPv4Address ? { ipv4: e.IPAMConfig.IPv4Address } : {}),
  }));
}

/** container.disconnect: cut from `network` (or every network it is on) for `duration`, then reconnected. */
const disconnect: FaultActionFactory = (def, ctx) => {
  requireDuration(def, ctx);
  const p = prepare(def, ctx);
  let entry: LedgerEntry | undefined;
  return {
    target: `container ${p.name}${def.network ? ` (network ${def.network})` : ''}`,
    async apply(signal) {
      const info = await inspectRunning(p, signal);
      const networks = networksToCut(p, info, def.network);
      entry = await applyTracked(ctx.name, `container ${p.name} disconnected from ${networks.map((n) => n.name).join(', ')}`,
        { kind: 'container.disconnect', engine: p.engine, container: info.Id, name: p.name, networks },
        async () => {
          for (const n of networks)
            await engine(p, `disconnect (network ${n.name})`, () => p.docker.getNetwork(n.id).disconnect({ Container: info.Id, Force: false, abortSignal: signal } as object));
        });
    },
    async undo(signal) {
      if (entry) await undoTracked(entry, signal);
    },
  };
};

/** The container actions' factories, by action name. */
export const CONTAINER_ACTIONS = {
  'container.kill': instant('kill'),
  'container.restart': instant('restart'),
  'container.stop': tracked('container.stop', 'stop'),
  'container.pause': tracked('container.pause', 'pause'),
  'container.disconnect': disconnect,
} satisfies Record<string, FaultActionFactory>;
