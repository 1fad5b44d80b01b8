// Builds the real @microsoft/signalr HubConnection of a VU from the workload options (logging off, shared protocol).
import { HttpTransportType, HubConnectionBuilder, JsonHubProtocol, type HubConnection, type IHubProtocol, type ILogger } from '@microsoft/signalr';
import { MessagePackHubProtocol } from '@microsoft/signalr-protocol-msgpack';
import { parseDuration } from '../../contracts/duration.ts';
import type { SignalRVu, SignalRWorkload } from '../../contracts/signalr-workload.ts';
import { DEFAULT_CLIENT_TLS, type ClientTls } from '../http/tls-context.ts';
import { tlsTransports } from './tls-transports.ts';

const TRANSPORTS = {
  webSockets: HttpTransportType.WebSockets,
  serverSentEvents: HttpTransportType.ServerSentEvents,
  longPolling: HttpTransportType.LongPolling,
} as const;

/** A logger that drops everything: thousands of connections must not write to the console. */
const SILENT: ILogger = { log() { /* logging off */ } };

/** Creates HubConnections for one workload; the hub protocol instance and logger are shared by all VUs; an https:/wss: hub gets `tls` (http.tls) on every request, and `onTls` hears a TLS failure's code. */
export function createConnectionFactory(w: SignalRWorkload, hubUrl: string, tls: ClientTls = DEFAULT_CLIENT_TLS): (vu: SignalRVu, onTls: (code: string) => void) => HubConnection {
  const protocol: IHubProtocol = w.hubProtocol === 'messagepack' ? new MessagePackHubProtocol() : new JsonHubProtocol();
  const transport = TRANSPORTS[w.transport ?? 'webSockets'];
  const reconnect = w.automaticReconnect;
  const delays = Array.isArray(reconnect) ? reconnect.map((d) => parseDuration(d)) : undefined;
  const serverTimeout = w.serverTimeout !== undefined ? parseDuration(w.serverTimeout) : undefined;
  const keepAlive = w.keepAliveInterval !== undefined ? parseDuration(w.keepAliveInterval) : undefined;
  const token = w.accessToken;
  const secure = /^(https|wss):/i.test(hubUrl) ? tlsTransports(tls, hubUrl) : undefined;
  return (vu, onTls) => {
    const builder = new HubConnectionBuilder()
      .withUrl(hubUrl, {
        ...secure?.(onTls),
        transport,
        skipNegotiation: w.skipNegotiation ?? false,
        headers: w.headers,
        logger: SILENT,
        accessTokenFactory: token === undefined ? undefined : typeof token === 'function' ? () => token(vu) : () => token,
      })
      .withHubProtocol(protocol)
      .configureLogging(SILENT);
    if (delays) builder.withAutomaticReconnect(delays);
    else if (reconnect === true) builder.withAutomaticReconnect();
    if (serverTimeout !== undefined) builder.withServerTimeout(serverTimeout);
    if (keepAlive !== undefined) builder.withKeepAliveInterval(keepAlive);
    return builder.build();
  };
}
