// Runs the segments as a Swarm service through the Engine API (dockerode): creates it, polls its tasks
// until every slot ended or the time bound passed, and always removes the service.
import type Docker from 'dockerode';
import { setTimeout as sleep } from 'node:timers/promises';
import { ExitCode, LoadcertError } from '../../contracts/errors.ts';
import { swarmServiceSpec, SWARM_CONFIG_MOUNT, SWARM_RESULTS_MOUNT, type SwarmPlan } from './service-spec.ts';
import { segmentDir } from '../segment-command.ts';

/** Task states after which a task never runs again. */
const TERMINAL = new Set(['complete', 'failed', 'shutdown', 'rejected', 'orphaned', 'remove']);

/** How one slot's task ended. */
export interface TaskEnd {
  readonly slot: number;
  readonly state: string;
  readonly exitCode?: number;
  readonly error?: string;
  /** Last lines of the task's output when it failed (read from its container on this node, if there). */
  readonly logTail?: string;
}

/** Options of runSwarmService. */
export interface SwarmServiceOptions {
  readonly docker: Docker;
  readonly plan: Omit<SwarmPlan, 'hostNetworkId'>;
  /** Give up (LC_SWARM_TIMEOUT, exit 1) when the tasks have not all ended by then (ms from creation). */
  readonly timeoutMs: number;
  readonly pollMs?: number;
  readonly log: (line: string) => void;
  /** Aborting removes the service at once (its tasks get SIGTERM and write what they have). */
  readonly signal?: AbortSignal;
}

interface ApiTask {
  Slot?: number;
  Status?: { State?: string; Err?: string; ContainerStatus?: { ExitCode?: number; ContainerID?: string } };
}

/** Checks that DOCKER_HOST's engine is a swarm manager; LC_SWARM_INACTIVE (exit 1) otherwise. */
export async function checkSwarmManager(docker: Docker): Promise<void> {
  const info = await docker.info() as { Swarm?: { LocalNodeState?: string; ControlAvailable?: boolean } };
  if (info.Swarm?.LocalNodeState !== 'active' || !info.Swarm.ControlAvailable)
    throw new LoadcertError('LC_SWARM_INACTIVE', `the Docker engine at ${process.env.DOCKER_HOST ?? 'the default socket'} is not a swarm manager (swarm state: ${info.Swarm?.LocalNodeState ?? 'unknown'}); fix: run 'docker swarm init' there, or point DOCKER_HOST at a manager`, ExitCode.UNEXPECTED);
}

/** Id of the engine's `host` network (what `--network host` resolves to). */
async function hostNetworkId(docker: Docker): Promise<string> {
  const nets = await docker.listNetworks({ filters: { name: ['host'] } });
  const host = nets.find((n) => n.Name === 'host');
  if (!host) throw new LoadcertError('LC_SWARM_NO_HOST_NETWORK', 'the Docker engine has no "host" network; loadcert segments need host networking', ExitCode.UNEXPECTED);
  return host.Id;
}

/** Text of a non-TTY container's log buffer (frames of an 8-byte header, then the chunk). */
function demux(buf: Buffer): string {
  const parts: string[] = [];
  for (let i = 0; i + 8 <= buf.length;) { const len = buf.readUInt32BE(i + 4); parts.push(buf.subarray(i + 8, i + 8 + len).toString('utf8')); i += 8 + len; }
  return parts.join('');
}

async function logTail(docker: Docker, containerId: string | undefined): Promise<string | undefined> {
  if (!containerId) return undefined;
  try {
    return demux(await docker.getContainer(containerId).logs({ stdout: true, stderr: true, tail: 30, follow: false }) as unknown as Buffer);
  } catch { return undefined; }
}

/**
 * Runs `loadcert merge /results/segment-1.. --out /results/merged` in a container of the same image with
 * the same mounts (the merge reads the scenario at the path the segments ran it from, as the k8s merge
 * Job does), copies its stdout/stderr to `out`/`err`, removes it and returns its exit code.
 */
