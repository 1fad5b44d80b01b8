// Request bodies of the exec client: what each kind of value is sent as, and its Content-Type.

/** A body ready to write, with the Content-Type its kind implies (undefined: none implied). */
export interface EncodedBody {
  body: string | Buffer | undefined;
  contentType?: string;
}

const NONE: EncodedBody = Object.freeze({ body: undefined }) as EncodedBody;

/** A body that must be serialized asynchronously (multipart FormData, Blob). */
function isAsync(raw: unknown): raw is FormData | Blob {
  return (typeof FormData !== 'undefined' && raw instanceof FormData) || (typeof Blob !== 'undefined' && raw instanceof Blob);
}

/**
 * Encodes a request body: null/undefined none; a string as UTF-8 text; Buffer, Uint8Array, ArrayBuffer
 * or another typed array as its bytes; URLSearchParams as an application/x-www-form-urlencoded form;
 * FormData as multipart/form-data (boundary chosen by the platform); a Blob as its bytes with its
 * type; any other value as JSON (application/json). Returns a promise only for FormData and Blob.
 */
export function encodeBody(raw: unknown): EncodedBody | Promise<EncodedBody> {
  if (raw === undefined || raw === null) return NONE;
  if (typeof raw === 'string') return { body: raw };
  if (Buffer.isBuffer(raw)) return { body: raw };
  if (raw instanceof ArrayBuffer) return { body: Buffer.from(raw) };
  if (ArrayBuffer.isView(raw)) return { body: Buffer.from(raw.buffer, raw.byteOffset, raw.byteLength) };
  if (raw instanceof URLSearchParams) return { body: raw.toString(), contentType: 'application/x-www-form-urlencoded;charset=UTF-8' };
  if (isAsync(raw)) return serialize(raw);
  return { body: JSON.stringify(raw), contentType: 'application/json' };
}

/** FormData or Blob through the platform's own serializer (undici's Response), which picks a multipart boundary. */
async function serialize(raw: FormData | Blob): Promise<EncodedBody> {
  const res = new Response(raw);
  const bytes = Buffer.from(await res.arrayBuffer());
  return { body: bytes, contentType: res.headers.get('content-type') ?? undefined };
}
