// What the WebSocket and SignalR engines take from the scenario's http options: its TLS settings.
import type { ClientTls } from '../http/tls-context.ts';

/** The scenario's http.tls (resolved once, as the HTTP client's) and the file a workload's own http.tls paths are relative to. */
export interface SessionTlsDefaults {
  readonly tls?: ClientTls;
  readonly scenarioFile?: string;
}