export async function runMergeContainer(docker: Docker, plan: Omit<SwarmPlan, 'hostNetworkId'>, out: NodeJS.WritableStream, err: NodeJS.WritableStream): Promise<number> {
  const dirs = Array.from({ length: plan.replicas }, (_, i) => segmentDir(SWARM_RESULTS_MOUNT, i + 1));
  const container = await docker.createContainer({
    name: `${plan.name}-merge`,
    Image: plan.image,
    Cmd: ['loadcert', 'merge', ...dirs, '--out', `${SWARM_RESULTS_MOUNT}/merged`, ...(plan.hasThresholds ? ['--thresholds', `${SWARM_CONFIG_MOUNT}/thresholds.json`] : [])],
    WorkingDir: '/app',
    Labels: { 'loadcert.run': plan.name },
    HostConfig: { NetworkMode: 'host', Binds: [`${plan.resultsDir}:${SWARM_RESULTS_MOUNT}`, `${plan.configDir}:${SWARM_CONFIG_MOUNT}:ro`] },
  });
  try {
    await container.start();
    const { StatusCode } = await container.wait() as { StatusCode: number };
    out.write(demux(await container.logs({ stdout: true, follow: false }) as unknown as Buffer));
    err.write(demux(await container.logs({ stderr: true, follow: false }) as unknown as Buffer));
    return StatusCode;
  } finally {
    await container.remove({ force: true }).catch(() => {});
  }
}

/**
 * Creates the service, waits until each of the N slots has a task in a terminal state, removes the
 * service and returns how each slot ended (ordered by slot). Throws LC_SWARM_TIMEOUT past the bound.
 */
export async function runSwarmService(o: SwarmServiceOptions): Promise<TaskEnd[]> {
  await checkSwarmManager(o.docker);
  const spec = swarmServiceSpec({ ...o.plan, hostNetworkId: await hostNetworkId(o.docker) });
  const service = await o.docker.createService(spec as Docker.CreateServiceOptions);
  const deadline = Date.now() + o.timeoutMs;
  o.log(`swarm: service ${o.plan.name} created (${o.plan.replicas} tasks, load starts at ${new Date(o.plan.startAt).toISOString()})`);
  let last = '';
  try {
    for (;;) {
      if (o.signal?.aborted) throw new LoadcertError('LC_SWARM_INTERRUPTED', 'stopped from outside: the service was removed', ExitCode.INTERRUPTED);
      const tasks = await o.docker.listTasks({ filters: { service: [service.id] } }) as ApiTask[];
      const bySlot = new Map<number, ApiTask>();
      for (const t of tasks) if (t.Slot !== undefined) bySlot.set(t.Slot, t); // restart-condition none: one task per slot
      const states = [...bySlot.values()].map((t) => t.Status?.State ?? 'unknown');
      const line = Object.entries(states.reduce<Record<string, number>>((m, s) => ((m[s] = (m[s] ?? 0) + 1), m), {})).map(([s, c]) => `${c} ${s}`).join(', ');
      if (line !== last) { o.log(`swarm: tasks ${line || 'not scheduled yet'}`); last = line; }
      if (bySlot.size >= o.plan.replicas && states.every((s) => TERMINAL.has(s))) {
        const ends: TaskEnd[] = [];
        for (const [slot, t] of [...bySlot].sort((a, b) => a[0] - b[0])) {
          const state = t.Status?.State ?? 'unknown';
          const exitCode = t.Status?.ContainerStatus?.ExitCode;
          const failed = state !== 'complete';
          ends.push({ slot, state, exitCode, error: t.Status?.Err, logTail: failed ? await logTail(o.docker, t.Status?.ContainerStatus?.ContainerID) : undefined });
        }
        return ends;
      }
      if (Date.now() > deadline) throw new LoadcertError('LC_SWARM_TIMEOUT', `the tasks of service ${o.plan.name} did not all end within ${Math.round(o.timeoutMs / 1000)} s (${line}); fix: raise --timeout or look at 'docker service ps ${o.plan.name}'`, ExitCode.UNEXPECTED);
      await sleep(o.pollMs ?? 1000, undefined, { signal: o.signal }).catch(() => {});
    }
  } finally {
    await service.remove().catch((err: Error) => o.log(`swarm: could not remove service ${o.plan.name}: ${err.message}`));
  }
}
