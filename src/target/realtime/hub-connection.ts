// One client connection of the demo hub: handshake, then Invocation -> Completion, Ping and Close.
import type { WebSocket, RawData } from 'ws';
import { MessageType, RS, closeMessage, completion, handshakeResponse, parseHandshake, parseMessage, splitRecords, type ClientMessage } from './hub-protocol.ts';

/** What a hub method returns: a result (undefined for void) or throws an Error whose message goes to the caller. */
export type HubMethod = (conn: HubConnection, args: unknown[]) => unknown;

/** The hub behind a connection: its methods and its reactions to connections coming and going. */
export interface HubHost {
  readonly methods: Readonly<Record<string, HubMethod>>;
  /** Error text for the handshake response when the hub refuses every handshake (test option). */
  readonly handshakeError?: string;
  connected(conn: HubConnection): void;
  disconnected(conn: HubConnection): void;
}

/** Longest buffered, unterminated input accepted before the connection is closed (protects the demo server). */
const MAX_BUFFER = 1 << 20;

/** A hub connection over one WebSocket, speaking the JSON hub protocol. */
export class HubConnection {
  /** Groups this connection is a member of. */
  readonly groups = new Set<string>();
  /** Epoch ms of the last message received (for the client timeout sweep). */
  lastReceived = Date.now();
  private handshaken = false;
  private buffer = '';
  private closed = false;

  constructor(readonly id: string, readonly socket: WebSocket, private readonly hub: HubHost) {
    socket.on('message', (data, isBinary) => this.onData(data, isBinary));
    socket.on('close', () => this.onClosed());
    socket.on('error', () => this.onClosed());
  }

  /** True after a successful handshake and before close. */
  get active(): boolean {
    return this.handshaken && !this.closed;
  }

  /** Sends one or more complete records. */
  send(records: string): void {
    if (!this.closed) this.socket.send(records);
  }

  /** Sends a Close message (with an error when given) and closes the WebSocket normally. */
  close(error?: string, allowReconnect?: boolean): void {
    if (this.closed) return;
    this.send(closeMessage(error, allowReconnect));
    this.socket.close(1000);
  }

  private onData(data: RawData, isBinary: boolean): void {
    this.lastReceived = Date.now();
    if (isBinary && this.handshaken) return this.close('Binary messages are not supported: this hub speaks the JSON protocol.');
    this.buffer += data.toString();
    if (this.buffer.length > MAX_BUFFER) return this.close('Message too large.');
    if (this.buffer.indexOf(RS) < 0) return;
    const { records, rest } = splitRecords(this.buffer);
    this.buffer = rest;
    for (const r of records) {
      if (this.closed) return;
      if (!this.handshaken) this.onHandshake(r);
      else this.onRecord(r);
    }
  }

  private onHandshake(record: string): void {
    const hs = parseHandshake(record);
    let error = 'error' in hs ? hs.error : undefined;
    if (!error && 'protocol' in hs) {
      if (hs.protocol !== 'json') error = `Requested protocol '${hs.protocol}' is not available.`;
      else if (hs.version !== 1) error = `The server does not support version ${hs.version} of the '${hs.protocol}' protocol.`;
    }
    error ??= this.hub.handshakeError;
    if (error) {
      this.socket.send(handshakeResponse(error));
      this.closed = true;
      this.socket.close(1000);
      return;
    }
    this.handshaken = true;
    this.socket.send(handshakeResponse());
    this.hub.connected(this);
  }

  private onRecord(record: string): void {
    let msg: ClientMessage;
    try { msg = parseMessage(record); } catch { return this.close('Connection closed with an error. InvalidDataException: invalid hub message.'); }
    switch (msg.type) {
      case MessageType.Invocation: return this.invoke(msg);
      case MessageType.StreamInvocation:
        if (typeof msg.invocationId === 'string')
          this.send(completion(msg.invocationId, { error: `The client attempted to invoke the non-streaming '${String(msg.target)}' method with a streaming invocation.` }));
        return;
      case MessageType.Ping:
      case MessageType.CancelInvocation:
      case MessageType.Completion:
      case MessageType.StreamItem:
      case MessageType.Ack:
      case MessageType.Sequence:
        return; // nothing to do: liveness was already noted, no client results or streams are used
      case MessageType.Close:
        this.closed = true;
        this.socket.close(1000);
        return;
      default:
        return this.close(`Connection closed with an error. Unknown message type ${msg.type}.`);
    }
  }

  private invoke(msg: ClientMessage): void {
    const id = typeof msg.invocationId === 'string' ? msg.invocationId : undefined;
    const target = typeof msg.target === 'string' ? msg.target : '';
    const args = Array.isArray(msg.arguments) ? msg.arguments : [];
    const method = Object.hasOwn(this.hub.methods, target) ? this.hub.methods[target] : undefined;
    if (!method) {
      if (id) this.send(completion(id, { error: `Unknown hub method '${target}'` }));
      return;
    }
    try {
      const result = method(this, args);
      if (id) this.send(completion(id, { result }));
    } catch (err) {
      if (id) this.send(completion(id, { error: `An unexpected error occurred invoking '${target}' on the server. ${(err as Error).message}` }));
    }
  }

  private onClosed(): void {
    const wasActive = this.handshaken;
    this.closed = true;
    if (wasActive) { this.handshaken = false; this.hub.disconnected(this); }
  }
}
