import type { WorkloadEngine } from './engine-types.ts';
import { createHttpEngine, type HttpEngineSettings } from '../protocols/http/engine.ts';

/** Every workload engine by its `protocol` name, configured with the scenario's HTTP settings. */
export function createEngines(http: HttpEngineSettings): ReadonlyMap<string, WorkloadEngine> {
  const engines: WorkloadEngine[] = [createHttpEngine(http) as WorkloadEngine];
  return new Map(engines.map((e) => [e.protocol, e]));
}
