// The HTTP side of the hub endpoint: POST negotiate, and the answers to transports the hub does not offer.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { randomUUID } from 'node:crypto';

/** A negotiated connection waiting for (or holding) its WebSocket. */
export interface NegotiatedConnection {
  readonly connectionId: string;
  readonly createdAt: number;
  attached: boolean;
}

/** Connection tokens handed out by negotiate; unused ones expire. */
export class ConnectionTokens {
  private readonly byToken = new Map<string, NegotiatedConnection>();

  /** Creates a connection; returns its token (secret, the `id` query value) and id. */
  create(): { token: string; connectionId: string } {
    const token = randomUUID();
    const connectionId = randomUUID();
    this.byToken.set(token, { connectionId, createdAt: Date.now(), attached: false });
    return { token, connectionId };
  }

  /** The connection of a token, or undefined. */
  get(token: string): NegotiatedConnection | undefined {
    return this.byToken.get(token);
  }

  /** Forgets a token (its connection ended). */
  delete(token: string): void {
    this.byToken.delete(token);
  }

  /** Drops tokens never attached within `maxAgeMs`. */
  prune(maxAgeMs: number): void {
    const limit = Date.now() - maxAgeMs;
    for (const [t, c] of this.byToken) if (!c.attached && c.createdAt < limit) this.byToken.delete(t);
  }

  /** Number of tokens held. */
  get size(): number {
    return this.byToken.size;
  }
}

/** Sends a small text/plain answer. */
export function sendText(res: ServerResponse, status: number, text: string): void {
  res.writeHead(status, { 'content-type': 'text/plain', 'content-length': Buffer.byteLength(text) });
  res.end(text);
}

/** Answers `POST <hub>/negotiate?negotiateVersion=1`: WebSockets (Text and Binary) is the only transport. */
export function answerNegotiate(req: IncomingMessage, res: ServerResponse, tokens: ConnectionTokens, query: URLSearchParams): void {
  if (req.method !== 'POST') {
    res.setHeader('allow', 'POST');
    return sendText(res, 405, 'Method Not Allowed');
  }
  req.resume(); // the negotiate body is empty; drain whatever came
  const requested = Number(query.get('negotiateVersion') ?? '0');
  const version = Number.isFinite(requested) && requested >= 1 ? 1 : 0;
  const { token, connectionId } = tokens.create();
  const body: Record<string, unknown> = {
    connectionId,
    negotiateVersion: version,
    availableTransports: [{ transport: 'WebSockets', transferFormats: ['Text', 'Binary'] }],
  };
  if (version >= 1) body.connectionToken = token;
  const json = JSON.stringify(body);
  res.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(json) });
  res.end(json);
}

/**
 * Answers a plain HTTP request to the hub path as ASP.NET Core does for transports it does not offer:
 * 400 without `id`, 404 for an unknown id, else 404 "<Transport> transport not supported by this end point type".
 */
export function answerUnsupportedTransport(req: IncomingMessage, res: ServerResponse, tokens: ConnectionTokens, query: URLSearchParams): void {
  req.resume();
  const id = query.get('id');
  if (!id) return sendText(res, 400, 'Connection ID required');
  if (!tokens.get(id)) return sendText(res, 404, 'No Connection with that ID');
  if (req.method === 'GET') {
    const sse = (req.headers.accept ?? '').includes('text/event-stream');
    return sendText(res, 404, `${sse ? 'ServerSentEvents' : 'LongPolling'} transport not supported by this end point type`);
  }
  if (req.method === 'POST') return sendText(res, 404, 'LongPolling transport not supported by this end point type');
  if (req.method === 'DELETE') return sendText(res, 404, 'No Connection with that ID');
  res.setHeader('allow', 'GET, POST, DELETE');
  sendText(res, 405, 'Method Not Allowed');
}
