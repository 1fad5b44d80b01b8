import type { WorkloadEngine } from '../contracts/engine.ts';
import { createHttpEngine, type HttpEngineSettings } from '../protocols/http/engine.ts';
import { websocketEngine } from '../protocols/websocket/index.ts';
import { signalrEngine } from '../protocols/signalr/index.ts';

/** Every workload engine by its `protocol` name, configured with the scenario's HTTP settings. */
export function createEngines(http: HttpEngineSettings): ReadonlyMap<string, WorkloadEngine> {
  const engines: WorkloadEngine[] = [createHttpEngine(http) as WorkloadEngine, websocketEngine as WorkloadEngine, signalrEngine as WorkloadEngine];
  return new Map(engines.map((e) => [e.protocol, e]));
}
