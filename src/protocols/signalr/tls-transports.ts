// The transports of a SignalR connection to an https: hub with the run's TLS settings (http.tls): the
// negotiate/long-polling HttpClient, the WebSocket constructor and the EventSource constructor the
// @microsoft/signalr client accepts, all from one ClientTls (the HTTP client's), so every request trusts the same.
import { createRequire } from 'node:module';
import { connect as tlsConnect, type ConnectionOptions } from 'node:tls';
import WebSocket from 'ws';
import type { IHttpConnectionOptions } from '@microsoft/signalr';
import { tlsConnectOptions, tlsFailureCode, type ClientTls } from '../http/tls-context.ts';
import { NodeHttpClient, tlsAgent } from './node-http-client.ts';

/** The eventsource package the SignalR client itself loads in Node (its dependency, resolved from it). */
type EventSourceCtor = new (url: string, init?: Record<string, unknown>) => unknown;
let eventSourceModule: EventSourceCtor | undefined;
function eventSourceBase(): EventSourceCtor {
  eventSourceModule ??= createRequire(createRequire(import.meta.url).resolve('@microsoft/signalr'))('eventsource') as EventSourceCtor;
  return eventSourceModule;
}

/** Options of withUrl that carry `tls` for the hub at `hubUrl`, per connection; `onTls` hears a TLS failure's code (negotiate, WebSocket). */
export type TlsTransports = (onTls: (code: string) => void) => Pick<IHttpConnectionOptions, 'httpClient'> & { WebSocket: unknown; EventSource: unknown };

/** The per-connection transport options of one workload's https:/wss: hub (one keep-alive Agent shared by its connections). */
export function tlsTransports(tls: ClientTls, hubUrl: string): TlsTransports {
  const host = new URL(hubUrl).hostname;
  const socketOptions = tlsConnectOptions(tls, host);
  const agent = tlsAgent(tls);
  return (onTls) => {
    // a constructor function (not a class per connection): `new` returns the ws client it builds
    function TlsWebSocket(url: string, protocols?: string | string[], options?: WebSocket.ClientOptions): WebSocket {
      const ws = new WebSocket(url, protocols, { ...options, ...socketOptions });
      ws.on('error', (e) => { const code = tlsFailureCode(e); if (code !== undefined) onTls(code); });
      return ws;
    }
    Object.assign(TlsWebSocket, { CONNECTING: WebSocket.CONNECTING, OPEN: WebSocket.OPEN, CLOSING: WebSocket.CLOSING, CLOSED: WebSocket.CLOSED });
    // eventsource would otherwise accept any certificate (it turns rejectUnauthorized off when given init options)
    function TlsEventSource(url: string, init?: Record<string, unknown>): unknown {
      const EventSource = eventSourceBase();
      return new EventSource(url, { ...init, rejectUnauthorized: tls.rejectUnauthorized, createConnection: (o: ConnectionOptions) => tlsConnect({ ...o, ...socketOptions }) });
    }
    return { httpClient: new NodeHttpClient(agent, onTls), WebSocket: TlsWebSocket, EventSource: TlsEventSource };
  };
}
