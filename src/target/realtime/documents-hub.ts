// The demo hub at /hubs/documents: JoinDocument / LeaveDocument groups, EditDocument broadcasts, Echo.
import type { WebSocket } from 'ws';
import { HubConnection, type HubHost, type HubMethod } from './hub-connection.ts';
import { PING, invocation } from './hub-protocol.ts';

/** Test and demo knobs of the documents hub. */
export interface DocumentsHubOptions {
  /** Interval of the server's Ping keep-alive (default 15 000 ms, as ASP.NET Core). */
  keepAliveMs?: number;
  /** Close connections silent for this long (default 30 000 ms, ASP.NET Core's client timeout). */
  clientTimeoutMs?: number;
  /** Answer every handshake with this error (simulates a server that rejects the handshake). */
  handshakeError?: string;
  /** Close each connection this long after its handshake with a Close message carrying `error`. */
  closeAfterHandshake?: { afterMs: number; error?: string; allowReconnect?: boolean };
}

function docIdOf(args: unknown[]): string {
  const docId = args[0];
  if (typeof docId !== 'string' || !docId) throw new Error('docId must be a non-empty string.');
  return docId;
}

/** The documents hub: connection registry, groups, keep-alive sweep. */
export class DocumentsHub implements HubHost {
  readonly connections = new Set<HubConnection>();
  readonly groupMembers = new Map<string, Set<HubConnection>>();
  readonly handshakeError?: string;
  readonly methods: Readonly<Record<string, HubMethod>>;
  private readonly sweep: NodeJS.Timeout;

  constructor(private readonly options: DocumentsHubOptions = {}) {
    this.handshakeError = options.handshakeError;
    this.methods = {
      JoinDocument: (c, args) => { this.join(c, docIdOf(args)); },
      LeaveDocument: (c, args) => { this.leave(c, docIdOf(args)); },
      EditDocument: (_c, args) => {
        const docId = docIdOf(args);
        this.broadcast(docId, 'DocumentEdited', [{ docId, delta: args[1] ?? null, serverTime: Date.now() }]);
      },
      Echo: (_c, args) => args[0] ?? null,
    };
    const keepAlive = options.keepAliveMs ?? 15_000;
    this.sweep = setInterval(() => this.keepAlive(), keepAlive);
    this.sweep.unref();
  }

  /** Takes over an upgraded WebSocket as hub connection `id` (the handshake follows). */
  attach(socket: WebSocket, id: string): HubConnection {
    return new HubConnection(id, socket, this);
  }

  /** HubHost: a handshake succeeded. */
  connected(conn: HubConnection): void {
    this.connections.add(conn);
    const c = this.options.closeAfterHandshake;
    if (c) setTimeout(() => conn.close(c.error, c.allowReconnect), c.afterMs).unref();
  }

  /** HubHost: a connection ended; leaves its groups. */
  disconnected(conn: HubConnection): void {
    this.connections.delete(conn);
    for (const g of conn.groups) this.leave(conn, g);
  }

  /** Sends `target(args)` to every member of group `docId`; the record is encoded once. */
  broadcast(docId: string, target: string, args: unknown[]): number {
    const members = this.groupMembers.get(docId);
    if (!members) return 0;
    const record = invocation(target, args);
    for (const m of members) m.send(record);
    return members.size;
  }

  /** Closes every connection with a Close message carrying `error`. */
  closeAll(error?: string, allowReconnect?: boolean): void {
    for (const c of [...this.connections]) c.close(error, allowReconnect);
  }

  /** Drops every connection without a close handshake (simulates a network failure). */
  dropAll(): void {
    for (const c of [...this.connections]) c.socket.terminate();
  }

  /** Stops the keep-alive sweep and drops every connection. */
  dispose(): void {
    clearInterval(this.sweep);
    this.dropAll();
  }

  private join(c: HubConnection, docId: string): void {
    let set = this.groupMembers.get(docId);
    if (!set) { set = new Set(); this.groupMembers.set(docId, set); }
    set.add(c);
    c.groups.add(docId);
  }

  private leave(c: HubConnection, docId: string): void {
    const set = this.groupMembers.get(docId);
    set?.delete(c);
    if (set && !set.size) this.groupMembers.delete(docId);
    c.groups.delete(docId);
  }

  /** One interval for all connections: Ping everyone, close the silent ones. */
  private keepAlive(): void {
    const limit = Date.now() - (this.options.clientTimeoutMs ?? 30_000);
    for (const c of [...this.connections]) {
      if (c.lastReceived < limit) c.close('Server timeout elapsed without receiving a message from the client.');
      else c.send(PING);
    }
  }
}
