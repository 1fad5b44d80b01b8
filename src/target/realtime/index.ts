// The demo target's realtime endpoints: the SignalR documents hub and the /ws/echo WebSocket echo.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';
import { randomUUID } from 'node:crypto';
import { WebSocketServer } from 'ws';
import type { TargetExtension } from '../types.ts';
import { DocumentsHub, type DocumentsHubOptions } from './documents-hub.ts';
import { ConnectionTokens, answerNegotiate, answerUnsupportedTransport, sendText } from './negotiate.ts';
import { EchoEndpoint } from './echo.ts';

/** Options of the realtime extension (all optional). */
export interface RealtimeExtensionOptions extends DocumentsHubOptions {
  /** Hub path (default '/hubs/documents'). */
  hubPath?: string;
  /** Echo path (default '/ws/echo'). */
  echoPath?: string;
  /** When set, negotiate and the hub WebSocket require this bearer token (header, or `access_token` query on WebSockets). */
  accessToken?: string;
  /** Answer negotiate with this HTTP status and a text error instead (simulates a failing negotiate). */
  negotiateStatus?: number;
}

/** Connection counts of the realtime endpoints. */
export interface RealtimeStats {
  hubConnections: number;
  echoConnections: number;
  groups: number;
  pendingTokens: number;
}

/** The realtime extension plus controls for tests and the benchmark. */
export interface RealtimeExtension extends TargetExtension {
  /** Current connection counts. */
  stats(): RealtimeStats;
  /** Closes every hub connection with a Close message carrying `error`. */
  closeHubConnections(error?: string, allowReconnect?: boolean): void;
  /** Drops every hub and echo WebSocket without a close handshake. */
  dropConnections(): void;
  /** Closes every echo socket with a close code (default 1001). */
  closeEchoConnections(code?: number): void;
  /** The hub, for direct inspection (groups, connections). */
  readonly hub: DocumentsHub;
}

function rejectUpgrade(socket: Duplex, status: number, text: string): true {
  const reason = status === 401 ? 'Unauthorized' : status === 404 ? 'Not Found' : status === 409 ? 'Conflict' : 'Bad Request';
  socket.end(`HTTP/1.1 ${status} ${reason}\r\nContent-Type: text/plain\r\nContent-Length: ${Buffer.byteLength(text)}\r\nConnection: close\r\n\r\n${text}`);
  return true;
}

function bearer(req: IncomingMessage, query: URLSearchParams): string | undefined {
  const h = req.headers.authorization;
  if (h && /^Bearer /i.test(h)) return h.slice(7).trim();
  return query.get('access_token') ?? undefined;
}

/** Creates the realtime extension for createDemoTarget({ extensions: [...] }) or any http.Server. */
export function createRealtimeExtension(options: RealtimeExtensionOptions = {}): RealtimeExtension {
  const hubPath = options.hubPath ?? '/hubs/documents';
  const negotiatePath = `${hubPath}/negotiate`;
  const echoPath = options.echoPath ?? '/ws/echo';
  const hub = new DocumentsHub(options);
  const echo = new EchoEndpoint();
  const tokens = new ConnectionTokens();
  const wss = new WebSocketServer({ noServer: true, clientTracking: false, perMessageDeflate: false, maxPayload: 1 << 20 });
  const pruner = setInterval(() => tokens.prune(60_000), 15_000);
  pruner.unref();

  const authorized = (req: IncomingMessage, query: URLSearchParams): boolean =>
    options.accessToken === undefined || bearer(req, query) === options.accessToken;

  return {
    hub,
    handle(req: IncomingMessage, res: ServerResponse): boolean {
      const url = new URL(req.url ?? '/', 'http://x');
      if (url.pathname === negotiatePath) {
        if (!authorized(req, url.searchParams)) { req.resume(); res.setHeader('www-authenticate', 'Bearer'); sendText(res, 401, 'Unauthorized'); return true; }
        if (options.negotiateStatus) { req.resume(); sendText(res, options.negotiateStatus, 'Negotiate failed (demo target option)'); return true; }
        answerNegotiate(req, res, tokens, url.searchParams);
        return true;
      }
      if (url.pathname === hubPath) { answerUnsupportedTransport(req, res, tokens, url.searchParams); return true; }
      if (url.pathname === echoPath) { req.resume(); sendText(res, 426, 'Upgrade Required: connect with a WebSocket'); return true; }
      return false;
    },
    upgrade(req: IncomingMessage, socket: Duplex, head: Buffer): boolean {
      const url = new URL(req.url ?? '/', 'http://x');
      if (url.pathname === echoPath) {
        wss.handleUpgrade(req, socket, head, (ws) => echo.attach(ws));
        return true;
      }
      if (url.pathname !== hubPath) return false;
      if (!authorized(req, url.searchParams)) return rejectUpgrade(socket, 401, 'Unauthorized');
      const token = url.searchParams.get('id');
      let connectionId: string;
      if (token) {
        const c = tokens.get(token);
        if (!c) return rejectUpgrade(socket, 404, 'No Connection with that ID');
        if (c.attached) return rejectUpgrade(socket, 409, 'Connection already has a WebSocket');
        c.attached = true;
        connectionId = c.connectionId;
      } else connectionId = randomUUID(); // skipNegotiation: a new connection per WebSocket, as the spec allows
      wss.handleUpgrade(req, socket, head, (ws) => {
        hub.attach(ws, connectionId);
        if (token) ws.once('close', () => tokens.delete(token));
      });
      return true;
    },
    close(): void {
      clearInterval(pruner);
      hub.dispose();
      echo.dropAll();
      wss.close();
    },
    stats: () => ({ hubConnections: hub.connections.size, echoConnections: echo.sockets.size, groups: hub.groupMembers.size, pendingTokens: tokens.size }),
    closeHubConnections: (error, allowReconnect) => hub.closeAll(error, allowReconnect),
    dropConnections: () => { hub.dropAll(); echo.dropAll(); },
    closeEchoConnections: (code) => echo.closeAll(code),
  };
}
