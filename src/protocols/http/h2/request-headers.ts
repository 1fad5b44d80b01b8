// The header fields of an HTTP/2 request from a request's method, path and headers: lower-case names,
// the connection-specific fields HTTP/2 forbids dropped (RFC 9113 8.2.2), `host` sent as :authority.
import type { OutgoingHttpHeaders } from 'node:http2';

/** Fields HTTP/2 forbids or that loadcert sets itself (content-length from the body). */
const DROPPED = new Set(['connection', 'keep-alive', 'proxy-connection', 'transfer-encoding', 'upgrade', 'host', 'content-length']);
/** Methods that carry a body, so an empty one is sent with `content-length: 0` (as over HTTP/1.1). */
const BODY_METHODS = new Set(['POST', 'PUT', 'PATCH']);

interface Block { fields: Array<[string, string]>; host: string | undefined }
const blocks = new WeakMap<Readonly<Record<string, string>>, Block>();

/** A headers object's fields, lower-cased and filtered once (a workload's default headers repeat). */
function blockOf(headers: Readonly<Record<string, string>>): Block {
  let b = blocks.get(headers);
  if (b) return b;
  const fields: Array<[string, string]> = [];
  let host: string | undefined;
  for (const name in headers) {
    const v = headers[name];
    if (v === undefined) continue;
    const lower = name.toLowerCase();
    if (lower === 'host') host = String(v);
    // TE is allowed only as "trailers" (RFC 9113 8.2.2).
    if (DROPPED.has(lower) || (lower === 'te' && String(v).trim().toLowerCase() !== 'trailers')) continue;
    fields.push([lower, String(v)]);
  }
  b = { fields, host };
  blocks.set(headers, b);
  return b;
}

/** The request's fields (pseudo-headers first); `authority` is the origin's host unless the headers give one. */
export function h2RequestHeaders(method: string, path: string, headers: Readonly<Record<string, string>>, scheme: 'http' | 'https', authority: string, bodyBytes: number): OutgoingHttpHeaders {
  const b = blockOf(headers);
  const out: OutgoingHttpHeaders = { ':method': method, ':path': path, ':scheme': scheme, ':authority': b.host ?? authority };
  for (const [k, v] of b.fields) {
    const prev = out[k];
    out[k] = prev === undefined ? v : `${String(prev)}, ${v}`;
  }
  if (bodyBytes > 0 || BODY_METHODS.has(method)) out['content-length'] = String(bodyBytes);
  return out;
}

/** Bytes a field block counts for in data_sent / data_received: names and values as sent before compression, plus the 9-byte frame header. */
export function fieldBytes(fields: Readonly<Record<string, unknown>>): number {
  let n = 9;
  for (const k in fields) {
    const v = fields[k];
    if (Array.isArray(v)) for (const x of v) n += k.length + String(x).length;
    else if (v !== undefined) n += k.length + String(v).length;
  }
  return n;
}
