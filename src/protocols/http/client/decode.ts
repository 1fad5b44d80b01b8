// Response body decoding (Content-Encoding), done after the response's last byte was timed.
import { gunzipSync, inflateSync, inflateRawSync, brotliDecompressSync } from 'node:zlib';

/** Code of a body whose Content-Encoding could not be decoded (corrupt or truncated data). */
export const DECODE_ERROR = 'LC_HTTP_DECODE';

/** What `Accept-Encoding` loadcert sends by default: the codings it decodes. */
export const ACCEPT_ENCODING = 'gzip, deflate, br';

function decodeOne(body: Buffer, coding: string): Buffer | undefined {
  switch (coding) {
    case 'gzip': case 'x-gzip': return gunzipSync(body);
    case 'deflate':
      // RFC 9110 says zlib-wrapped; some servers send raw deflate (browsers accept both).
      return body.length > 1 && (body[0] & 0x0f) === 8 && ((body[0] << 8) | body[1]) % 31 === 0 ? inflateSync(body) : inflateRawSync(body);
    case 'br': return brotliDecompressSync(body);
    case 'identity': case '': return body;
    default: return undefined;
  }
}

/**
 * The body decoded per `contentEncoding` (codings applied in order, so undone from the last), or the
 * bytes unchanged for a coding loadcert does not know (zstd, compress: the body stays as sent). Throws
 * an Error whose `code` is DECODE_ERROR when the data is corrupt.
 */
export function decodeBody(body: Buffer, contentEncoding: string): Buffer {
  const codings = contentEncoding.toLowerCase().split(',');
  let out = body;
  for (let i = codings.length - 1; i >= 0; i--) {
    let next: Buffer | undefined;
    try {
      next = decodeOne(out, codings[i].trim());
    } catch (e) {
      throw Object.assign(new Error(`Content-Encoding ${contentEncoding}: ${(e as Error).message}`), { code: DECODE_ERROR });
    }
    if (next === undefined) return out;
    out = next;
  }
  return out;
}
