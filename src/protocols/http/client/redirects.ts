// Redirect policy (k6's, which is Go's net/http client's): which responses are followed and how the next request looks.

/** Default number of redirects followed (k6's maxRedirects). */
export const DEFAULT_MAX_REDIRECTS = 10;

/** Statuses whose Location is followed. */
const REDIRECTS = new Set([301, 302, 303, 307, 308]);

/** A response with this status and a Location header is a redirect to follow. */
export function isRedirect(status: number, location: string | undefined): boolean {
  return location !== undefined && REDIRECTS.has(status);
}

/** The request a redirect leads to: its method and whether it carries the original body. */
export interface NextHop {
  method: string;
  keepBody: boolean;
}

/** 301/302/303 continue as GET without a body (HEAD stays HEAD); 307/308 keep method and body. */
export function nextHop(method: string, status: number): NextHop {
  if (status === 307 || status === 308) return { method, keepBody: true };
  return { method: method === 'HEAD' ? 'HEAD' : 'GET', keepBody: false };
}

/** Request headers a hop does not carry: the body's own when the body is dropped, credentials when it leaves the origin (as browsers and undici do). */
export function hopHeaders(headers: Record<string, string>, keepBody: boolean, crossOrigin: boolean): Record<string, string> {
  if (keepBody && !crossOrigin) return headers;
  const out: Record<string, string> = {};
  for (const name in headers) {
    const lower = name.toLowerCase();
    if (!keepBody && (lower === 'content-type' || lower === 'content-encoding' || lower === 'content-language')) continue;
    if (crossOrigin && (lower === 'authorization' || lower === 'cookie' || lower === 'proxy-authorization')) continue;
    out[name] = headers[name];
  }
  return out;
}

/** The endpoint name of redirect hop `n` (1-based) of a request named `name`. */
export function hopName(name: string, n: number): string {
  return `${name} (redirect ${n})`;
}
