// Small response and request helpers shared by the demo target's routes; kept allocation-light for the hot path.
import type { IncomingMessage, ServerResponse } from 'node:http';

/** Largest request body the target reads, bytes; larger bodies get 413. */
export const MAX_BODY_BYTES = 1024 * 1024;

/** A precomputed response: status, headers and body bytes, sent as is. */
export interface Canned {
  readonly status: number;
  readonly headers: Readonly<Record<string, string | number>>;
  readonly body: Buffer;
}

/** Builds a Canned response once, with a correct content-length. */
export function canned(status: number, body: string, contentType: string, extra: Record<string, string> = {}): Canned {
  const buf = Buffer.from(body);
  return Object.freeze({ status, headers: Object.freeze({ 'content-type': contentType, 'content-length': buf.length, ...extra }), body: buf });
}

/** Sends a Canned response. */
export function sendCanned(res: ServerResponse, c: Canned): void {
  res.writeHead(c.status, c.headers as Record<string, string | number>);
  res.end(c.body);
}

/** Sends a JSON body string with `status` and optional Server-Timing value. */
export function sendJson(res: ServerResponse, status: number, json: string, serverTiming?: string): void {
  const headers: Record<string, string | number> = {
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(json),
  };
  if (serverTiming) headers['server-timing'] = serverTiming;
  res.writeHead(status, headers);
  res.end(json);
}

/** JSON error body `{"error":..., "status":...}`. */
export function errorJson(status: number, message: string): string {
  return `{"status":${status},"error":${JSON.stringify(message)}}`;
}

/** Rounds ms to one decimal for Server-Timing. */
function r1(ms: number): number {
  return Math.round(ms * 10) / 10;
}

/** Server-Timing value for a simulated request of `ms`: a DB share (60 %), a cache share (10 %) and the total. */
export function serverTiming(ms: number): string {
  return `db;dur=${r1(ms * 0.6)}, cache;dur=${r1(ms * 0.1)}, total;dur=${r1(ms)}`;
}

/** The value of query parameter `name` in a raw query string (without '?'), or undefined. */
export function queryParam(query: string, name: string): string | undefined {
  if (!query) return undefined;
  for (const part of query.split('&')) {
    const eq = part.indexOf('=');
    const key = eq < 0 ? part : part.slice(0, eq);
    if (key !== name) continue;
    const raw = eq < 0 ? '' : part.slice(eq + 1);
    try {
      return decodeURIComponent(raw.replace(/\+/g, ' '));
    } catch {
      return raw;
    }
  }
  return undefined;
}

/** A non-negative integer query parameter, `fallback` when absent, NaN when malformed. */
export function intParam(query: string, name: string, fallback: number): number {
  const v = queryParam(query, name);
  if (v === undefined || v === '') return fallback;
  return /^\d{1,9}$/.test(v) ? Number(v) : NaN;
}

/** Reads the request body up to MAX_BODY_BYTES; resolves null when it is larger (the rest is discarded). */
export function readBody(req: IncomingMessage): Promise<string | null> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let tooLarge = false;
    req.on('data', (chunk: Buffer) => {
      if (tooLarge) return;
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        tooLarge = true;
        chunks.length = 0;
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolve(tooLarge ? null : Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}
