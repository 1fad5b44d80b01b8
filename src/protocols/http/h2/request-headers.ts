// The header block of an HTTP/2 request from a request's method, path and headers, HPACK-encoded: lower-case
// names, the connection-specific fields HTTP/2 forbids dropped (RFC 9113 8.2.2), `host` sent as
// :authority. The regular fields of a headers object are encoded once (a workload's default headers repeat).
import { fieldRoom, writeField, writeInt, writeStr, staticIndex } from './hpack.ts';

/** Fields HTTP/2 forbids or that loadcert sets itself (content-length from the body). */
const DROPPED = new Set(['connection', 'keep-alive', 'proxy-connection', 'transfer-encoding', 'upgrade', 'host', 'content-length']);
/** Methods that carry a body, so an empty one is sent with `content-length: 0` (as over HTTP/1.1). */
const BODY_METHODS = new Set(['POST', 'PUT', 'PATCH']);

interface Block {
  /** The regular fields, encoded. */
  encoded: Buffer;
  /** Sum of their name and value lengths. */
  bytes: number;
  host: string | undefined;
  /** The last whole request block encoded with these headers (a step repeats its method and path): its inputs and bytes. */
  lastMethod?: string;
  lastPath?: string;
  lastScheme?: string;
  lastAuthority?: string;
  lastBodyBytes?: number;
  lastBlock?: Buffer;
  lastFieldBytes?: number;
}
const blocks = new WeakMap<Readonly<Record<string, string>>, Block>();

/** A headers object's fields, lower-cased, filtered and encoded once. */
function blockOf(headers: Readonly<Record<string, string>>): Block {
  let b = blocks.get(headers);
  if (b) return b;
  const fields: Array<[string, string]> = [];
  let host: string | undefined;
  let room = 0;
  let bytes = 0;
  for (const name in headers) {
    const v = headers[name];
    if (v === undefined) continue;
    const lower = name.toLowerCase();
    const value = String(v);
    if (lower === 'host') host = value;
    // TE is allowed only as "trailers" (RFC 9113 8.2.2).
    if (DROPPED.has(lower) || (lower === 'te' && value.trim().toLowerCase() !== 'trailers')) continue;
    fields.push([lower, value]);
    room += fieldRoom(lower, value);
    bytes += lower.length + value.length;
  }
  const buf = Buffer.allocUnsafe(room);
  let off = 0;
  for (const [n, v] of fields) off = writeField(buf, off, n, v);
  b = { encoded: buf.subarray(0, off), bytes, host };
  blocks.set(headers, b);
  return b;
}

/** Bytes encodeRequest may write at most for these arguments. */
export function requestRoom(method: string, path: string, headers: Readonly<Record<string, string>>, authority: string): number {
  const b = blockOf(headers);
  return b.encoded.length + method.length + path.length + (b.host ?? authority).length + 64;
}

/** Sum of name and value lengths of the fields the last encodeRequest wrote (data_sent counts them, plus 9 per frame header). */
export let lastFieldBytes = 0;

/**
 * Encodes the request's header block at out[off] (pseudo-headers first; room from requestRoom);
 * `authority` is the origin's host unless the headers give one. Returns the end.
 */
export function encodeRequest(out: Buffer, off: number, method: string, path: string, headers: Readonly<Record<string, string>>, scheme: 'http' | 'https', authority: string, bodyBytes: number): number {
  const b = blockOf(headers);
  if (b.lastBlock !== undefined && b.lastPath === path && b.lastMethod === method && b.lastBodyBytes === bodyBytes && b.lastAuthority === authority && b.lastScheme === scheme) {
    lastFieldBytes = b.lastFieldBytes!;
    return off + b.lastBlock.copy(out, off);
  }
  const begin = off;
  const auth = b.host ?? authority;
  let bytes = 7 + method.length + 5 + path.length + 7 + scheme.length + 10 + auth.length + b.bytes;
  const m = staticIndex(':method', method);
  off = m ? writeInt(out, off, m, 7, 0x80) : writeStr(out, writeInt(out, off, 2, 4, 0), method);
  off = writeInt(out, off, scheme === 'http' ? 6 : 7, 7, 0x80);
  const p = path === '/' ? 4 : 0;
  off = p ? writeInt(out, off, p, 7, 0x80) : writeStr(out, writeInt(out, off, 4, 4, 0), path);
  off = writeStr(out, writeInt(out, off, 1, 4, 0), auth);
  off += b.encoded.copy(out, off);
  if (bodyBytes > 0 || BODY_METHODS.has(method)) {
    const len = String(bodyBytes);
    off = writeStr(out, writeInt(out, off, 28, 4, 0), len);
    bytes += 14 + len.length;
  }
  lastFieldBytes = bytes;
  b.lastMethod = method;
  b.lastPath = path;
  b.lastScheme = scheme;
  b.lastAuthority = authority;
  b.lastBodyBytes = bodyBytes;
  b.lastBlock = Buffer.from(out.subarray(begin, off));
  b.lastFieldBytes = bytes;
  return off;
}
