// The header block of an HTTP/2 request from a request's method, path and headers, HPACK-encoded by the
// session's encoder: lower-case names, the connection-specific fields HTTP/2 forbids dropped (RFC 9113
// 8.2.2), `host` sent as :authority. A headers object's fields are filtered once (a workload's default
// headers repeat), and the last block encoded for it is copied again while nothing it depends on changed.
import { fieldRoom, writeInt, writeStr, staticIndex } from './hpack.ts';
import type { HpackEncoder } from './hpack-encoder.ts';

/** Fields HTTP/2 forbids or that loadcert sets itself (content-length from the body). */
const DROPPED = new Set(['connection', 'keep-alive', 'proxy-connection', 'transfer-encoding', 'upgrade', 'host', 'content-length']);
/** Methods that carry a body, so an empty one is sent with `content-length: 0` (as over HTTP/1.1). */
const BODY_METHODS = new Set(['POST', 'PUT', 'PATCH']);

interface Block {
  /** The regular fields, lower-cased and filtered. */
  fields: Array<[string, string]>;
  /** Bytes their encoding may take at most. */
  room: number;
  /** Sum of their name and value lengths. */
  bytes: number;
  host: string | undefined;
  /** The last whole request block encoded with these headers (a step repeats its method and path): its inputs and bytes. */
  lastEncoder?: HpackEncoder;
  lastVersion?: number;
  lastMethod?: string;
  lastPath?: string;
  lastScheme?: string;
  lastAuthority?: string;
  lastBodyBytes?: number;
  lastBlock?: Buffer;
  lastFieldBytes?: number;
}
const blocks = new WeakMap<Readonly<Record<string, string>>, Block>();

/** A headers object's fields, lower-cased and filtered once. */
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
  b = { fields, room, bytes, host };
  blocks.set(headers, b);
  return b;
}

/** Bytes encodeRequest may write at most for these arguments. */
export function requestRoom(method: string, path: string, headers: Readonly<Record<string, string>>, authority: string): number {
  const b = blockOf(headers);
  return b.room + method.length + path.length + (b.host ?? authority).length + 64;
}

/** Sum of name and value lengths of the fields the last encodeRequest wrote (data_sent counts them, plus 9 per frame header). */
export let lastFieldBytes = 0;

/**
 * Encodes the request's header block at out[off] with `enc` (pseudo-headers first; room from
 * requestRoom); `authority` is the origin's host unless the headers give one. Returns the end. Blocks
 * must go on the wire in the order they were encoded (the server's table follows `enc`'s).
 */
export function encodeRequest(out: Buffer, off: number, enc: HpackEncoder, method: string, path: string, headers: Readonly<Record<string, string>>, scheme: 'http' | 'https', authority: string, bodyBytes: number): number {
  const b = blockOf(headers);
  if (b.lastBlock !== undefined && b.lastEncoder === enc && b.lastVersion === enc.version && b.lastPath === path && b.lastMethod === method && b.lastBodyBytes === bodyBytes && b.lastAuthority === authority && b.lastScheme === scheme) {
    lastFieldBytes = b.lastFieldBytes!;
    return off + b.lastBlock.copy(out, off);
  }
  const begin = off;
  const version = enc.version;
  const auth = b.host ?? authority;
  let bytes = 7 + method.length + 5 + path.length + 7 + scheme.length + 10 + auth.length + b.bytes;
  off = enc.begin(out, off);
  const m = staticIndex(':method', method);
  off = m ? writeInt(out, off, m, 7, 0x80) : writeStr(out, writeInt(out, off, 2, 4, 0), method);
  off = writeInt(out, off, scheme === 'http' ? 6 : 7, 7, 0x80);
  const p = path === '/' ? 4 : 0;
  off = p ? writeInt(out, off, p, 7, 0x80) : writeStr(out, writeInt(out, off, 4, 4, 0), path);
  off = enc.field(out, off, ':authority', auth);
  for (const [n, v] of b.fields) off = enc.field(out, off, n, v);
  if (bodyBytes > 0 || BODY_METHODS.has(method)) {
    const len = String(bodyBytes);
    off = writeStr(out, writeInt(out, off, 28, 4, 0), len);
    bytes += 14 + len.length;
  }
  lastFieldBytes = bytes;
  if (enc.version !== version) {
    // This block changed the table (it added entries or carried a size update): the next one differs.
    b.lastBlock = undefined;
    return off;
  }
  b.lastEncoder = enc;
  b.lastVersion = enc.version;
  b.lastMethod = method;
  b.lastPath = path;
  b.lastScheme = scheme;
  b.lastAuthority = authority;
  b.lastBodyBytes = bodyBytes;
  b.lastBlock = Buffer.from(out.subarray(begin, off));
  b.lastFieldBytes = bytes;
  return off;
}
