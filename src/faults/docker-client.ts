// A dockerode client for the fault actions and their cleanup, from a recorded engine address.
import Docker from 'dockerode';
import type { EngineRef } from './ledger.ts';

/** How long one engine call of a fault action may take, ms (a stop waits for the container's own grace first). */
export const ENGINE_TIMEOUT_MS = 30_000;

/** A dockerode client for `engine`. */
export function dockerFor(engine: EngineRef): Docker {
  return new Docker(engine.socketPath
    ? { socketPath: engine.socketPath, timeout: ENGINE_TIMEOUT_MS }
    : { host: engine.host, port: engine.port, protocol: 'http', timeout: ENGINE_TIMEOUT_MS });
}

/** True for a dockerode error meaning "no such container" (or network): the sampler's rule. */
export { isNotFound } from '../resources/docker-container.ts';

/** The engine's message of a dockerode error (its JSON `message`), else the error's own. */
export function engineMessage(err: unknown): string {
  const e = err as { json?: { message?: string }; message?: string; statusCode?: number };
  const m = e?.json?.message ?? e?.message ?? String(err);
  return e?.statusCode ? `${m} (HTTP ${e.statusCode})` : m;
}
