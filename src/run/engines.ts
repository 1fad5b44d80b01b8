import type { WorkloadEngine } from '../contracts/engine.ts';
import { createHttpEngine, type HttpEngineSettings } from '../protocols/http/engine.ts';
import { createWebSocketEngine } from '../protocols/websocket/index.ts';
import { createSignalREngine } from '../protocols/signalr/index.ts';
import { sharedScheduler } from '../protocols/sessions/tick-scheduler.ts';

/** Every workload engine by its `protocol` name, configured with the scenario's HTTP settings (WebSocket and SignalR take its http.tls). */
export function createEngines(http: HttpEngineSettings): ReadonlyMap<string, WorkloadEngine> {
  const tls = { tls: http.tls, scenarioFile: http.scenarioFile };
  const engines: WorkloadEngine[] = [createHttpEngine(http) as WorkloadEngine, createWebSocketEngine(sharedScheduler(), tls) as WorkloadEngine, createSignalREngine(sharedScheduler(), tls) as WorkloadEngine];
  return new Map(engines.map((e) => [e.protocol, e]));
}
