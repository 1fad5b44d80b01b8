// Hub client helpers for the stack tests: the official @microsoft/signalr client on a chosen
// transport and protocol, and a wait for the next DocumentEdited broadcast.
import { HubConnectionBuilder, LogLevel, type HttpTransportType, type HubConnection, type IHubProtocol } from '@microsoft/signalr';
import { MessagePackHubProtocol } from '@microsoft/signalr-protocol-msgpack';

/** Hub protocol of a connection. */
export type ProtocolName = 'json' | 'messagepack';

/** A started connection to the hub of `baseUrl` (caller stops it). */
export async function connectHub(baseUrl: string, token: string | null, transport: HttpTransportType, protocol: ProtocolName): Promise<HubConnection> {
  let builder = new HubConnectionBuilder()
    .withUrl(`${baseUrl}/hubs/documents`, { transport, ...(token === null ? {} : { accessTokenFactory: () => token }) })
    .configureLogging(LogLevel.None);
  if (protocol === 'messagepack') builder = builder.withHubProtocol(new MessagePackHubProtocol() as IHubProtocol);
  const connection = builder.build();
  await connection.start();
  return connection;
}

export interface Edited {
  docId: string;
  delta: unknown;
  serverTime: number;
  replica: string;
}

/** Resolves with the next DocumentEdited event on `connection`, or rejects after `ms`. */
export function nextEdit(connection: HubConnection, ms = 5000): Promise<Edited> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      connection.off('DocumentEdited', handler);
      reject(new Error(`no DocumentEdited within ${ms} ms`));
    }, ms);
    const handler = (edit: Edited): void => {
      clearTimeout(timer);
      connection.off('DocumentEdited', handler);
      resolve(edit);
    };
    connection.on('DocumentEdited', handler);
  });
}
