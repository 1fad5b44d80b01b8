// The /ws/echo endpoint: every message comes back as it came (text as text, binary as binary).
import type { WebSocket } from 'ws';

/** Tracks echo sockets so tests can drop them and close() can end them. */
export class EchoEndpoint {
  readonly sockets = new Set<WebSocket>();

  /** Takes over an upgraded socket. */
  attach(ws: WebSocket): void {
    this.sockets.add(ws);
    ws.on('message', (data, isBinary) => ws.send(data, { binary: isBinary }));
    ws.on('close', () => this.sockets.delete(ws));
    ws.on('error', () => this.sockets.delete(ws));
  }

  /** Closes every socket with `code` (default 1001 going away). */
  closeAll(code = 1001, reason = ''): void {
    for (const ws of this.sockets) ws.close(code, reason);
  }

  /** Drops every socket without a close frame (simulates a network failure). */
  dropAll(): void {
    for (const ws of this.sockets) ws.terminate();
  }
}
