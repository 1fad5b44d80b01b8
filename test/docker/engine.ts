// Shared setup of the docker tests: find the engine through DOCKER_HOST, skip (or fail under
// LOADCERT_REQUIRE_DOCKER=1) when it is unreachable, and run demo-target containers that are always removed.
import net from 'node:net';
import type { TestContext } from 'node:test';
import Docker from 'dockerode';
import { request } from 'undici';

/** Image built by `scripts/docker-engine.sh up`. */
export const IMAGE = process.env.LOADCERT_DEMO_IMAGE ?? 'loadcert-demo-target:local';
/** Memory limit of every test container (as `--memory 256m`). */
export const MEMORY_LIMIT = 256 * 1024 * 1024;
/** Name prefix of every test container (leftovers of a killed run are removed by name). */
export const PREFIX = 'loadcert-test-';

const HOW = 'start one with: eval "$(scripts/docker-engine.sh up)"';

/** Why the engine cannot be used, or undefined when it can (pings it and checks the demo image). */
async function unavailable(): Promise<string | undefined> {
  const host = process.env.DOCKER_HOST;
  if (!host?.startsWith('unix://')) return `DOCKER_HOST is ${host ? `"${host}", not a unix:// socket` : 'not set'}: ${HOW}`;
  const docker = new Docker({ socketPath: host.slice('unix://'.length), timeout: 3000 });
  try {
    await docker.ping();
  } catch (err) {
    return `Docker engine at ${host} is unreachable (${(err as Error).message}): ${HOW}`;
  }
  try {
    await docker.getImage(IMAGE).inspect();
  } catch {
    return `image ${IMAGE} is missing on ${host}: ${HOW}`;
  }
  return undefined;
}

let checked: Promise<string | undefined> | undefined;

/** The engine client; fails the test when LOADCERT_REQUIRE_DOCKER=1 and the engine is unusable, else skips it (returns undefined). */
export async function requireEngine(t: TestContext): Promise<Docker | undefined> {
  const why = await (checked ??= unavailable());
  if (why) {
    if (process.env.LOADCERT_REQUIRE_DOCKER === '1' || process.env.CI === 'true') throw new Error(`LOADCERT_REQUIRE_DOCKER=1 or CI=true, but ${why}`);
    t.skip(`outside CI only: ${why}`);
    return undefined;
  }
  return new Docker({ socketPath: process.env.DOCKER_HOST!.slice('unix://'.length) });
}

/** A free loopback TCP port (the containers use host networking). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const port = (srv.address() as net.AddressInfo).port;
      srv.close(() => resolve(port));
    });
  });
}

/** A running demo-target container. */
export interface TargetContainer {
  readonly name: string;
  readonly port: number;
  readonly url: string;
  readonly container: Docker.Container;
}

/** Runs the demo target as `docker run --network host --memory 256m [--restart on-failure:N]` and waits for /health. */
export async function runTarget(docker: Docker, suffix: string, opts: { restartRetries?: number } = {}): Promise<TargetContainer> {
  const name = `${PREFIX}${suffix}-${process.pid}`;
  await removeQuietly(docker, name);
  const port = await freePort();
  const container = await docker.createContainer({
    name,
    Image: IMAGE,
    Cmd: ['/usr/bin/node', '--import', 'tsx', 'src/target/main.ts', '--port', String(port)],
    HostConfig: {
      NetworkMode: 'host',
      Memory: MEMORY_LIMIT,
      RestartPolicy: opts.restartRetries ? { Name: 'on-failure', MaximumRetryCount: opts.restartRetries } : { Name: 'no' },
    },
  });
  await container.start();
  const url = `http://127.0.0.1:${port}`;
  if (!(await waitHealthy(url, 30_000))) {
    const logs = await container.logs({ stdout: true, stderr: true, tail: 20 }).catch(() => '');
    throw new Error(`container ${name} did not answer ${url}/health within 30 s; logs:\n${String(logs)}`);
  }
  return { name, port, url, container };
}

/** Polls GET /health until it answers 2xx or `timeoutMs` passes. */
export async function waitHealthy(url: string, timeoutMs: number): Promise<boolean> {
  const end = Date.now() + timeoutMs;
  while (Date.now() < end) {
    try {
      const res = await request(`${url}/health`, { headersTimeout: 2000, bodyTimeout: 2000 });
      await res.body.dump();
      if (res.statusCode < 300) return true;
    } catch { /* not up yet */ }
    await new Promise((r) => setTimeout(r, 250));
  }
  return false;
}

/** Force-removes a container by name or id; ignores "no such container". */
export async function removeQuietly(docker: Docker, nameOrId: string): Promise<void> {
  await docker.getContainer(nameOrId).remove({ force: true }).catch(() => {});
}

/** POST to the demo target's admin API; network errors (the target crashing) are ignored. */
export async function adminPost(url: string, path: string): Promise<number | undefined> {
  try {
    const res = await request(`${url}${path}`, { method: 'POST', headersTimeout: 10_000, bodyTimeout: 10_000 });
    await res.body.dump();
    return res.statusCode;
  } catch {
    return undefined;
  }
}
