// The bytes of an HTTP/1.1 request head, built from method, path and headers; header blocks of a shared
// headers object (a workload's default headers) are serialized once.

/** Not a field-value character (RFC 9110 5.5: HTAB, SP, VCHAR, obs-text): control characters, and anything past latin1 that a latin1 write would mangle. */
const FORBIDDEN = /[^\t\x20-\x7e\x80-\xff]/;
/** A request target is visible ASCII or latin1: no space, no control character. */
const BAD_PATH = /[^\u0021-\u00ff]/;
const TOKEN = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;
/** Header names loadcert writes itself (from the body and the connection); `connection: close` from the user is the exception, kept. */
const OWN = new Set(['content-length', 'transfer-encoding', 'connection']);
/** A `connection` value holding the `close` option. */
const CLOSE_OPTION = /(^|,)\s*close\s*(,|$)/i;
/** Heads that carry `connection: close` (the connection is closed after their response). */
const CLOSING_HEADS = new WeakSet<Buffer>();
/** Whether any head ever asked for close (asksClose costs one comparison until one does). */
let anyClosing = false;
/** Methods that carry a body, so an empty one is sent with `content-length: 0`. */
const BODY_METHODS = new Set(['POST', 'PUT', 'PATCH']);


interface CachedHead { method: string; host: string; bodyBytes: number; bytes: Buffer }
interface HeaderBlock { text: string; hasHost: boolean; close: boolean; heads: Map<string, CachedHead[]>; size: number }
/** Heads kept per headers object (fixed step paths repeat; paths with ids stop being cached past this). */
const MAX_CACHED_HEADS = 512;
const blocks = new WeakMap<Record<string, string>, HeaderBlock | null>();

function headerBlock(headers: Record<string, string>): HeaderBlock | null {
  let b = blocks.get(headers);
  if (b !== undefined) return b;
  let text = '';
  let hasHost = false;
  let close = false;
  b = null;
  valid: {
    for (const name in headers) {
      const value = headers[name];
      if (value === undefined) continue;
      let v = String(value);
      if (!TOKEN.test(name) || FORBIDDEN.test(v)) break valid;
      const lower = name.toLowerCase();
      if (OWN.has(lower)) {
        // Connection: close is honoured (written and acted on); other connection options are loadcert's to set.
        if (lower !== 'connection' || !CLOSE_OPTION.test(v) || close) continue;
        close = true;
        v = 'close';
      }
      if (lower === 'host') hasHost = true;
      text += `${name}: ${v}\r\n`;
    }
    b = { text, hasHost, close, heads: new Map(), size: 0 };
  }
  blocks.set(headers, b);
  return b;
}

/**
 * The request head (request line, headers, blank line) as latin1 bytes, with `host` unless the headers
 * give one and `content-length` for a body (or an empty POST/PUT/PATCH); a user's `connection`
 * header is written only as `connection: close` when it holds that option (see asksClose); undefined when the method,
 * path or a header could not be sent as given (a method that is not a token, a space or control
 * character in the path, a control character or a character past latin1 in a header value, an invalid
 * header name). Heads of a headers object are cached by method, path, host and body length.
 */
export function requestHead(method: string, path: string, headers: Record<string, string>, host: string, bodyBytes: number): Buffer | undefined {
  const block = headerBlock(headers);
  if (!block) return undefined;
  // Keyed by the path string itself (a step's path is the same string object each time: no key to build).
  const list = block.heads.get(path);
  if (list) for (const c of list) if (c.method === method && c.bodyBytes === bodyBytes && c.host === host) return c.bytes;
  if (BAD_PATH.test(path) || !TOKEN.test(method)) return undefined;
  let head = `${method} ${path} HTTP/1.1\r\n`;
  if (!block.hasHost) head += `host: ${host}\r\n`;
  head += block.text;
  if (bodyBytes > 0 || BODY_METHODS.has(method)) head += `content-length: ${bodyBytes}\r\n`;
  const bytes = Buffer.from(head + '\r\n', 'latin1');
  if (block.close) { CLOSING_HEADS.add(bytes); anyClosing = true; }
  if (block.size < MAX_CACHED_HEADS) {
    block.size++;
    const entry = { method, host, bodyBytes, bytes };
    if (list) list.push(entry);
    else block.heads.set(path, [entry]);
  }
  return bytes;
}

/** The head (from requestHead) asks for `connection: close`: the connection must not carry another request. */
export function asksClose(head: Buffer): boolean {
  return anyClosing && CLOSING_HEADS.has(head);
}
